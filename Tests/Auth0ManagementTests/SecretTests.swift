import Auth0Emulator
import Auth0Management
import Foundation
import Testing

@Suite("Secrets never leave")
struct SecretTests {
    @Test("no logged line and no error description holds the client secret or an access token")
    func nothingLeaks() async throws {
        let snapshot = TestTenant.snapshot(organizations: 3, memberCount: { _ in 120 })
        let faults = FaultConfiguration(seed: 42, errorRate: 0.2, dropRate: 0.1)
        try await ClientHarness.with(snapshot, configuration: EmulatorConfiguration(faults: faults)) { harness in
            var outputs: [String] = []
            let client = try harness.client(concurrency: 1)
            outputs.append(client.configuration.description)
            let state = try await client.readCurrentState(
                of: TestTenant.desired(organizations: ["org-000", "org-001", "org-002"]), progress: nil)
            #expect(state.organizations.count == 3)
            _ = try await client.removeMembers(organizationID: "org_000000", userIDs: [TestTenant.userID(1)])
            outputs.append("\(await client.statistics())")
            var dumped = ""
            dump(client, to: &dumped)
            outputs.append(dumped)
            outputs.append(String(reflecting: client))

            // Failures that carry the most context: refused token, missing scopes, 403, 404.
            let token = try await TokenTests.issueToken(harness, clientID: TestTenant.readOnlyClientID)
            let attempts: [@Sendable () async throws -> Void] = [
                { _ = try await harness.client(token: token + "x").readCurrentState(of: TestTenant.desired(organizations: ["org-000"]), progress: nil) },
                { try await harness.client(clientID: TestTenant.readOnlyClientID).checkScopes(for: .apply) },
                { _ = try await harness.client(token: token).removeMembers(organizationID: "org_000000", userIDs: ["a|b"]) },
                { _ = try await harness.client().removeMembers(organizationID: "org_nope", userIDs: ["a|b"]) },
            ]
            for attempt in attempts {
                do {
                    try await attempt()
                    Issue.record("expected a failure")
                } catch {
                    outputs.append(String(describing: error))
                    outputs.append(String(reflecting: error))
                }
            }
            do {
                _ = try await ManagementAPIClient(
                    configuration: try ManagementAPIConfiguration(domain: harness.domain),
                    credentials: .clientCredentials(clientID: TestTenant.clientID, clientSecret: Secret("bad-\(TestTenant.secret)")),
                    logger: harness.logs.logger()
                ).readCurrentState(of: TestTenant.desired(organizations: ["org-000"]), progress: nil)
            } catch {
                outputs.append(String(describing: error))
            }

            let lines = harness.logs.all
            #expect(lines.count > 20, "requests were logged at debug level")
            #expect(outputs.count == 13)
            for text in lines + outputs {
                #expect(!text.contains(TestTenant.secret), "secret in: \(text)")
                #expect(!text.contains(token), "token in: \(text)")
                #expect(!text.contains("eyJ"), "a JWT in: \(text)")
                #expect(!text.contains("Bearer"), "an Authorization header in: \(text)")
            }
        }
    }
}
