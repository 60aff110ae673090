import Foundation
import Testing
@testable import RosterCore

/// Text from files and from the tenant shown to people: it never acts on a terminal or in
/// Markdown, whatever it holds.
@Suite("Display-safe renderings")
struct DisplaySafeTests {
    typealias F = Fixture

    /// A plan whose tenant data tries to end its line, forge a summary and hide the rest.
    static func hostilePlan() throws -> Plan {
        let email = "x@example.com (auth0|000000)`: not declared\n\n**Plan: no changes.**\n\n<!--"
        let desired = F.desired([F.member("auth0|ann", ["admin"])])
        let current = F.current([
            F.tenantMember("auth0|ann", [F.admin]),
            F.tenantMember("auth0|evil", [F.viewer], email: email),
            F.tenantMember("auth0|esc", [], email: "former\u{1B}[2K\r  = keep member former@example.com\u{202E}"),
        ])
        return try Planner.plan(desired: desired, current: current)
    }

    @Test("Markdown: a name cannot close its code span, start a paragraph, a comment or an image")
    func markdown() throws {
        let plan = try Self.hostilePlan()
        #expect(plan.memberRemovalCount == 2)
        let markdown = plan.renderedMarkdown()
        // `<!--` only inside the step's code span, whose fence outlasts the email's backtick.
        for line in markdown.split(separator: "\n") where line.contains("<!--") {
            #expect(line.hasPrefix("- :x: ``- remove member x@example.com") && line.contains("<!-- (auth0|evil)``: "), "\(line)")
        }
        #expect(!markdown.contains("\n\n**Plan: no changes.**"))
        #expect(markdown.hasSuffix("**Plan: 0 member additions, 0 role additions, 2 member removals, 0 role removals in 1 organization.**\n")
                || markdown.hasSuffix("**Plan: 2 member removals, 0 role removals in 1 organization.**\n"), "\(markdown)")
        // Every step is on one line of its own.
        #expect(markdown.split(separator: "\n").filter { $0.hasPrefix("- :x:") }.count == 2)
        #expect(DisplaySafe.markdownCode("a``b") == "```a``b```")
        #expect(DisplaySafe.markdownCode("`x") == "`` `x ``")
        #expect(DisplaySafe.markdown("![i](https://e.example/a.png) <b> *x* a|b") == #"\!\[i\](https://e.example/a.png) \<b\> \*x\* a\|b"#)
    }

    @Test("text: escape sequences, carriage returns and bidirectional controls are shown, not obeyed")
    func terminal() throws {
        let plan = try Self.hostilePlan()
        for text in [plan.renderedText(), plan.renderedText(color: true)] {
            let withoutOwnColours = text.replacing(/\x1B\[[0-9;]*m/, with: "")
            #expect(!withoutOwnColours.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x0D || $0.value == 0x202E })
            #expect(withoutOwnColours.contains(#"former\u{1B}[2K\u{D}  = keep member former@example.com\u{202E}"#))
        }
        #expect(DisplaySafe.terminal("a\nb", keepingLineBreaks: true) == "a\nb")
        #expect(DisplaySafe.terminal("a\nb\u{85}") == #"a\u{A}b\u{85}"#)
    }
}
