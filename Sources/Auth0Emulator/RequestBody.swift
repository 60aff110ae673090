import Foundation
import Hummingbird
import NIOCore

/// Reads a request body of at most a given size, refusing a larger one from its
/// `Content-Length` before reading or, for a chunked body, as soon as it passes the limit.
enum RequestBody {
    /// The body's bytes, or `nil` when it is larger than `maxBytes` (each caller answers 413
    /// in its own API's shape).
    static func read(_ request: Request, maxBytes: Int) async throws -> Data? {
        if let length = request.headers[.contentLength].flatMap(Int.init), length > maxBytes {
            return nil
        }
        do {
            let buffer = try await request.body.collect(upTo: maxBytes)
            return Data(buffer.readableBytesView)
        } catch is NIOTooManyBytesError {
            return nil
        }
    }
}
