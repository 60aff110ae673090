import Auth0Emulator
import Auth0Management
import RosterCore
import Testing

@Suite("Request count")
struct RequestCountTests {
    @Test("a plan's read makes exactly the minimum number of requests")
    func minimumRequests() async throws {
        // Three organizations with 0, 150 and 250 members; one pinned by id.
        let counts = [0, 150, 250]
        let snapshot = TestTenant.snapshot(organizations: 3, memberCount: { counts[$0] })
        let location = { (line: Int) in RosterCore.SourceLocation(file: "orgs.yaml", line: line, column: 5) }
        let members = [
            MemberSpec(principal: .userID(TestTenant.userID(0)), roles: [.name("admin"), .name("viewer")], location: location(2)),
            MemberSpec(principal: .email("user1@example.com"), roles: [.id("rol_viewer01")], location: location(3)),
            MemberSpec(principal: .email("user2@example.com"), roles: nil, location: location(4)),
        ]
        var desired = TestTenant.desired(
            organizations: ["org-000", "org-001", "org-002"], members: members, pinnedIDs: ["org-001": "org_000001"])
        // The same email in a second organization is resolved once.
        desired.organizations[2].members?.append(
            MemberSpec(principal: .email("user1@example.com"), roles: [], location: location(40)))

        try await ClientHarness.with(snapshot) { harness in
            let state = try await harness.client().readCurrentState(of: desired, progress: nil)
            #expect(state.diagnostics.isEmpty)
            #expect(state.organizations == snapshot.organizations.map { TestTenant.expected($0, in: snapshot) })
            #expect(state.resolution.roleIDsByName == ["admin": "rol_admin01", "viewer": "rol_viewer01"])
            #expect(state.resolution.userIDsByEmail == [
                "user1@example.com": TestTenant.userID(1), "user2@example.com": TestTenant.userID(2),
            ])

            let requests = await harness.apiRequests()
            let lookups = 3
            let memberPages = counts.map(PagingTests.memberPages).reduce(0, +)  // 1 + 3 + 4
            let rolePages = 1  // 4 roles, 100 per page
            let emailLookups = 2  // distinct emails
            #expect(requests.count == lookups + memberPages + rolePages + emailLookups)
            #expect(requests.count == 14)
            #expect(requests.allSatisfy { $0.status == 200 })
            #expect(requests.filter { $0.path == "/api/v2/organizations/org_000001" }.count == 1, "pinned: by id")
            #expect(requests.filter { $0.path.hasPrefix("/api/v2/organizations/name/") }.count == 2)
            #expect(requests.filter { $0.path == "/api/v2/roles" }.count == rolePages)
            #expect(requests.filter { $0.path == "/api/v2/users-by-email" }.count == emailLookups)
            let tokenRequests = await harness.emulator.requestLog().filter { $0.path == "/oauth/token" }
            #expect(tokenRequests.count == 1, "the token is fetched once and cached")
        }
    }

    @Test("roles are not listed when no role is named, and organizations whose membership is unmanaged cost one lookup")
    func nothingExtra() async throws {
        let snapshot = TestTenant.snapshot(organizations: 2, memberCount: { _ in 10 })
        var desired = TestTenant.desired(organizations: ["org-000", "org-001"])
        desired.organizations[1].members = nil
        try await ClientHarness.with(snapshot) { harness in
            let state = try await harness.client().readCurrentState(of: desired, progress: nil)
            #expect(state.organization(named: "org-001")?.members == nil)
            #expect(state.organization(named: "org-000")?.members?.count == 10)
            let requests = await harness.apiRequests()
            #expect(requests.count == 1 + 2 + 1)
            #expect(!requests.contains { $0.path == "/api/v2/roles" })
        }
    }

    @Test("roles are paged through to the last one", arguments: [0, 99, 100, 101, 250])
    func rolePaging(count: Int) async throws {
        var snapshot = TestTenant.snapshot(organizations: 1, memberCount: { _ in 0 })
        snapshot.roles = (0 ..< count).map { .init(id: String(format: "rol_%05d", $0), name: "role-\($0)") }
            + [.init(id: "rol_last", name: "needle")]
        let member = MemberSpec(principal: .userID("auth0|x"), roles: [.name("needle")],
                                location: RosterCore.SourceLocation(file: "orgs.yaml", line: 3, column: 5))
        try await ClientHarness.with(snapshot) { harness in
            let state = try await harness.client().readCurrentState(
                of: TestTenant.desired(organizations: ["org-000"], members: [member]), progress: nil)
            #expect(state.resolution.roleIDsByName == ["needle": "rol_last"])
            let rolePages = await harness.apiRequests().filter { $0.path == "/api/v2/roles" }.count
            #expect(rolePages == (count + 1 + 99) / 100)
        }
    }
}
