import Testing
@testable import RosterCore

@Suite("Planner")
struct PlannerTests {
    typealias F = Fixture

    /// One planning scenario: the file's members and policy, the tenant's members, and the
    /// step ids the plan must hold in order.
    struct Scenario: CustomTestStringConvertible, Sendable {
        var name: String
        var declared: [MemberSpec]?
        var policy: Policy
        var tenant: [CurrentMember]
        var expected: [String]
        var testDescription: String { name }
    }

    static let scenarios: [Scenario] = [
        Scenario(name: "authoritative members: an undeclared member is removed",
                 declared: [F.member("auth0|ann", nil)], policy: F.policy(),
                 tenant: [F.tenantMember("auth0|ann"), F.tenantMember("auth0|zed")],
                 expected: ["acme/remove_member/auth0|zed"]),
        Scenario(name: "additive members: an undeclared member is left alone",
                 declared: [F.member("auth0|ann", nil)], policy: F.policy(members: .additive),
                 tenant: [F.tenantMember("auth0|ann"), F.tenantMember("auth0|zed")], expected: []),
        Scenario(name: "unmanaged membership (members: nil) plans nothing",
                 declared: nil, policy: F.policy(), tenant: [F.tenantMember("auth0|zed")], expected: []),
        Scenario(name: "authoritative roles: an undeclared role of a declared member is removed",
                 declared: [F.member("auth0|ann", ["admin"])], policy: F.policy(),
                 tenant: [F.tenantMember("auth0|ann", [F.admin, F.viewer])],
                 expected: ["acme/remove_role/auth0|ann/rol_viewer"]),
        Scenario(name: "additive roles: an undeclared role is left alone",
                 declared: [F.member("auth0|ann", ["admin"])], policy: F.policy(roles: .additive),
                 tenant: [F.tenantMember("auth0|ann", [F.admin, F.viewer])], expected: []),
        Scenario(name: "unmanaged roles (null) of a declared member are left alone",
                 declared: [F.member("auth0|ann", nil)], policy: F.policy(),
                 tenant: [F.tenantMember("auth0|ann", [F.admin, F.viewer])], expected: []),
        Scenario(name: "an empty role list removes every role",
                 declared: [F.member("auth0|ann", [])], policy: F.policy(),
                 tenant: [F.tenantMember("auth0|ann", [F.admin, F.viewer])],
                 expected: ["acme/remove_role/auth0|ann/rol_admin", "acme/remove_role/auth0|ann/rol_viewer"]),
        Scenario(name: "a member being removed gets no role removals",
                 declared: [F.member("auth0|ann", [])], policy: F.policy(),
                 tenant: [F.tenantMember("auth0|ann"), F.tenantMember("auth0|zed", [F.admin, F.viewer])],
                 expected: ["acme/remove_member/auth0|zed"]),
        Scenario(name: "a member named by email is resolved and its roles managed",
                 declared: [F.member("bob@example.com", ["viewer"])], policy: F.policy(),
                 tenant: [F.tenantMember("auth0|bob", [F.billing, F.viewer], email: "bob@example.com")],
                 expected: ["acme/remove_role/auth0|bob/rol_billing"]),
        Scenario(name: "a member protected by user id is never removed",
                 declared: [F.member("auth0|ann", nil)], policy: F.policy(protected: ["auth0|zed"]),
                 tenant: [F.tenantMember("auth0|ann"), F.tenantMember("auth0|zed")], expected: []),
        Scenario(name: "a member protected by email, in another case, is never removed",
                 declared: [F.member("auth0|ann", nil)], policy: F.policy(protected: ["Zed@Example.com"]),
                 tenant: [F.tenantMember("auth0|ann"), F.tenantMember("auth0|zed", email: "zed@example.com")],
                 expected: []),
        Scenario(name: "a protected member keeps its roles",
                 declared: [F.member("auth0|ann", [])], policy: F.policy(protected: ["auth0|ann"]),
                 tenant: [F.tenantMember("auth0|ann", [F.admin])], expected: []),
        Scenario(name: "steps are ordered: member removals by user id, then role removals by user id",
                 declared: [F.member("auth0|bob", []), F.member("auth0|ann", [])], policy: F.policy(),
                 tenant: [F.tenantMember("auth0|zed"), F.tenantMember("auth0|bob", [F.viewer]),
                          F.tenantMember("auth0|yan"), F.tenantMember("auth0|ann", [F.admin])],
                 expected: ["acme/remove_member/auth0|yan", "acme/remove_member/auth0|zed",
                            "acme/remove_role/auth0|ann/rol_admin", "acme/remove_role/auth0|bob/rol_viewer"]),
    ]

    @Test("plans exactly the expected steps", arguments: scenarios)
    func plansExpectedSteps(_ scenario: Scenario) throws {
        let plan = try Planner.plan(desired: F.desired(scenario.declared, policy: scenario.policy),
                                    current: F.current(scenario.tenant))
        #expect(F.stepIDs(plan) == scenario.expected)
    }

    @Test("a protected member the file would remove is shown as kept, with the reason")
    func protectedIsKept() throws {
        let plan = try Planner.plan(
            desired: F.desired([F.member("auth0|ann", nil)], policy: F.policy(protected: ["auth0|zed"])),
            current: F.current([F.tenantMember("auth0|ann"), F.tenantMember("auth0|zed", email: "ops@example.com")]))
        let note = try #require(plan.organizations.first?.notes.first)
        #expect(note.kind == .keptMember)
        #expect(note.userID == "auth0|zed")
        #expect(note.reason.contains("protected by policy.protected (auth0|zed)"))
    }

    @Test("each step's reason names the organization and the file:line that causes it")
    func reasonsAreLocated() throws {
        let plan = try Planner.plan(
            desired: F.desired([F.member("auth0|ann", ["admin"], line: 12)]),
            current: F.current([F.tenantMember("auth0|ann", [F.admin, F.viewer]), F.tenantMember("auth0|zed")]))
        #expect(plan.steps.map(\.reason) == [
            "not declared in organizations.acme, orgs/acme.yaml:4",
            "role viewer not declared for auth0|ann in organizations.acme, orgs/acme.yaml:12",
        ])
        #expect(plan.steps.map(\.precondition.kind) == [.isMember, .holdsRole])
    }

    @Test("with --no-additions, declared members and roles the tenant lacks are reported as not present")
    func notPresent() throws {
        let plan = try Planner.plan(
            desired: F.desired([F.member("auth0|ann", ["admin", "billing"]), F.member("auth0|new", nil, line: 14)]),
            current: F.current([F.tenantMember("auth0|ann", [F.admin])]), options: PlanOptions(additions: false))
        #expect(plan.steps.isEmpty)
        let notes = plan.organizations[0].notes
        #expect(notes.map(\.kind) == [.roleNotPresent, .memberNotPresent])
        #expect(notes.map(\.role) == ["billing", nil])
        #expect(notes[1].source == "orgs/acme.yaml:14")
        #expect(notes.allSatisfy { $0.reason.hasSuffix("(--no-additions)") })
    }

    @Test("an email that did not resolve refuses the plan instead of guessing")
    func unresolvedEmailRefuses() {
        #expect(throws: PlanRefusal.self) {
            try Planner.plan(desired: F.desired([F.member("nobody@example.com", nil)]),
                             current: F.current([F.tenantMember("auth0|zed")]))
        }
    }

    @Test("a role that did not resolve refuses the plan")
    func unresolvedRoleRefuses() {
        #expect(throws: PlanRefusal.self) {
            try Planner.plan(desired: F.desired([F.member("auth0|ann", ["ghost"])]),
                             current: F.current([F.tenantMember("auth0|ann", [F.admin])]))
        }
    }

    @Test("resolution errors found while reading refuse the plan, each kept at its place")
    func readingDiagnosticsRefuse() throws {
        let problem = Diagnostic.error("no user has the email", at: F.at(10))
        do {
            _ = try Planner.plan(desired: F.desired([F.member("auth0|ann", nil)]),
                                 current: F.current([F.tenantMember("auth0|ann")], diagnostics: [problem]))
            Issue.record("expected a refusal")
        } catch {
            #expect(error.diagnostics == [problem])
        }
    }

    @Test("one user declared twice (by id and by email) refuses the plan")
    func duplicateUserRefuses() {
        #expect(throws: PlanRefusal.self) {
            try Planner.plan(desired: F.desired([F.member("auth0|ann", nil), F.member("ann@example.com", ["admin"], line: 11)]),
                             current: F.current([F.tenantMember("auth0|ann")]))
        }
    }

    @Test("an organization that was not read refuses the plan")
    func missingOrganizationRefuses() {
        #expect(throws: PlanRefusal.self) {
            try Planner.plan(desired: F.desired([F.member("auth0|ann", nil)], name: "globex"),
                             current: F.current([F.tenantMember("auth0|ann")]))
        }
    }

    @Test("the plan records --override-guards and the digests of what it was made from")
    func digests() throws {
        let desired = F.desired([F.member("auth0|ann", nil)])
        let current = F.current([F.tenantMember("auth0|ann"), F.tenantMember("auth0|zed")])
        let plan = try Planner.plan(desired: desired, current: current, options: PlanOptions(overrideGuards: true))
        #expect(plan.overrideGuards)
        #expect(plan.desiredStateSHA256 == StateDigest.of(desired))
        #expect(plan.desiredStateSHA256.count == 64)
        #expect(plan.organizations[0].stateSHA256 == StateDigest.of(current.organizations[0]))
        #expect(plan.organizations[0].memberCount == 2)
    }

    @Test("the plan does not depend on the order members and organizations come in")
    func deterministic() throws {
        var desired = F.desired([F.member("auth0|ann", [])])
        desired.organizations.append(F.desired([F.member("auth0|m001", [])], name: "globex").organizations[0])
        var current = F.current(F.members(12, admins: 3, roles: [F.viewer]))
        current.organizations.append(CurrentOrganization(id: "org_2", name: "globex", members: F.members(5, admins: 1)))
        // The same input, every list in another order (the initializers sort: set them after).
        var shuffledDesired = desired
        shuffledDesired.organizations.reverse()
        var shuffledCurrent = current
        shuffledCurrent.organizations.reverse()
        for index in shuffledCurrent.organizations.indices {
            shuffledCurrent.organizations[index].members?.reverse()
        }
        #expect(shuffledCurrent.organizations.map(\.name) == ["globex", "acme"])
        let plan = try Planner.plan(desired: desired, current: current)
        #expect(plan.steps.count > 10)
        #expect(try Planner.plan(desired: shuffledDesired, current: shuffledCurrent) == plan)
    }
}
