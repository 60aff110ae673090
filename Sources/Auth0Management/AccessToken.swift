import Foundation

/// A Management API access token with what Roster reads from it: expiry and scopes.
///
/// The claims are read without checking the signature (Auth0 checks it); they only serve the
/// cache and the scope preflight. The token itself never appears in `description`.
public struct AccessToken: Sendable, Equatable, CustomStringConvertible {
    /// The bearer token.
    public let value: Secret
    /// When it stops working: `expires_in` after it was received, else the JWT's `exp`; nil if unknown.
    public let expiresAt: Date?
    /// How long the token lives from issue to expiry, in seconds, when known.
    public let lifetime: TimeInterval?
    /// The granted scopes from the JWT's `scope` claim; nil when the token is not a JWT
    /// (the preflight is then skipped with a warning).
    public let scopes: [String]?

    /// Reads a token. With `expiresIn` (seconds, from the token response) the expiry is
    /// counted on this machine's clock from `receivedAt`, so a skewed clock does not matter;
    /// without it the JWT's `exp` is used.
    public init(_ token: String, expiresIn: Int? = nil, receivedAt: Date = Date()) {
        self.value = Secret(token)
        let claims = Self.claims(of: token)
        if let expiresIn {
            self.expiresAt = receivedAt.addingTimeInterval(TimeInterval(expiresIn))
            self.lifetime = TimeInterval(expiresIn)
        } else if let exp = claims?.exp {
            self.expiresAt = Date(timeIntervalSince1970: exp)
            self.lifetime = claims?.iat.map { exp - $0 }
        } else {
            self.expiresAt = nil
            self.lifetime = nil
        }
        if let claims {
            self.scopes = (claims.scope ?? "").split(separator: " ").map(String.init).sorted()
        } else {
            self.scopes = nil
        }
    }

    /// Whether the token is usable at `date` with `margin` to spare.
    func isValid(at date: Date, margin: TimeInterval) -> Bool {
        guard let expiresAt else { return true }
        return date.addingTimeInterval(margin) < expiresAt
    }

    /// Says whether it is a JWT, its scope count and expiry; never the token.
    public var description: String {
        let kind = scopes.map { "JWT access token with \($0.count) scopes" } ?? "opaque access token"
        return expiresAt.map { "\(kind), expires \($0)" } ?? kind
    }

    private struct Claims: Decodable {
        var exp: Double?
        var iat: Double?
        var scope: String?
    }

    /// The payload of a three-part JWT, or nil when the token is not one.
    private static func claims(of token: String) -> Claims? {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let payload = base64URLDecode(parts[1]) else { return nil }
        return try? JSONDecoder().decode(Claims.self, from: payload)
    }

    private static func base64URLDecode(_ text: Substring) -> Data? {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        return Data(base64Encoded: base64)
    }
}
