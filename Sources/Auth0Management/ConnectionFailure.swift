import AsyncHTTPClient
import NIOCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a failure without an answer was, and whether trying again can help.
enum ConnectionFailure: Equatable {
    /// A timeout, a closed or reset connection, or a connection that could not be made:
    /// worth another attempt. `neverSent` is true when the request cannot have reached the
    /// server (the connection was never made), so even a non-idempotent request may be retried.
    case transient(String, neverSent: Bool)
    /// The TLS handshake or the certificate failed: trying again cannot help.
    case insecure(String)
    /// The body was larger than the cap.
    case tooLarge
    /// Anything else: not retried.
    case other(String)

    /// Classifies an error thrown while sending a request or reading its answer. The
    /// description is short and secret-free.
    static func classify(_ error: any Error) -> ConnectionFailure {
        if error is NIOTooManyBytesError { return .tooLarge }
        if let error = error as? HTTPClientError {
            switch error {
            case .connectTimeout, .getConnectionFromPoolTimeout:
                return .transient("timed out connecting", neverSent: true)
            case .tlsHandshakeTimeout:
                return .transient("timed out during the TLS handshake", neverSent: true)
            case .deadlineExceeded, .readTimeout, .writeTimeout:
                return .transient("timed out", neverSent: false)
            case .remoteConnectionClosed:
                return .transient("the connection was closed without an answer", neverSent: false)
            default:
                // The case's name only: some cases carry the request's header values, and
                // the Authorization header holds the token.
                return .other("HTTP client error \(String(describing: error).prefix { $0 != "(" })")
            }
        }
        let typeName = String(reflecting: type(of: error))
        // An HTTP/2 stream the server reset (Auth0 answers over HTTP/2): like a reset
        // connection; REFUSED_STREAM says the request was not processed at all.
        if typeName.hasSuffix("StreamClosed") {
            return .transient("the stream was reset", neverSent: String(describing: error).localizedCaseInsensitiveContains("refused stream"))
        }
        // An answer cut off partway (the connection closed inside the body).
        if typeName.hasSuffix("HTTPParserError") {
            return .transient("the answer was cut off", neverSent: false)
        }
        if typeName.contains("SSL") || typeName.contains("TLS") || typeName.contains("Certificate") {
            return .insecure("\(typeName.split(separator: ".").last.map(String.init) ?? typeName): \(error)")
        }
        if let error = error as? ChannelError {
            switch error {
            case .connectTimeout: return .transient("timed out connecting", neverSent: true)
            case .ioOnClosedChannel, .eof, .alreadyClosed, .outputClosed, .inputClosed:
                return .transient("the connection was closed without an answer", neverSent: false)
            default: return .other("channel error \(error)")
            }
        }
        if let error = error as? IOError {
            switch error.errnoCode {
            case ECONNREFUSED, ENETUNREACH, EHOSTUNREACH: return .transient("connection refused", neverSent: true)
            case ECONNRESET, EPIPE, ECONNABORTED: return .transient("the connection was reset", neverSent: false)
            case ETIMEDOUT: return .transient("timed out", neverSent: false)
            default: return .other("I/O error \(error.errnoCode)")
            }
        }
        // NIOPosix's NIOConnectionError (every address refused or unreachable) and the
        // like: the connection was never made.
        if typeName.contains("ConnectionError") || String(describing: error).localizedCaseInsensitiveContains("refused") {
            return .transient("connection refused", neverSent: true)
        }
        return .other(typeName.split(separator: ".").last.map(String.init) ?? typeName)
    }

    /// The short description.
    var reason: String {
        switch self {
        case .transient(let text, _), .insecure(let text), .other(let text): return text
        case .tooLarge: return "the answer was too large"
        }
    }
}
