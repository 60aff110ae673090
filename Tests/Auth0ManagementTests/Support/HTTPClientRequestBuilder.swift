import AsyncHTTPClient
import Foundation
import NIOCore

/// Gets a token from the emulator directly, for tests that give the client a pre-issued token.
struct HTTPClientRequestBuilder {
    var request: HTTPClientRequest

    static func tokenRequest(url: String, clientID: String, secret: String, audience: String) -> HTTPClientRequestBuilder {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        let body = try! JSONSerialization.data(withJSONObject: [
            "grant_type": "client_credentials", "client_id": clientID, "client_secret": secret, "audience": audience,
        ])
        request.body = .bytes(ByteBuffer(bytes: body))
        return HTTPClientRequestBuilder(request: request)
    }

    /// Sends the token request and returns `access_token`.
    mutating func send() async throws -> String {
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
        let body = try await response.body.collect(upTo: 1 << 20)
        let object = try JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [String: Any]
        guard let token = object?["access_token"] as? String else { throw TokenError() }
        return token
    }

    struct TokenError: Error {}
}
