import Foundation
import Hummingbird
import Logging
import NIOCore

/// `POST /oauth/token`: the client-credentials grant, with a form or JSON body.
///
/// Answers `{access_token, token_type: "Bearer", expires_in, scope}`. Errors use the
/// Authentication API's shape `{"error": ..., "error_description": ...}`.
struct TokenRoutes: Sendable {
    let store: TenantStore
    let issuer: TokenIssuer
    let tokenLifetime: Int
    let maxBodyBytes: Int

    func register(on router: Router<EmulatorRequestContext>) {
        router.post("oauth/token") { request, _ in try await self.token(request) }
    }

    private func token(_ request: Request) async throws -> Response {
        guard let data = try await RequestBody.read(request, maxBytes: maxBodyBytes) else {
            return Self.payloadTooLarge(maxBodyBytes)
        }
        let contentType = request.headers[.contentType]?.lowercased() ?? ""
        let parameters: [String: String]
        if contentType.hasPrefix("application/x-www-form-urlencoded") {
            parameters = Self.formFields(String(decoding: data, as: UTF8.self))
        } else if let object = JSONValue.parse(data)?.objectValue {
            parameters = object.compactMapValues(\.stringValue)
        } else {
            return Self.failure(.badRequest, "invalid_request", "Invalid request body: send a JSON object or a form")
        }

        guard let grantType = parameters["grant_type"], !grantType.isEmpty else {
            return Self.failure(.badRequest, "invalid_request", "Missing required parameter: grant_type")
        }
        guard grantType == "client_credentials" else {
            return Self.failure(.forbidden, "unsupported_grant_type", "Unsupported grant type: \(grantType)")
        }
        guard let clientID = parameters["client_id"], !clientID.isEmpty else {
            return Self.failure(.unauthorized, "access_denied", "Unauthorized")
        }
        guard let client = await store.client(id: clientID),
              let secret = parameters["client_secret"],
              Self.constantTimeEqual(secret, client.clientSecret)
        else {
            return Self.failure(.unauthorized, "access_denied", "Unauthorized")
        }
        let domain = await store.tenantDomain
        guard let audience = parameters["audience"], !audience.isEmpty else {
            return Self.failure(.forbidden, "access_denied",
                                "No audience parameter was provided, and no default audience has been configured")
        }
        guard Self.isAcceptedAudience(audience, domain: domain) else {
            return Self.failure(.forbidden, "access_denied", "Service not enabled within domain: \(audience)")
        }
        var scopes = client.scopes
        if let requested = parameters["scope"]?.split(separator: " ").map(String.init), !requested.isEmpty {
            let missing = requested.filter { !client.scopes.contains($0) }
            if !missing.isEmpty {
                return Self.failure(.forbidden, "access_denied",
                                    "Client has not been granted scopes: \(missing.joined(separator: ", "))")
            }
            scopes = requested
        }
        let token = issuer.issue(clientID: clientID, audience: audience, scopes: scopes, lifetime: tokenLifetime)
        return JSONResponse.make(
            body: .object([
                "access_token": .string(token),
                "token_type": "Bearer",
                "expires_in": .integer(Int64(tokenLifetime)),
                "scope": .string(scopes.joined(separator: " ")),
            ]),
            contentType: "application/json")
    }

    /// Whether an audience names this tenant's Management API: `https://<domain>/api/v2/`,
    /// or a loopback base URL on any port (`http://127.0.0.1:N/api/v2/`, `localhost`, `[::1]`).
    static func isAcceptedAudience(_ audience: String, domain: String) -> Bool {
        if audience == "https://\(domain)/api/v2/" { return true }
        guard let url = URL(string: audience), url.scheme == "http" || url.scheme == "https",
              let host = url.host, ["127.0.0.1", "localhost", "::1", "[::1]"].contains(host)
        else { return false }
        return url.path == "/api/v2" && audience.hasSuffix("/api/v2/") && url.query == nil
    }

    /// Decodes `application/x-www-form-urlencoded` text.
    static func formFields(_ text: String) -> [String: String] {
        var fields: [String: String] = [:]
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ part: Substring) -> String {
                let spaced = part.replacingOccurrences(of: "+", with: " ")
                return spaced.removingPercentEncoding ?? spaced
            }
            let key = decode(parts[0])
            if fields[key] == nil { fields[key] = parts.count > 1 ? decode(parts[1]) : "" }
        }
        return fields
    }

    /// Compares secrets without an early exit on the first differing byte.
    static func constantTimeEqual(_ lhs: String, _ rhs: String) -> Bool {
        let left = Array(lhs.utf8)
        let right = Array(rhs.utf8)
        guard left.count == right.count else { return false }
        var difference: UInt8 = 0
        for index in left.indices { difference |= left[index] ^ right[index] }
        return difference == 0
    }

    /// 413 in the Authentication API's shape, with the message Auth0's HTTP layer sends.
    static func payloadTooLarge(_ limit: Int) -> Response {
        failure(.contentTooLarge, "invalid_request", "Payload content length greater than maximum allowed: \(limit)")
    }

    /// An Authentication API error body.
    static func failure(_ status: HTTPResponse.Status, _ error: String, _ description: String) -> Response {
        JSONResponse.make(
            status: status,
            body: .object(["error": .string(error), "error_description": .string(description)]),
            contentType: "application/json")
    }
}
