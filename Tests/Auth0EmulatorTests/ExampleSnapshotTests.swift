import Auth0Emulator
import Foundation
import Testing

/// examples/acme/tenant.json is valid and holds the organizations the README walks through.
@Suite("The acme example snapshot")
struct ExampleSnapshotTests {
    static var url: URL { Fixtures.repositoryURL.appendingPathComponent("examples/acme/tenant.json") }

    @Test("the example loads and serves acme's members with their roles")
    func serves() async throws {
        let snapshot = try TenantSnapshot.load(contentsOf: Self.url)
        #expect(snapshot.domain == "acme.eu.auth0.com")
        try await EmulatorHarness.with(snapshot) { harness in
            let token = try await harness.token(clientID: "roster-ci", secret: "roster-ci-secret")
            let reply = try await harness.send(
                .GET, "/api/v2/organizations/org_7Qb2Lc9TgHnY1xQw/members?fields=user_id,roles", token: token)
            #expect(reply.status == 200)
            let roles = Dictionary(uniqueKeysWithValues: reply.array.map { member in
                (member["user_id"] as? String ?? "",
                 ((member["roles"] as? [[String: Any]]) ?? []).compactMap { $0["name"] as? String })
            })
            #expect(roles == [
                "auth0|64f1a2b3c4d5e6f7a8b9c0d1": ["admin", "billing"],
                "auth0|64f1a2b3c4d5e6f7a8b9c0d2": ["viewer", "support"],
                "auth0|breakglass": ["admin"],
                "google-oauth2|109876543210": [],
                "auth0|64f1a2b3c4d5e6f7a8b9c0d3": ["viewer"],
            ])
            let globex = try await harness.send(.GET, "/api/v2/organizations/name/globex", token: token)
            #expect(globex.object["id"] as? String == "org_2Hs8Kd3LmNp4QrSt")
        }
    }
}
