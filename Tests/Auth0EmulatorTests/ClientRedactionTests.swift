import Auth0Emulator
import Testing

@Suite("Client secrets stay out of output")
struct ClientRedactionTests {
    static let secret = "s3cret-value-never-printed"
    static let client = TenantSnapshot.Client(clientID: "roster-ci", clientSecret: secret, scopes: ["read:roles"])

    @Test("description, debug description and dump redact the secret")
    func redacted() {
        var dumped = ""
        dump(Self.client, to: &dumped)
        var dumpedSnapshot = ""
        dump(TenantSnapshot(domain: "acme.eu.auth0.com", clients: [Self.client]), to: &dumpedSnapshot)
        let outputs = [
            String(describing: Self.client), String(reflecting: Self.client), "\(Self.client)",
            dumped, dumpedSnapshot, String(describing: [Self.client]),
            String(reflecting: TenantSnapshot(domain: "acme.eu.auth0.com", clients: [Self.client])),
        ]
        for output in outputs {
            #expect(!output.contains(Self.secret), "\(output)")
            #expect(output.contains("roster-ci"), "the client id is still shown")
        }
        #expect(dumped.contains("<redacted>"))
    }
}
