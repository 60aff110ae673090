import Crypto
import Foundation

/// Issues and verifies HS256 access tokens with a key made fresh for each emulator.
///
/// Claims: `iss`, `sub` (`<client_id>@clients`), `aud`, `iat`, `exp`, `scope` (space
/// separated), `azp` and `gty`, as in an Auth0 client-credentials token.
struct TokenIssuer: Sendable {
    /// The claims the emulator relies on.
    struct Claims: Sendable, Equatable {
        var subject: String
        var audience: String
        var scopes: [String]
        var issuedAt: Int
        var expiresAt: Int
    }

    /// Why a bearer token was refused; each maps to Auth0's 401 message.
    enum VerificationFailure: Error, Equatable {
        case malformed
        case badSignature
        case expired
    }

    /// The signing key's bytes (SymmetricKey itself is not Sendable in swift-crypto 3).
    private let keyBytes: [UInt8]
    private var key: SymmetricKey { SymmetricKey(data: keyBytes) }
    private let issuer: String

    /// Creates an issuer with a random 256-bit key.
    init(domain: String) {
        self.keyBytes = SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) }
        self.issuer = "https://\(domain)/"
    }

    /// Signs a token for a client.
    func issue(clientID: String, audience: String, scopes: [String], lifetime: Int, now: Date = Date()) -> String {
        let issuedAt = Int(now.timeIntervalSince1970)
        let header: JSONValue = .object(["alg": "HS256", "typ": "JWT"])
        let payload: JSONValue = .object([
            "iss": .string(issuer),
            "sub": .string("\(clientID)@clients"),
            "aud": .string(audience),
            "iat": .integer(Int64(issuedAt)),
            "exp": .integer(Int64(issuedAt + lifetime)),
            "scope": .string(scopes.joined(separator: " ")),
            "azp": .string(clientID),
            "gty": "client-credentials",
        ])
        let signingInput = Base64URL.encode(header.encoded()) + "." + Base64URL.encode(payload.encoded())
        let signature = HMAC<SHA256>.authenticationCode(for: Data(signingInput.utf8), using: key)
        return signingInput + "." + Base64URL.encode(Data(signature))
    }

    /// Checks a token's form, signature and expiry, and returns its claims.
    func verify(_ token: String, now: Date = Date()) throws(VerificationFailure) -> Claims {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3,
              let headerData = Base64URL.decode(parts[0]),
              let header = JSONValue.parse(headerData)?.objectValue,
              let payloadData = Base64URL.decode(parts[1]),
              let payload = JSONValue.parse(payloadData)?.objectValue,
              let signature = Base64URL.decode(parts[2])
        else { throw .malformed }
        guard header["alg"] == "HS256" else { throw .badSignature }
        let signingInput = Data("\(parts[0]).\(parts[1])".utf8)
        guard HMAC<SHA256>.isValidAuthenticationCode(signature, authenticating: signingInput, using: key) else {
            throw .badSignature
        }
        guard case .string(let subject)? = payload["sub"],
              case .string(let audience)? = payload["aud"],
              case .integer(let issuedAt)? = payload["iat"],
              case .integer(let expiresAt)? = payload["exp"]
        else { throw .malformed }
        if expiresAt <= Int64(now.timeIntervalSince1970) { throw .expired }
        let scopes = payload["scope"]?.stringValue?.split(separator: " ").map(String.init) ?? []
        return Claims(subject: subject, audience: audience, scopes: scopes,
                      issuedAt: Int(issuedAt), expiresAt: Int(expiresAt))
    }
}
