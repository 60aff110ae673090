import Foundation

extension DriftReport {
    /// The report as JUnit XML, the format CI systems show as test results: one test suite
    /// per organization; in it one test case per declared member (failing when an item of
    /// drift concerns the member), one failing test case per other item (an undeclared
    /// member, the organization itself), and one skipped test case per protected principal
    /// or principal left alone by an additive policy. Attributes and elements are those of
    /// the common JUnit schema (Jenkins' junit-10.xsd). `maskEmails` hides the local part of
    /// every email address (``EmailMask``) in every name, message and text.
    public func renderedJUnit(maskEmails: Bool = false) -> String {
        let xml = XMLText(maskEmails: maskEmails)
        let timestamp = Self.timestamp(createdAt)
        var suites: [String] = []
        var totals = (tests: 0, failures: 0, skipped: 0)
        for organization in organizations {
            var cases: [String] = []
            var failures = 0
            var skipped = 0
            let classname = "roster.drift.\(organization.name)"
            for member in organization.members {
                let items = organization.items(of: member)
                var name = member.member
                if let userID = member.userID, userID != member.member { name += " (\(userID))" }
                // Masked, two emails that resolved to nobody could read alike: the place
                // where each is declared keeps their test cases apart.
                else if maskEmails, member.userID == nil, EmailMask.mask(name) != name { name += " (\(member.source))" }
                if items.isEmpty {
                    cases.append(xml.testCase(name: name, classname: classname, body: nil))
                } else {
                    failures += 1
                    let message = items.map { "\($0.kind.label): \($0.message)" }.joined(separator: "; ")
                    let details = items.map { "\($0.kind.marker) \($0.headline)\n    \($0.message)" }.joined(separator: "\n")
                    cases.append(xml.testCase(name: name, classname: classname, body: xml.failure(
                        message: message, type: items.map(\.kind.rawValue).joined(separator: ","),
                        details: details + "\ndeclared at \(member.source)")))
                }
            }
            for item in organization.otherItems {
                failures += 1
                cases.append(xml.testCase(name: item.headline, classname: classname, body: xml.failure(
                    message: item.message, type: item.kind.rawValue,
                    details: "\(item.kind.marker) \(item.headline)\n    \(item.message)"
                        + (item.source.map { "\nsee \($0)" } ?? ""))))
            }
            for note in organization.notes {
                skipped += 1
                cases.append(xml.testCase(name: note.headline, classname: classname,
                                           body: "<skipped\(xml.attributes([("message", note.message)]))/>"))
            }
            totals.tests += cases.count
            totals.failures += failures
            totals.skipped += skipped
            let attributes = xml.attributes([
                ("name", organization.name), ("tests", "\(cases.count)"), ("failures", "\(failures)"), ("errors", "0"),
                ("skipped", "\(skipped)"), ("time", "0"), ("timestamp", timestamp),
            ])
            var suite = ["  <testsuite\(attributes)>"]
            suite.append("    <properties>")
            suite.append("      <property\(xml.attributes([("name", "tenant"), ("value", tenant)]))/>")
            suite.append("      <property\(xml.attributes([("name", "organization_id"), ("value", organization.id ?? "")]))/>")
            suite.append("      <property\(xml.attributes([("name", "source"), ("value", organization.source)]))/>")
            suite.append("    </properties>")
            suite += cases.map { "    " + $0 }
            suite.append("  </testsuite>")
            suites.append(suite.joined(separator: "\n"))
        }
        let root = xml.attributes([
            ("name", "roster drift"), ("tests", "\(totals.tests)"), ("failures", "\(totals.failures)"), ("errors", "0"),
            ("time", "0"),
        ])
        return (["<?xml version=\"1.0\" encoding=\"UTF-8\"?>", "<testsuites\(root)>"] + suites + ["</testsuites>"])
            .joined(separator: "\n") + "\n"
    }

    /// Elements and attributes, every text masked first when asked and then escaped.
    private struct XMLText {
        var maskEmails: Bool

        func testCase(name: String, classname: String, body: String?) -> String {
            let attributes = attributes([("name", name), ("classname", classname), ("time", "0")])
            guard let body else { return "<testcase\(attributes)/>" }
            return "<testcase\(attributes)>\(body)</testcase>"
        }

        func failure(message: String, type: String, details: String) -> String {
            "<failure\(attributes([("message", message), ("type", type)]))>\(XMLEscaping.escape(masked(details)))</failure>"
        }

        func attributes(_ pairs: [(String, String)]) -> String {
            pairs.map { " \($0.0)=\"\(XMLEscaping.escape(masked($0.1), attribute: true))\"" }.joined()
        }

        private func masked(_ text: String) -> String { maskEmails ? EmailMask.mask(text) : text }
    }

    /// `2026-11-26T03:01:12` (UTC, no zone designator: the schema's `xs:dateTime` pattern
    /// that JUnit readers expect).
    private static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate, .withTime, .withDashSeparatorInDate, .withColonSeparatorInTime]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }
}
