import Foundation
import Testing
@testable import RosterCore

@Suite("Planner: additions")
struct AdditionsTests {
    typealias F = Fixture

    /// One planning case: the declared members, the tenant's members, and the step ids the
    /// plan must hold, in order.
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var declared: [MemberSpec]
        var tenant: [CurrentMember]
        var policy: Policy = F.policy()
        var options = PlanOptions()
        var steps: [String]
        var notes: [PlanNote.Kind] = []
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "a declared member who is not a member is added, then given its roles",
             declared: [F.member("auth0|ann", ["admin", "viewer"])], tenant: [],
             policy: F.policy(allowEmpty: true),
             steps: ["acme/add_member/auth0|ann", "acme/add_role/auth0|ann/rol_admin", "acme/add_role/auth0|ann/rol_viewer"]),
        Case(name: "a declared member whose roles are not managed (null) is added without roles",
             declared: [F.member("auth0|ann", nil)], tenant: [F.tenantMember("auth0|bob")],
             policy: F.policy(members: .additive),
             steps: ["acme/add_member/auth0|ann"]),
        Case(name: "a declared role a member lacks is given",
             declared: [F.member("auth0|ann", ["admin", "billing"])], tenant: [F.tenantMember("auth0|ann", [F.admin])],
             steps: ["acme/add_role/auth0|ann/rol_billing"]),
        Case(name: "additive roles are still given: additive only stops removals",
             declared: [F.member("auth0|ann", ["billing"])], tenant: [F.tenantMember("auth0|ann", [F.admin])],
             policy: F.policy(roles: .additive),
             steps: ["acme/add_role/auth0|ann/rol_billing"]),
        Case(name: "a member declared by email is added under the user id it resolves to",
             declared: [F.member("bob@example.com", ["viewer"])], tenant: [F.tenantMember("auth0|ann")],
             policy: F.policy(members: .additive),
             steps: ["acme/add_member/auth0|bob", "acme/add_role/auth0|bob/rol_viewer"]),
        Case(name: "a mixed plan: additions first (members, then roles), then removals, each by user id",
             declared: [F.member("auth0|zed", ["admin"]), F.member("auth0|ann", ["viewer"])],
             tenant: [F.tenantMember("auth0|ann", [F.admin]), F.tenantMember("auth0|old", [F.viewer])],
             steps: ["acme/add_member/auth0|zed", "acme/add_role/auth0|ann/rol_viewer", "acme/add_role/auth0|zed/rol_admin",
                     "acme/remove_member/auth0|old", "acme/remove_role/auth0|ann/rol_admin"]),
        Case(name: "policy.additions: false reports what is missing as not present",
             declared: [F.member("auth0|ann", ["admin", "billing"]), F.member("auth0|new", nil)],
             tenant: [F.tenantMember("auth0|ann", [F.admin])],
             policy: { var policy = F.policy(); policy.additions = false; return policy }(),
             steps: [], notes: [.roleNotPresent, .memberNotPresent]),
        Case(name: "--no-additions wins over a policy that allows them",
             declared: [F.member("auth0|ann", ["admin"]), F.member("auth0|new", nil)], tenant: [F.tenantMember("auth0|ann")],
             options: PlanOptions(additions: false),
             steps: [], notes: [.roleNotPresent, .memberNotPresent]),
        Case(name: "a member present with every declared role: nothing to add",
             declared: [F.member("auth0|ann", ["admin"])], tenant: [F.tenantMember("auth0|ann", [F.admin])],
             steps: []),
    ]

    @Test("additions are planned for what the files declare and the tenant lacks", arguments: cases)
    func plans(_ item: Case) throws {
        let plan = try Planner.plan(desired: F.desired(item.declared, policy: item.policy), current: F.current(item.tenant),
                                    options: item.options)
        #expect(F.stepIDs(plan) == item.steps)
        #expect(plan.organizations[0].notes.map(\.kind) == item.notes)
    }

    @Test("an addition's precondition is that the member is not a member, or lacks the role")
    func preconditions() throws {
        let plan = try Planner.plan(desired: F.desired([F.member("auth0|ann", ["admin"]), F.member("auth0|bob", ["viewer"])]),
                                    current: F.current([F.tenantMember("auth0|bob")]))
        #expect(plan.steps.map(\.precondition.kind) == [.isNotMember, .lacksRole, .lacksRole])
        let bob = CurrentOrganization(id: "org_1", name: "acme", members: [F.tenantMember("auth0|bob")])
        // Before the plan ran: ann may be added; ann's role only after ann is added.
        #expect(plan.steps[0].precondition.holds(in: bob))
        #expect(plan.steps[1].precondition.failure(in: bob)?.contains("is not a member") == true)
        let afterAdd = bob.applying(plan.steps[0])
        #expect(plan.steps[1].precondition.holds(in: afterAdd))
        // After the whole plan, no addition holds any more: each is in place.
        let after = bob.applying(plan.steps)
        #expect(plan.steps.allSatisfy { !$0.precondition.holds(in: after) })
        #expect(after.member(userID: "auth0|ann")?.roles.map(\.id) == ["rol_admin"])
    }

    @Test("summary and counts name additions and removals")
    func counts() throws {
        let plan = try Planner.plan(
            desired: F.desired([F.member("auth0|zed", ["admin"]), F.member("auth0|ann", ["viewer"])]),
            current: F.current([F.tenantMember("auth0|ann", [F.admin]), F.tenantMember("auth0|old")]))
        #expect(plan.memberAdditionCount == 1)
        #expect(plan.roleAdditionCount == 2)
        #expect(plan.summaryLine == "Plan: 1 member addition, 2 role additions, 1 member removal, 1 role removal in 1 organization.")
    }

    @Test("with additions off, a plan of notes only does not say the tenant matches; Markdown gives each note's place")
    func notPresentOnly() throws {
        let declared = [F.member("auth0|ann", ["admin", "billing"], line: 10), F.member("auth0|new", nil, line: 12)]
        let plan = try Planner.plan(desired: F.desired(declared), current: F.current([F.tenantMember("auth0|ann", [F.admin])]),
                                    options: PlanOptions(additions: false))
        #expect(!plan.hasChanges)
        #expect(plan.summaryLine
            == "No changes planned, but 1 declared member and 1 declared role are not in the tenant (additions are off; listed above).")
        let markdown = plan.renderedMarkdown()
        #expect(markdown.contains("not added (--no-additions), orgs/acme.yaml:12"), "\(markdown)")
        #expect(markdown.contains("not given (--no-additions), orgs/acme.yaml:10"), "\(markdown)")
        let converged = try Planner.plan(desired: F.desired([declared[0]]),
                                         current: F.current([F.tenantMember("auth0|ann", [F.admin, F.billing])]))
        #expect(converged.summaryLine == "No changes. The tenant matches the desired state.")
    }
}

@Suite("Guards: intermediate states")
struct IntermediateGuardTests {
    typealias F = Fixture

    static func step(_ action: PlanStep.Action, _ user: String, _ role: TenantRole? = nil, roles: [TenantRole] = []) -> PlanStep {
        PlanStep(action: action, organization: "acme", organizationID: "org_1", userID: user, email: nil, role: role,
                 memberRoles: roles, reason: "", source: nil)
    }

    static let oneAdmin = CurrentOrganization(id: "org_1", name: "acme", members: [
        F.tenantMember("auth0|old", [F.admin]), F.tenantMember("auth0|ann"),
    ])
    static let policy = PlannedPolicy(F.policy(minHolders: ["admin": 1]), roleIDs: { ["admin": "rol_admin"][$0] })

    @Test("replacing the only admin, as the planner orders it (additions first), never leaves the organization without one")
    func replaceOnlyAdmin() throws {
        let plan = try Planner.plan(
            desired: F.desired([F.member("auth0|ann", ["admin"])], policy: F.policy(minHolders: ["admin": 1])),
            current: TenantState(organizations: [Self.oneAdmin], resolution: F.resolution, diagnostics: []))
        #expect(F.stepIDs(plan) == ["acme/add_role/auth0|ann/rol_admin", "acme/remove_member/auth0|old"])
        #expect(GuardReview(plan: plan, current: TenantState(organizations: [Self.oneAdmin], resolution: F.resolution,
                                                              diagnostics: [])).blocking.isEmpty)
    }

    @Test("min_role_holders is evaluated on every intermediate state: the same steps removal first trip it")
    func removalFirstTrips() {
        let removalFirst = [Self.step(.removeMember, "auth0|old", roles: [F.admin]), Self.step(.addRole, "auth0|ann", F.admin)]
        let additionFirst = Array(removalFirst.reversed())
        let tripped = Guards.evaluate(steps: removalFirst, current: Self.oneAdmin, policy: Self.policy)
        #expect(tripped.map(\.guardName) == [.minRoleHolders])
        #expect(tripped.first?.count == 0)
        #expect(Guards.evaluate(steps: additionFirst, current: Self.oneAdmin, policy: Self.policy).isEmpty)
    }

    @Test("a role given to a member that is not (yet) a member does not count as a holder")
    func roleWithoutMembership() {
        let steps = [Self.step(.addRole, "auth0|new", F.admin), Self.step(.removeRole, "auth0|old", F.admin)]
        let found = Guards.evaluate(steps: steps, current: Self.oneAdmin, policy: Self.policy)
        #expect(found.map(\.guardName) == [.minRoleHolders])
    }

    @Test("replacing every member is not emptying the organization; removing every member is")
    func allowEmpty() {
        let members = CurrentOrganization(id: "org_1", name: "acme", members: [F.tenantMember("auth0|a"), F.tenantMember("auth0|b")])
        let policy = PlannedPolicy(F.policy())
        let replace = [Self.step(.addMember, "auth0|c"), Self.step(.removeMember, "auth0|a"), Self.step(.removeMember, "auth0|b")]
        #expect(Guards.evaluate(steps: replace, current: members, policy: policy).isEmpty)
        let empty = [Self.step(.removeMember, "auth0|a"), Self.step(.removeMember, "auth0|b"), Self.step(.addMember, "auth0|c")]
        #expect(Guards.evaluate(steps: empty, current: members, policy: policy).map(\.guardName) == [.allowEmpty])
    }
}

@Suite("Undo plans")
struct UndoPlanTests {
    typealias F = Fixture

    static func plan() throws -> Plan {
        try Planner.plan(
            desired: F.desired([F.member("auth0|zed", ["admin"]), F.member("auth0|ann", ["viewer"])]),
            current: F.current([F.tenantMember("auth0|ann", [F.admin]), F.tenantMember("auth0|old", [F.viewer, F.billing])]))
    }

    @Test("only steps carried out are taken back; none carried out gives no undo plan")
    func onlyDone() throws {
        let plan = try Self.plan()
        #expect(plan.undo(planSHA256: "x", done: [], createdAt: Date()) == nil)
        let undo = try #require(plan.undo(planSHA256: "x", done: ["acme/remove_role/auth0|ann/rol_admin"], createdAt: Date()))
        #expect(F.stepIDs(undo) == ["acme/add_role/auth0|ann/rol_admin"])
    }

    @Test("applying a plan and then its undo gives back the state before, step for step")
    func roundTrip() throws {
        let plan = try Self.plan()
        let before = F.current([F.tenantMember("auth0|ann", [F.admin]), F.tenantMember("auth0|old", [F.viewer, F.billing])])
            .organizations[0]
        let after = before.applying(plan.steps)
        let undo = try #require(plan.undo(planSHA256: "x", done: Set(plan.steps.map(\.id)), createdAt: Date()))
        #expect(after.applying(undo.steps) == before)
        #expect(undo.undoOf == "x")
        #expect(undo.undoLine?.contains("Undo of the plan with SHA-256 x") == true)
    }
}
