import Auth0Management
import Testing

@Suite("Credentials from the environment")
struct CredentialsTests {
    static let secret = "cs-9f8e7d6c5b4a-secret"

    @Test("client id and secret make client credentials")
    func clientCredentials() throws {
        let credentials = try Credentials.fromEnvironment([
            "AUTH0_CLIENT_ID": "roster-ci", "AUTH0_CLIENT_SECRET": Self.secret, "AUTH0_DOMAIN": "acme.eu.auth0.com",
        ])
        guard case .clientCredentials(let id, let secret) = credentials else { Issue.record("wrong kind"); return }
        #expect(id == "roster-ci" && secret.revealed == Self.secret)
        #expect(credentials.canRenew)
    }

    @Test("AUTH0_API_TOKEN makes a pre-issued token that cannot be renewed")
    func token() throws {
        let credentials = try Credentials.fromEnvironment(["AUTH0_API_TOKEN": "tok-123", "AUTH0_CLIENT_ID": ""])
        guard case .accessToken(let token) = credentials else { Issue.record("wrong kind"); return }
        #expect(token.revealed == "tok-123" && !credentials.canRenew)
    }

    @Test("incomplete or ambiguous credentials are refused, naming the variables", arguments: [
        ([:], "AUTH0_CLIENT_ID and AUTH0_CLIENT_SECRET"),
        (["AUTH0_CLIENT_ID": "x"], "AUTH0_CLIENT_SECRET is not"),
        (["AUTH0_CLIENT_SECRET": "x"], "AUTH0_CLIENT_ID is not"),
        (["AUTH0_CLIENT_ID": "x", "AUTH0_CLIENT_SECRET": "y", "AUTH0_API_TOKEN": "z"], "unset one"),
    ] as [([String: String], String)])
    func refused(environment: [String: String], hint: String) {
        let error = #expect(throws: ManagementAPIError.self) { try Credentials.fromEnvironment(environment) }
        #expect(error?.description.contains(hint) == true, "\(String(describing: error))")
        for value in environment.values { #expect(error?.description.contains("\"\(value)\"") != true) }
    }

    @Test("secrets never show in description, interpolation, debug description or dump")
    func redacted() throws {
        let credentials = try Credentials.fromEnvironment(["AUTH0_CLIENT_ID": "roster-ci", "AUTH0_CLIENT_SECRET": Self.secret])
        let token = Credentials.accessToken(Secret(Self.secret))
        var dumped = ""
        dump(credentials, to: &dumped)
        dump(token, to: &dumped)
        dump(Secret(Self.secret), to: &dumped)
        let renderings = [
            credentials.description, "\(credentials)", String(reflecting: credentials), token.description,
            String(reflecting: token), "\(Secret(Self.secret))", String(reflecting: Secret(Self.secret)), dumped,
        ]
        for text in renderings { #expect(!text.contains(Self.secret), "\(text)") }
        #expect(credentials.description == "client credentials for roster-ci")
    }
}
