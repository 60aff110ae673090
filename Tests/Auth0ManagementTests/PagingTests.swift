import Auth0Emulator
import Auth0Management
import RosterCore
import Testing

@Suite("Member paging")
struct PagingTests {
    /// Auth0 puts `next` on every non-empty member page, even a short last one, and answers
    /// the page after it with an empty list: `n` members take `ceil(n / 100) + 1` pages.
    static func memberPages(_ members: Int) -> Int { (members + 99) / 100 + 1 }

    @Test("an organization is read completely at every page boundary, in one lookup plus ceil(n/100)+1 pages",
          arguments: [0, 1, 100, 101, 5_000])
    func pagingBoundaries(members: Int) async throws {
        let snapshot = TestTenant.snapshot(organizations: 1, memberCount: { _ in members })
        try await ClientHarness.with(snapshot) { harness in
            let client = try harness.client()
            let state = try await client.readCurrentState(
                of: TestTenant.desired(organizations: ["org-000"]), progress: nil)

            #expect(state.diagnostics.isEmpty)
            #expect(state.organizations == [TestTenant.expected(snapshot.organizations[0], in: snapshot)])
            #expect(state.organizations.first?.members?.count == members)

            let requests = await harness.apiRequests()
            let memberPath = "/api/v2/organizations/org_000000/members"
            #expect(requests.map(\.description) ==
                ["GET /api/v2/organizations/name/org-000 200"]
                + Array(repeating: "GET \(memberPath) 200", count: Self.memberPages(members)))
        }
    }

    @Test("the page count formula follows Auth0's trailing empty page",
          arguments: [(0, 1), (1, 2), (99, 2), (100, 2), (101, 3), (200, 3), (5_000, 51)])
    func formula(members: Int, pages: Int) {
        #expect(Self.memberPages(members) == pages)
    }

    @Test("members' roles come inline from the member list, never from per-member role calls")
    func rolesInline() async throws {
        let snapshot = TestTenant.snapshot(organizations: 1, memberCount: { _ in 30 })
        try await ClientHarness.with(snapshot) { harness in
            let state = try await harness.client().readCurrentState(
                of: TestTenant.desired(organizations: ["org-000"]), progress: nil)
            let member = try #require(state.organizations.first?.member(userID: TestTenant.userID(0)))
            #expect(member.roles == [TenantRole(id: "rol_admin01", name: "admin"), TenantRole(id: "rol_viewer01", name: "viewer")])
            #expect(member.email == "user0@example.com")
            let requests = await harness.apiRequests()
            #expect(!requests.contains { $0.path.hasSuffix("/roles") })
        }
    }
}
