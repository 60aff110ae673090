import Foundation
import Testing
@testable import RosterCore

@Suite("Plan rendering")
struct PlanRenderingTests {
    typealias F = Fixture

    /// The acme example: a member removed, a role removed, a protected member kept, a
    /// declared role and member not present.
    static func acmePlan(override: Bool = false) throws -> Plan {
        let desired = F.desired(
            [F.member("auth0|ann", ["admin", "billing"], line: 10), F.member("bob@example.com", ["viewer"], line: 12),
             F.member("auth0|new", nil, line: 14)],
            policy: F.policy(protected: ["auth0|ops"], maxMembers: override ? 0 : 10, minHolders: ["admin": 1]))
        let current = F.current([
            F.tenantMember("auth0|ann", [F.admin], email: "ann@example.com"),
            F.tenantMember("auth0|bob", [F.viewer, F.billing], email: "bob@example.com"),
            F.tenantMember("auth0|ops", [F.admin, F.billing], email: "ops@example.com"),
            F.tenantMember("auth0|old", [F.viewer], email: "old@example.com"),
        ])
        var plan = try Planner.plan(desired: desired, current: current, options: PlanOptions(overrideGuards: override))
        plan.overriddenGuards = GuardReview(plan: plan, current: current).overridden
        plan.tenant = "acme.eu.auth0.com"
        plan.rosterVersion = "0.1.0-test"
        plan.createdAt = Date(timeIntervalSince1970: 1_790_000_000)
        return plan
    }

    static var emptyPlan: Plan {
        Plan(tenant: "acme.eu.auth0.com", desiredStateSHA256: String(repeating: "0", count: 64), overrideGuards: false,
             organizations: [])
    }

    @Test("text: one block per organization, a line per step with its reason, a closing summary")
    func text() throws {
        try assertGolden(try Self.acmePlan().renderedText() + "\n", "plan-acme.txt")
    }

    @Test("text: overridden guards are shown at the top")
    func textOverride() throws {
        let text = try Self.acmePlan(override: true).renderedText()
        #expect(text.hasPrefix("! Guards overridden (--override-guards): 1 guard violation let through."))
        #expect(text.contains("acme: 1 member removals, over max_member_removals 0"))
    }

    @Test("text: colour only when asked, and the same words either way")
    func textColour() throws {
        let plan = try Self.acmePlan()
        #expect(!plan.renderedText(color: false).contains("\u{1B}["))
        let coloured = plan.renderedText(color: true)
        #expect(coloured.contains("\u{1B}[31m"))
        #expect(coloured.replacing(/\x1B\[[0-9;]*m/, with: "") == plan.renderedText(color: false))
    }

    @Test("a plan without steps says there are no changes")
    func summaryNoChanges() {
        #expect(Self.emptyPlan.summaryLine == "No changes. The tenant matches the desired state.")
        #expect(Self.emptyPlan.renderedText() == "No changes. The tenant matches the desired state.")
    }

    @Test("the summary counts additions, removals and organizations")
    func summaryCounts() throws {
        #expect(try Self.acmePlan().summaryLine
            == "Plan: 1 member addition, 1 role addition, 1 member removal, 1 role removal in 1 organization.")
    }

    @Test("a plan of removals only keeps the short summary")
    func summaryRemovalsOnly() throws {
        var plan = try Self.acmePlan()
        plan.organizations[0].steps.removeAll { $0.action.isAddition }
        #expect(plan.summaryLine == "Plan: 1 member removal, 1 role removal in 1 organization.")
    }

    @Test("text: additions are marked + (green), removals - (red)")
    func textMarkers() throws {
        let plan = try Self.acmePlan()
        let lines = plan.renderedText().split(separator: "\n").map(String.init)
        #expect(lines.contains("  + add member auth0|new"))
        #expect(lines.contains("  + add role billing to ann@example.com (auth0|ann)"))
        #expect(lines.contains("  - remove member old@example.com (auth0|old)"))
        #expect(plan.renderedText(color: true).contains("\u{1B}[32m+ add member auth0|new"))
    }

    @Test("markdown: summary table and a collapsible section per organization")
    func markdown() throws {
        try assertGolden(try Self.acmePlan().renderedMarkdown(), "plan-acme.md")
    }

    @Test("markdown with --mask-emails shows no address")
    func markdownMasked() throws {
        let text = try Self.acmePlan().renderedMarkdown(maskEmails: true)
        try assertGolden(text, "plan-acme-masked.md")
        for address in ["ann@example.com", "bob@example.com", "old@example.com", "ops@example.com"] {
            #expect(!text.contains(address))
        }
    }

    @Test("text with --mask-emails shows no address, coloured or not")
    func textMasked() throws {
        let plan = try Self.acmePlan()
        let text = plan.renderedText(maskEmails: true)
        for address in ["ann@example.com", "bob@example.com", "old@example.com", "ops@example.com"] {
            #expect(!text.contains(address))
        }
        #expect(plan.renderedText().contains("old@example.com") && text.contains("o***@example.com"))
        #expect(plan.renderedText(color: true, maskEmails: true).replacing(/\x1B\[[0-9;]*m/, with: "") == text)
    }

    @Test("markdown: overridden guards are shown at the top")
    func markdownOverride() throws {
        let text = try Self.acmePlan(override: true).renderedMarkdown()
        #expect(text.contains("> [!WARNING]\n> **Guards overridden (--override-guards)"))
    }

    @Test("json: the plan document with snake_case fields, and it reads back equal")
    func json() throws {
        let plan = try Self.acmePlan()
        let text = plan.renderedJSON()
        try assertGolden(text, "plan-acme.json")
        let decoded = try Plan.decoder().decode(Plan.self, from: Data(text.utf8))
        #expect(decoded == plan)
    }

    @Test("email masking keeps the first character and the domain",
          arguments: [("jane@example.com", "j***@example.com"), ("a, b.c+d@x.co.uk!", "a, b***@x.co.uk!"),
                      ("auth0|64f1", "auth0|64f1"), ("max.m\u{FC}ller@b\u{FC}cher.de", "m***@b\u{FC}cher.de"),
                      ("o'brien@example.com", "o***@example.com"), ("samlp|acme|jane@example.com", "samlp|acme|j***@example.com"),
                      ("see ann@example.com.", "see a***@example.com."), ("`ann@example.com`", "`a***@example.com`"),
                      ("<ann@example.com>, \"bo@example.org\"", "<a***@example.com>, \"b***@example.org\""),
                      // A host without a dot is a domain too; what is not an address stays.
                      ("ops@localhost, jdoe@corp.", "o***@localhost, j***@corp."), ("@team", "@team"),
                      ("HEAD@{1}", "HEAD@{1}"), ("a@ b", "a@ b"),
                      ("john.smith/cto@example.com", "j***@example.com"), ("mary=jane@example.com", "m***@example.com")])
    func masking(_ input: String, _ expected: String) {
        #expect(EmailMask.mask(input) == expected)
    }
}
