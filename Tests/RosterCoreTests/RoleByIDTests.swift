import Foundation
import Testing
@testable import RosterCore

/// Roles written as `rol_...` ids, and what the read found wrong with an organization whose
/// membership is not managed.
@Suite("Roles by id, and problems with unmanaged organizations")
struct RoleByIDTests {
    typealias F = Fixture

    @Test("one role written by name and by id refuses the plan; drift shows it, and nothing planned around it")
    func nameAndIDOfOneRole() {
        let desired = F.desired([F.member("auth0|ann", ["billing", "admin", "rol_billing"], line: 10)])
        let current = F.current([F.tenantMember("auth0|ann", [F.admin])])
        let message = "role billing and role rol_billing of auth0|ann are the same role (rol_billing)"
        #expect {
            try Planner.plan(desired: desired, current: current)
        } throws: { error in
            (error as? PlanRefusal)?.diagnostics.map(\.message) == [message]
        }
        let report = DriftAnalyzer.report(desired: desired, current: current)
        #expect(report.items.map { "\($0.kind.rawValue) \($0.message)" } == ["unresolved_member \(message)"])
    }

    @Test("a rol_ id the tenant does not have stands for nothing: drift reports the unknown role alone")
    func mistypedID() {
        let desired = F.desired([F.member("auth0|ann", ["admin", "rol_admn"], line: 10)])
        let diagnostic = Diagnostic.unknownRoleID("rol_admn", at: F.at(10), tenant: "acme.eu.auth0.com")
        let current = F.current([F.tenantMember("auth0|ann", [F.admin, F.viewer])], diagnostics: [diagnostic])
        #expect(F.resolution.roleID(for: .id("rol_admn")) == nil)
        #expect(F.resolution.roleID(for: .id("rol_admin")) == "rol_admin")
        let report = DriftAnalyzer.report(desired: desired, current: current)
        // Not also "viewer undeclared" and "rol_admn missing": the member's roles are not compared.
        #expect(report.items.map { "\($0.kind.rawValue) \($0.role ?? "")" } == ["unknown_role rol_admn"])
        #expect(report.items.first?.message == diagnostic.message)
    }

    @Test("a role given by id is named in steps by the name the tenant gives it")
    func roleNameOfAnID() throws {
        let desired = F.desired([F.member("auth0|ann", ["rol_viewer"])])
        let current = TenantState(
            organizations: [CurrentOrganization(id: "org_1", name: "acme", members: [F.tenantMember("auth0|ann")])],
            resolution: Resolution(roleNamesByID: ["rol_viewer": "viewer"]), diagnostics: [])
        let plan = try Planner.plan(desired: desired, current: current)
        #expect(plan.steps.map { "\($0.id) \($0.roleName ?? "-")" } == ["acme/add_role/auth0|ann/rol_viewer viewer"])
    }

    @Test("an organization whose membership is not managed still shows what the read found wrong with it")
    func unmanagedOrganizationProblem() {
        let spec = OrganizationSpec(name: "acme", id: "org_A1", policy: F.policy(), members: nil, location: F.at(4))
        let desired = DesiredState(files: ["orgs/acme.yaml"], organizations: [spec])
        let problem = Diagnostic.pinnedIDMismatch(name: "acme", pinnedID: "org_A1", actualName: "acme-renamed", at: F.at(4))
        let current = TenantState(organizations: [], resolution: F.resolution, diagnostics: [problem])
        #expect(throws: PlanRefusal.self) { try Planner.plan(desired: desired, current: current) }
        let report = DriftAnalyzer.report(desired: desired, current: current)
        #expect(!report.inSync)
        #expect(report.items.map { "\($0.kind.rawValue) \($0.organization) \($0.message)" }
            == ["missing_organization acme \(problem.message)"])
    }
}
