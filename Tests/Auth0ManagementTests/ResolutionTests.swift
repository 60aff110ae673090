import Auth0Emulator
import Auth0Management
import RosterCore
import Testing

@Suite("Resolving the desired state against the tenant")
struct ResolutionTests {
    static let file = "teams/acme.yaml"
    static func at(_ line: Int, _ column: Int = 5) -> RosterCore.SourceLocation { RosterCore.SourceLocation(file: file, line: line, column: column) }

    /// A tenant where two users share an email.
    static var snapshot: TenantSnapshot {
        TestTenant.snapshot(organizations: 2, memberCount: { _ in 3 }, extraUsers: [
            .init(userID: "auth0|twin-a", email: "twin@example.com"),
            .init(userID: "google-oauth2|twin-b", email: "twin@example.com"),
        ])
    }

    @Test("every resolution problem is reported in one pass, each at the entry that caused it")
    func allProblemsLocated() async throws {
        let members = [
            MemberSpec(principal: .userID(TestTenant.userID(0)), roles: [.name("Admin")], location: Self.at(4)),
            MemberSpec(principal: .email("nobody@example.com"), roles: nil, location: Self.at(6)),
            MemberSpec(principal: .email("twin@example.com"), roles: nil, location: Self.at(7)),
            MemberSpec(principal: .userID(TestTenant.userID(1)), roles: [.name("viewer"), .id("rol_gone")], location: Self.at(8)),
        ]
        let desired = DesiredState(files: [Self.file], organizations: [
            OrganizationSpec(name: "org-000", id: nil, policy: .defaults, members: members, location: Self.at(2, 1)),
            OrganizationSpec(name: "org-001", id: "org_000000", policy: .defaults, members: [], location: Self.at(20, 1)),
            OrganizationSpec(name: "org-404", id: nil, policy: .defaults, members: [], location: Self.at(30, 1)),
            OrganizationSpec(name: "org-pinned-404", id: "org_nope", policy: .defaults, members: [], location: Self.at(40, 1)),
        ])
        try await ClientHarness.with(Self.snapshot) { harness in
            let state = try await harness.client().readCurrentState(of: desired, progress: nil)
            let rendered = state.diagnostics.map { "\($0.location!): \($0.message)" }
            #expect(rendered.count == 7, "\(rendered)")
            #expect(state.diagnostics.map(\.location) == [Self.at(4), Self.at(6), Self.at(7), Self.at(8),
                                                          Self.at(20, 1), Self.at(30, 1), Self.at(40, 1)])
            #expect(state.diagnostics.allSatisfy { $0.severity == .error })
            #expect(rendered[0].contains("unknown role \"Admin\""), "names are compared exactly: Admin is not admin")
            #expect(rendered[1].contains("no user of 127.0.0.1 has the email \"nobody@example.com\""))
            #expect(rendered[2].contains("2 users") && rendered[2].contains("auth0|twin-a, google-oauth2|twin-b"))
            #expect(rendered[3].contains("unknown role id \"rol_gone\""))
            #expect(rendered[4].contains("pins id org_000000, but that organization is named \"org-000\""))
            #expect(rendered[5].contains("no organization named \"org-404\""))
            #expect(rendered[6].contains("no organization with id org_nope"))
            #expect(state.organizations.map(\.name) == ["org-000"], "only usable organizations are returned")
            #expect(state.resolution.roleIDsByName == ["viewer": "rol_viewer01"])
            #expect(state.resolution.userIDsByEmail.isEmpty)
        }
    }

    @Test("min_role_holders names are resolved too, located at their organization")
    func minRoleHolders() async throws {
        var policy = Policy.defaults
        policy.minRoleHolders = ["admin": 1, "owner": 1]
        let desired = DesiredState(files: [Self.file], organizations: [
            OrganizationSpec(name: "org-000", id: nil, policy: policy, members: [], location: Self.at(2, 1)),
        ])
        try await ClientHarness.with(Self.snapshot) { harness in
            let state = try await harness.client().readCurrentState(of: desired, progress: nil)
            #expect(state.resolution.roleIDsByName == ["admin": "rol_admin01"])
            #expect(state.diagnostics.map(\.message) == [
                "unknown role \"owner\": no role of 127.0.0.1 has this exact name (names are case-sensitive)",
            ])
            #expect(state.diagnostics.first?.location == Self.at(2, 1))
        }
    }

    @Test("two reads of the same tenant are equal whatever the interleaving", arguments: [1, 4, 16])
    func deterministic(concurrency: Int) async throws {
        let snapshot = TestTenant.snapshot(organizations: 12, memberCount: { ($0 * 37) % 230 })
        let desired = TestTenant.desired(organizations: snapshot.organizations.map(\.name).reversed())
        try await ClientHarness.with(snapshot) { harness in
            let first = try await harness.client(concurrency: concurrency).readCurrentState(of: desired, progress: nil)
            let second = try await harness.client(concurrency: 4).readCurrentState(of: desired, progress: nil)
            #expect(first == second)
            #expect(first.organizations == snapshot.organizations.map { TestTenant.expected($0, in: snapshot) })
        }
    }
}
