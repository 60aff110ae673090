import Foundation
import Testing
@testable import RosterCore

@Suite("Drift rendering")
struct DriftRenderingTests {
    static var report: DriftReport { DriftAnalyzerTests.acmeReport() }

    @Test("text (golden): a line per item with its reason, protected principals marked =")
    func text() throws {
        try assertGolden(Self.report.renderedText() + "\n", "drift-acme.txt")
        #expect(!Self.report.renderedText(color: false).contains("\u{1B}["))
        #expect(Self.report.renderedText(color: true).replacing(/\x1B\[[0-9;]*m/, with: "") == Self.report.renderedText())
    }

    @Test("markdown (golden), and with --mask-emails no address is shown")
    func markdown() throws {
        try assertGolden(Self.report.renderedMarkdown(), "drift-acme.md")
        let masked = Self.report.renderedMarkdown(maskEmails: true)
        for address in ["ann@example.com", "bob@example.com", "old@example.com", "ops@example.com"] {
            #expect(!masked.contains(address))
        }
    }

    @Test("text and junit with --mask-emails show no address; masking comes before colour and escaping")
    func masked() throws {
        let addresses = ["ann@example.com", "bob@example.com", "old@example.com", "ops@example.com"]
        let text = Self.report.renderedText(maskEmails: true)
        let colored = Self.report.renderedText(color: true, maskEmails: true)
        let junit = Self.report.renderedJUnit(maskEmails: true)
        for address in addresses {
            #expect(Self.report.renderedText().contains(address) || Self.report.renderedJUnit().contains(address))
            #expect(!text.contains(address) && !colored.contains(address) && !junit.contains(address))
        }
        #expect(text.contains("o***@example.com"))
        #expect(colored.replacing(/\x1B\[[0-9;]*m/, with: "") == text)
        // Only addresses change: the masked JUnit has the same structure.
        #expect(junit.components(separatedBy: "<testcase").count == Self.report.renderedJUnit().components(separatedBy: "<testcase").count)
        #expect(EmailMask.mask(Self.report.renderedJUnit()) == junit)
    }

    @Test("masked JUnit keeps two unresolved emails that mask alike apart by where they are declared")
    func maskedNamesStayApart() {
        typealias F = Fixture
        let tenant = "acme.eu.auth0.com"
        let desired = F.desired([F.member("ann@example.com", ["admin"], line: 10), F.member("amy@example.com", ["admin"], line: 11)])
        let current = F.current([], diagnostics: [
            .emailWithoutUser("ann@example.com", at: F.at(10), tenant: tenant),
            .emailWithoutUser("amy@example.com", at: F.at(11), tenant: tenant),
        ])
        let junit = DriftAnalyzer.report(desired: desired, current: current).renderedJUnit(maskEmails: true)
        let names = junit.matches(of: /<testcase name="([^"]*)"/).map { String($0.output.1) }
        #expect(names.count == 2 && Set(names).count == 2, "\(names)")
        #expect(names.allSatisfy { $0.hasPrefix("a***@example.com (") } && !junit.contains("ann@") && !junit.contains("amy@"))
    }

    @Test("json (golden)")
    func json() throws {
        try assertGolden(Self.report.renderedJSON(), "drift-acme.json")
    }

    @Test("junit (golden): a suite per organization, a case per declared member, a failure per other item")
    func junit() throws {
        let xml = Self.report.renderedJUnit()
        try assertGolden(xml, "drift-acme.junit.xml")
        #expect(xml.contains("<testsuites name=\"roster drift\" tests=\"5\" failures=\"4\" errors=\"0\" time=\"0\">"))
    }

    @Test("junit escapes what XML cannot hold as it is",
          arguments: [("a<b>&\"c'", "a&lt;b&gt;&amp;&quot;c&apos;"), ("tab\there", "tab&#9;here"), ("bell\u{7}", "bell\u{FFFD}")])
    func escaping(_ input: String, _ expected: String) {
        #expect(XMLEscaping.escape(input, attribute: true) == expected)
    }

    @Test("a report in sync says so in every format")
    func inSync() {
        let report = DriftReport(tenant: "t", desiredStateSHA256: "", organizations: [])
        #expect(report.renderedText() == "In sync. The tenant matches the desired state.")
        #expect(report.renderedMarkdown().contains("**In sync. The tenant matches the desired state.**"))
        #expect(report.renderedJUnit().contains("tests=\"0\" failures=\"0\""))
    }
}
