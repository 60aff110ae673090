import Foundation
import Testing
@testable import RosterCore

@Suite("Drift analysis")
struct DriftAnalyzerTests {
    typealias F = Fixture

    /// ann (declared admin+billing, holds admin), bob (declared viewer, holds viewer+billing),
    /// ops (protected, undeclared), old (undeclared), new (declared, missing).
    static func acmeReport() -> DriftReport {
        let desired = F.desired(
            [F.member("auth0|ann", ["admin", "billing"], line: 10), F.member("bob@example.com", ["viewer"], line: 12),
             F.member("auth0|new", nil, line: 14)],
            policy: F.policy(protected: ["auth0|ops"], minHolders: ["admin": 1]))
        let current = F.current([
            F.tenantMember("auth0|ann", [F.admin], email: "ann@example.com"),
            F.tenantMember("auth0|bob", [F.viewer, F.billing], email: "bob@example.com"),
            F.tenantMember("auth0|ops", [F.admin, F.billing], email: "ops@example.com"),
            F.tenantMember("auth0|old", [F.viewer], email: "old@example.com"),
        ])
        var report = DriftAnalyzer.report(desired: desired, current: current)
        report.tenant = "acme.eu.auth0.com"
        report.rosterVersion = "0.1.0-test"
        report.createdAt = Date(timeIntervalSince1970: 1_790_000_000)
        return report
    }

    @Test("the plan's removals and not-present notes become drift items, in categories")
    func categories() {
        let report = Self.acmeReport()
        let kinds = report.items.map { "\($0.kind.rawValue) \($0.userID ?? $0.member ?? "") \($0.role ?? "")" }
        #expect(kinds == [
            "undeclared_member auth0|old ", "undeclared_role auth0|bob billing",
            "missing_member auth0|new ", "missing_role auth0|ann billing",
        ])
        #expect(!report.inSync)
        #expect(report.summaryLine
            == "Drift: 4 items in 1 organization (1 undeclared member, 1 undeclared role, 1 missing member, 1 missing role).")
    }

    @Test("protected principals are notes, not drift")
    func protected() {
        let organization = Self.acmeReport().organizations[0]
        #expect(organization.notes.map(\.kind) == [.protectedMember])
        #expect(!organization.drift.contains { $0.userID == "auth0|ops" })
    }

    @Test("what additive policies leave alone is a note, not drift")
    func additive() {
        let desired = F.desired([F.member("auth0|ann", ["admin"])], policy: F.policy(members: .additive, roles: .additive))
        let current = F.current([
            F.tenantMember("auth0|ann", [F.admin, F.viewer]), F.tenantMember("auth0|zed", [F.viewer]),
        ])
        let report = DriftAnalyzer.report(desired: desired, current: current)
        #expect(report.inSync)
        #expect(report.organizations[0].notes.map(\.kind) == [.additiveRole, .additiveMember])
        #expect(report.summaryLine == "In sync. The tenant matches the desired state.")
    }

    @Test("a tenant that matches has no drift, and its members are listed")
    func inSync() {
        let desired = F.desired([F.member("auth0|ann", ["admin"]), F.member("bob@example.com", nil, line: 11)])
        let current = F.current([F.tenantMember("auth0|ann", [F.admin]), F.tenantMember("auth0|bob", [F.billing])])
        let report = DriftAnalyzer.report(desired: desired, current: current)
        #expect(report.inSync)
        #expect(report.organizations[0].members.map(\.userID) == ["auth0|ann", "auth0|bob"])
    }

    @Test("an unknown email, an ambiguous email and an unknown role are unresolved drift with the tenant's message")
    func unresolved() {
        let tenant = "acme.eu.auth0.com"
        let desired = F.desired([
            F.member("auth0|ann", ["admin", "ghost"], line: 10), F.member("nobody@example.com", ["admin"], line: 11),
            F.member("twice@example.com", nil, line: 12),
        ])
        let current = F.current([F.tenantMember("auth0|ann", [F.admin])], diagnostics: [
            .unknownRole("ghost", at: F.at(10), tenant: tenant),
            .emailWithoutUser("nobody@example.com", at: F.at(11), tenant: tenant),
            .emailWithSeveralUsers("twice@example.com", userIDs: ["auth0|t1", "auth0|t2"], at: F.at(12), tenant: tenant),
        ])
        let report = DriftAnalyzer.report(desired: desired, current: current)
        let items = report.items
        #expect(items.map(\.kind) == [.unresolvedMember, .unresolvedMember, .unknownRole])
        #expect(items[0].message.contains("no user of acme.eu.auth0.com has the email \"nobody@example.com\""))
        #expect(items[1].message.contains("2 users of acme.eu.auth0.com have the email \"twice@example.com\""))
        #expect(items[2].role == "ghost" && items[2].userID == "auth0|ann")
        // ann's unresolved role does not make ann an undeclared member.
        #expect(!items.contains { $0.kind == .undeclaredMember })
        #expect(throws: PlanRefusal.self) { try Planner.plan(desired: desired, current: current) }
    }

    @Test("a declared organization the tenant does not have is drift, not a refusal")
    func missingOrganization() {
        let desired = F.desired([F.member("auth0|ann", ["admin"])], name: "initech")
        let current = TenantState(organizations: [], resolution: F.resolution, diagnostics: [
            .organizationNotFound(name: "initech", pinnedID: nil, at: F.at(4), tenant: "acme.eu.auth0.com"),
        ])
        let report = DriftAnalyzer.report(desired: desired, current: current)
        #expect(report.items.map(\.kind) == [.missingOrganization])
        #expect(report.items[0].message == "acme.eu.auth0.com has no organization named \"initech\"")
        #expect(report.organizations[0].id == nil)
    }

    @Test("organizations whose membership is not managed are not in the report")
    func unmanaged() {
        let desired = F.desired(nil)
        let report = DriftAnalyzer.report(desired: desired, current: F.current([F.tenantMember("auth0|x")]))
        #expect(report.organizations.isEmpty)
        #expect(report.inSync)
    }

    @Test("the JSON document reads back equal, with in_sync and drift_count")
    func json() throws {
        let report = Self.acmeReport()
        let text = report.renderedJSON()
        #expect(text.contains("\"in_sync\" : false"))
        #expect(text.contains("\"drift_count\" : 4"))
        #expect(try Plan.decoder().decode(DriftReport.self, from: Data(text.utf8)) == report)
    }
}
