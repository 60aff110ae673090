import Auth0Emulator
import Foundation
import Testing

@Suite("Tokens and 401s")
struct AuthenticationTests {
    @Test("a token is an HS256 JWT carrying scope, exp, aud, sub and iat")
    func tokenClaims() async throws {
        try await EmulatorHarness.with { harness in
            let token = try await harness.token()
            let parts = token.split(separator: ".")
            #expect(parts.count == 3)
            func decode(_ part: Substring) throws -> [String: Any] {
                var base64 = part.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
                while base64.count % 4 != 0 { base64 += "=" }
                let data = try #require(Data(base64Encoded: base64))
                return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            }
            let header = try decode(parts[0])
            let payload = try decode(parts[1])
            #expect(header["alg"] as? String == "HS256")
            #expect(payload["sub"] as? String == "\(Fixtures.fullClientID)@clients")
            #expect(payload["aud"] as? String == harness.emulator.audience)
            #expect((payload["scope"] as? String)?.split(separator: " ").map(String.init) == Fixtures.allScopes)
            let iat = try #require(payload["iat"] as? Int)
            let exp = try #require(payload["exp"] as? Int)
            #expect(exp - iat == 86_400)
        }
    }

    @Test("a form-encoded token request with the tenant's own audience works")
    func formAndDomainAudience() async throws {
        try await EmulatorHarness.with { harness in
            let form = "grant_type=client_credentials&client_id=roster-all&client_secret=roster-all-secret"
                + "&audience=https%3A%2F%2Facme.eu.auth0.com%2Fapi%2Fv2%2F"
            let reply = try await harness.send(
                .POST, "/oauth/token", rawBody: Data(form.utf8), contentType: "application/x-www-form-urlencoded")
            #expect(reply.status == 200)
            #expect(reply.object["token_type"] as? String == "Bearer")
        }
    }

    @Test("loopback audiences on any port are accepted", arguments: [
        "http://127.0.0.1:1/api/v2/", "http://localhost:8443/api/v2/", "https://acme.eu.auth0.com/api/v2/",
    ])
    func loopbackAudience(_ audience: String) async throws {
        try await EmulatorHarness.with { harness in
            let reply = try await harness.send(.POST, "/oauth/token", json: [
                "grant_type": "client_credentials", "client_id": "roster-all",
                "client_secret": "roster-all-secret", "audience": audience,
            ])
            #expect(reply.status == 200)
        }
    }

    @Test("a foreign audience is refused with 403 access_denied")
    func foreignAudience() async throws {
        try await EmulatorHarness.with { harness in
            let reply = try await harness.send(.POST, "/oauth/token", json: [
                "grant_type": "client_credentials", "client_id": "roster-all",
                "client_secret": "roster-all-secret", "audience": "https://other.auth0.com/api/v2/",
            ])
            #expect(reply.status == 403)
            #expect(reply.object["error"] as? String == "access_denied")
            #expect(reply.object["error_description"] as? String
                == "Service not enabled within domain: https://other.auth0.com/api/v2/")
        }
    }

    @Test("bad client credentials get 401 access_denied Unauthorized", arguments: [
        ("roster-all", "wrong-secret"), ("no-such-client", "roster-all-secret"), ("roster-all", ""),
    ])
    func badCredentials(_ client: String, _ secret: String) async throws {
        try await EmulatorHarness.with { harness in
            let reply = try await harness.send(.POST, "/oauth/token", json: [
                "grant_type": "client_credentials", "client_id": client, "client_secret": secret,
                "audience": harness.emulator.audience,
            ])
            #expect(reply.status == 401)
            #expect(NSDictionary(dictionary: reply.object)
                == NSDictionary(dictionary: ["error": "access_denied", "error_description": "Unauthorized"]))
        }
    }

    @Test("asking for a scope the client was not granted is refused")
    func ungrantedScope() async throws {
        try await EmulatorHarness.with { harness in
            let reply = try await harness.send(.POST, "/oauth/token", json: [
                "grant_type": "client_credentials", "client_id": "only-read:roles",
                "client_secret": "only-read:roles-secret", "audience": harness.emulator.audience,
                "scope": "read:roles read:users",
            ])
            #expect(reply.status == 403)
            #expect(reply.object["error_description"] as? String == "Client has not been granted scopes: read:users")
        }
    }

    @Test("another grant type is refused")
    func otherGrant() async throws {
        try await EmulatorHarness.with { harness in
            let reply = try await harness.send(.POST, "/oauth/token", json: [
                "grant_type": "password", "client_id": "roster-all", "client_secret": "roster-all-secret",
            ])
            #expect(reply.status == 403)
            #expect(reply.object["error"] as? String == "unsupported_grant_type")
        }
    }

    static let cases: [(String, [(String, String)], String)] = [
        ("no Authorization header", [], "Missing authentication"),
        ("a Basic header", [("Authorization", "Basic YWJjOmRlZg==")], "Bad HTTP authentication header format"),
        ("a token that is not a JWT", [("Authorization", "Bearer not-a-jwt")], "Invalid token"),
        ("a JWT with a garbage payload", [("Authorization", "Bearer eyJhbGciOiJIUzI1NiJ9.!!!.abc")], "Invalid token"),
    ]

    @Test("missing or malformed credentials get Auth0's 401", arguments: 0 ..< 4)
    func malformed(_ index: Int) async throws {
        let (_, headers, message) = Self.cases[index]
        try await EmulatorHarness.with { harness in
            let reply = try await harness.send(.GET, "/api/v2/roles", headers: headers)
            #expect(reply.status == 401)
            #expect(NSDictionary(dictionary: reply.object) == NSDictionary(dictionary: [
                "statusCode": 401, "error": "Unauthorized", "message": message,
            ]))
        }
    }

    @Test("a token signed by another emulator has a bad signature")
    func badSignature() async throws {
        let foreign = try await EmulatorHarness.with { try await $0.token() }
        try await EmulatorHarness.with { harness in
            let reply = try await harness.send(.GET, "/api/v2/roles", token: foreign)
            #expect(reply.status == 401)
            #expect(reply.object["message"] as? String == "Invalid signature received for JSON Web Token validation")
            #expect(NSDictionary(dictionary: reply.object) == NSDictionary(dictionary: [
                "statusCode": 401, "error": "Unauthorized", "message": "Invalid signature received for JSON Web Token validation",
            ]), "\(reply.text)")
        }
    }

    @Test("a tampered token has a bad signature")
    func tampered() async throws {
        try await EmulatorHarness.with { harness in
            let token = try await harness.token(clientID: "only-read:roles")
            var parts = token.split(separator: ".").map(String.init)
            let everything = #"{"sub":"x@clients","aud":"a","iat":1,"exp":9999999999,"scope":"read:users"}"#
            parts[1] = Data(everything.utf8).base64EncodedString()
                .replacingOccurrences(of: "=", with: "").replacingOccurrences(of: "+", with: "-")
                .replacingOccurrences(of: "/", with: "_")
            let reply = try await harness.send(.GET, "/api/v2/users-by-email?email=a@b.c", token: parts.joined(separator: "."))
            #expect(reply.status == 401)
            #expect(reply.object["message"] as? String == "Invalid signature received for JSON Web Token validation")
            #expect(NSDictionary(dictionary: reply.object) == NSDictionary(dictionary: [
                "statusCode": 401, "error": "Unauthorized", "message": "Invalid signature received for JSON Web Token validation",
            ]), "\(reply.text)")
        }
    }

    @Test("an expired token gets 401 Expired token")
    func expired() async throws {
        try await EmulatorHarness.with(configuration: EmulatorConfiguration(tokenLifetime: 0)) { harness in
            let token = try await harness.token()
            let reply = try await harness.send(.GET, "/api/v2/roles", token: token)
            #expect(reply.status == 401)
            #expect(reply.object["message"] as? String == "Expired token received for JSON Web Token validation")
            #expect(NSDictionary(dictionary: reply.object) == NSDictionary(dictionary: [
                "statusCode": 401, "error": "Unauthorized", "message": "Expired token received for JSON Web Token validation",
            ]), "\(reply.text)")
            #expect(reply.object["errorCode"] == nil)
        }
    }
}
