import Foundation
import Hummingbird

/// Builds responses with Auth0's content types.
enum JSONResponse {
    /// A JSON response with `Content-Type: application/json; charset=utf-8`.
    static func make(
        status: HTTPResponse.Status = .ok,
        body: JSONValue,
        contentType: String = "application/json; charset=utf-8"
    ) -> Response {
        let data = body.encoded()
        var headers = HTTPFields()
        headers[.contentType] = contentType
        headers[.contentLength] = String(data.count)
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// 204 with an empty body, as Auth0 answers writes.
    static func noContent() -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        return Response(status: .noContent, headers: headers)
    }
}
