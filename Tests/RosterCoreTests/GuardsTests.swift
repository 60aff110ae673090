import Testing
@testable import RosterCore

@Suite("Guards")
struct GuardsTests {
    typealias F = Fixture

    /// The guards of an organization of `members` members (the first `admins` hold admin,
    /// every one holds viewer when `viewers`) when the first `removeMembers` members are
    /// removed and `removeViewer` members after them lose viewer.
    static func violations(
        members: Int, admins: Int = 0, viewers: Bool = false, removeMembers: Int = 0, removeAdminRoles: Int = 0,
        removeViewer: Int = 0, policy: Policy
    ) -> [GuardViolation.Guard] {
        let current = CurrentOrganization(
            id: "org_1", name: "acme", members: F.members(members, admins: admins, roles: viewers ? [F.viewer] : []))
        let all = current.members!
        var steps = all.prefix(removeMembers).map {
            PlanStep(action: .removeMember, organization: "acme", organizationID: "org_1", userID: $0.userID,
                     email: nil, reason: "", source: nil)
        }
        steps += all.dropFirst(removeMembers).prefix(removeViewer).map {
            PlanStep(action: .removeRole, organization: "acme", organizationID: "org_1", userID: $0.userID,
                     email: nil, role: F.viewer, reason: "", source: nil)
        }
        steps += all.dropFirst(removeMembers).prefix(removeAdminRoles).map {
            PlanStep(action: .removeRole, organization: "acme", organizationID: "org_1", userID: $0.userID,
                     email: nil, role: F.admin, reason: "", source: nil)
        }
        return Guards.evaluate(steps: steps, current: current, policy: PlannedPolicy(policy)).map(\.guardName)
    }

    @Test("max_member_removals (10): at and below pass, above trips",
          arguments: [(9, false), (10, false), (11, true)])
    func maxMemberRemovals(removals: Int, trips: Bool) {
        let found = Self.violations(members: 100, removeMembers: removals, policy: F.policy(percent: 100))
        #expect(found.contains(.maxMemberRemovals) == trips)
    }

    @Test("max_member_removal_percent (25) on 20 members: 5 passes, 6 trips",
          arguments: [(4, false), (5, false), (6, true)])
    func percent(removals: Int, trips: Bool) {
        let found = Self.violations(members: 20, removeMembers: removals, policy: F.policy())
        #expect(found == (trips ? [.maxMemberRemovalPercent] : []))
    }

    @Test("max_member_removal_percent is not checked below 10 members")
    func percentFloor() {
        #expect(Self.violations(members: 9, removeMembers: 4, policy: F.policy()).isEmpty)
        #expect(Self.violations(members: 10, removeMembers: 3, policy: F.policy()) == [.maxMemberRemovalPercent])
    }

    @Test("max_role_removals (25): at and below pass, above trips",
          arguments: [(24, false), (25, false), (26, true)])
    func maxRoleRemovals(removals: Int, trips: Bool) {
        let found = Self.violations(members: 40, viewers: true, removeViewer: removals, policy: F.policy())
        #expect(found == (trips ? [.maxRoleRemovals] : []))
    }

    @Test("min_role_holders counts holders by the role id resolved when planned, not by name")
    func minRoleHoldersByID() {
        // Since the plan, the admin role (rol_admin) was renamed, and another role took its name.
        let renamed = TenantRole(id: "rol_admin", name: "administrators")
        let impostor = TenantRole(id: "rol_other", name: "admin")
        let current = CurrentOrganization(id: "org_1", name: "acme", members: [
            CurrentMember(userID: "auth0|a", roles: [renamed]),
            CurrentMember(userID: "auth0|b", roles: [impostor]),
        ])
        let steps = [PlanStep(action: .removeMember, organization: "acme", organizationID: "org_1", userID: "auth0|a",
                              email: nil, memberRoles: [TenantRole(id: "rol_admin", name: "admin")], reason: "", source: nil)]
        let policy = PlannedPolicy(F.policy(percent: 100, minHolders: ["admin": 1]), roleIDs: { F.resolution.roleID(for: .name($0)) })
        #expect(policy.minRoleHolderIDs == ["admin": "rol_admin"])
        let found = Guards.evaluate(steps: steps, current: current, policy: policy)
        #expect(found.map(\.guardName) == [.minRoleHolders])
    }

    @Test("min_role_holders {admin: 2}: keeping 3 or 2 passes, keeping 1 trips",
          arguments: [(0, false), (1, false), (2, true)])
    func minRoleHolders(removedAdmins: Int, trips: Bool) {
        let byMember = Self.violations(members: 5, admins: 3, removeMembers: removedAdmins,
                                       policy: F.policy(minHolders: ["admin": 2]))
        let byRole = Self.violations(members: 5, admins: 3, removeAdminRoles: removedAdmins,
                                     policy: F.policy(minHolders: ["admin": 2]))
        #expect(byMember == (trips ? [.minRoleHolders] : []))
        #expect(byRole == (trips ? [.minRoleHolders] : []))
    }

    @Test("min_role_holders does not block a plan that takes nothing from a role already under its floor")
    func minRoleHoldersAlreadyUnder() {
        #expect(Self.violations(members: 5, admins: 0, removeMembers: 1, policy: F.policy(minHolders: ["admin": 1])).isEmpty)
    }

    @Test("removing every member trips allow_empty unless it is true", arguments: [false, true])
    func allowEmpty(allowed: Bool) {
        let found = Self.violations(members: 3, removeMembers: 3, policy: F.policy(allowEmpty: allowed))
        #expect(found == (allowed ? [] : [.allowEmpty]))
        #expect(Self.violations(members: 3, removeMembers: 2, policy: F.policy()).isEmpty)
    }

    @Test("only the removal-count guards can be overridden")
    func overridable() {
        #expect(GuardViolation.Guard.allCases.filter(\.isOverridable)
                == [.maxMemberRemovals, .maxMemberRemovalPercent, .maxRoleRemovals])
    }

    @Test("--override-guards moves overridable violations to overridden, never min_role_holders")
    func review() throws {
        let desired = F.desired([F.member("auth0|m000", nil)], policy: F.policy(maxMembers: 1, minHolders: ["admin": 1]))
        let current = F.current(F.members(3, admins: 2))
        let strict = GuardReview(plan: try Planner.plan(desired: desired, current: current), current: current)
        #expect(strict.blocking.map(\.guardName) == [.maxMemberRemovals])
        let overridden = GuardReview(
            plan: try Planner.plan(desired: desired, current: current, options: PlanOptions(overrideGuards: true)),
            current: current)
        #expect(overridden.blocking.isEmpty)
        #expect(overridden.overridden.map(\.guardName) == [.maxMemberRemovals])

        let noAdmin = F.desired([F.member("auth0|m002", nil)], policy: F.policy(minHolders: ["admin": 1]))
        let refused = GuardReview(
            plan: try Planner.plan(desired: noAdmin, current: current, options: PlanOptions(overrideGuards: true)),
            current: current)
        #expect(refused.blocking.map(\.guardName) == [.minRoleHolders])
    }

    @Test("a violation says its counts and the flag or key that lifts it")
    func messages() {
        let violation = GuardViolation(guardName: .maxMemberRemovals, organization: "acme", count: 12, limit: 10)
        #expect(violation.description.contains("acme: 12 member removals, over max_member_removals 10"))
        #expect(violation.description.contains("--override-guards"))
        let floor = GuardViolation(guardName: .minRoleHolders, organization: "acme", role: "admin", count: 0, limit: 1)
        #expect(floor.description.contains("cannot be overridden"))
    }
}
