import Auth0Emulator
import Auth0Management
import RosterCore
import Testing

@Suite("Reading whole organizations (roster export)")
struct ExportReadingTests {
    @Test("every organization through checkpoint pages, each with all its members, and the roles")
    func everyOrganization() async throws {
        // 150 organizations: two checkpoint pages of organizations (the second one short).
        let snapshot = TestTenant.snapshot(organizations: 150, memberCount: { $0 == 7 ? 120 : $0 % 3 })
        try await ClientHarness.with(snapshot) { harness in
            let (membership, missing) = try await harness.client().readMembership(of: [], progress: nil)
            #expect(missing.isEmpty)
            #expect(membership.organizations.count == 150)
            #expect(membership.organizations == snapshot.organizations.map { TestTenant.expected($0, in: snapshot) }
                .sorted { $0.name < $1.name })
            #expect(membership.roles.count == snapshot.roles.count)
            let requests = await harness.apiRequests()
            #expect(requests.filter { $0.path == "/api/v2/organizations" }.count == 2)
            #expect(requests.allSatisfy { $0.method == "GET" })
        }
    }

    @Test("--org names are looked up by name; the names the tenant lacks are returned")
    func named() async throws {
        let snapshot = TestTenant.snapshot(organizations: 3, memberCount: { _ in 2 })
        try await ClientHarness.with(snapshot) { harness in
            let (membership, missing) = try await harness.client().readMembership(of: ["org-002", "nope"], progress: nil)
            #expect(membership.organizations.map(\.name) == ["org-002"])
            #expect(membership.organizations[0].members?.count == 2)
            #expect(missing == ["nope"])
            #expect(await harness.apiRequests().filter { $0.path == "/api/v2/organizations" }.isEmpty)
        }
    }

    @Test("a client without the read scopes is refused before anything is read")
    func scopes() async throws {
        let snapshot = TestTenant.snapshot(organizations: 1, memberCount: { _ in 1 })
        try await ClientHarness.with(snapshot) { harness in
            await #expect(throws: ManagementAPIError.self) {
                _ = try await harness.client(clientID: TestTenant.noScopesClientID).readMembership(of: [], progress: nil)
            }
            #expect(await harness.apiRequests().isEmpty)
        }
    }
}
