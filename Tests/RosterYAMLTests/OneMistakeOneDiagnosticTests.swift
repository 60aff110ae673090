import Foundation
import Testing
import RosterCore
@testable import RosterYAML

/// One mistake gives one diagnostic: what the YAML layer reports, the format checks pass over.
@Suite("one mistake, one diagnostic")
struct OneMistakeOneDiagnosticTests {
    @Test("each mistake is reported once", arguments: [
        ("version: 1\norganizations:\n  acme:\n    members:\n      <<: {a@x.io: ~}\n      b@x.io: ~\n",
         ["5:7: merge keys (<<) are not allowed in desired-state files"]),
        ("version: 1\norganizations:\n  ? [acme]\n  : {members: {a@x.io: ~}}\n",
         ["3:5: a mapping key must be a scalar, not a sequence"]),
        ("version: 1\norganizations:\n  acme: {members: {a@x.io: ~}}\n  acme: {members: {b@x.io: ~}}\n",
         ["4:3: duplicate key \"acme\""]),
        ("version: 1\norganizations:\n  acme:\n    members:\n      Ann@x.io: ~\n      b@x.io: ~\n      b@x.io: ~\n",
         ["7:7: duplicate key \"b@x.io\""]),
    ])
    func once(yaml: String, expected: [String]) {
        let result = load(yaml)
        #expect(result.diagnostics.errorSummaries == expected)
        #expect(result.diagnostics.warningMessages == [])
    }

    @Test("an alias is reported as an alias, not as the null it stands in for")
    func aliasIsNotNull() {
        let result = load("version: 1\norganizations:\n  acme:\n    members: *everyone\n")
        #expect(result.diagnostics.map(\.message) == ["aliases (*name) are not allowed in desired-state files"])
    }

    @Test("a missing version does not hide the file's other problems")
    func missingVersion() {
        let result = load("organizations:\n  acme:\n    member: {}\n")
        #expect(result.diagnostics.errorSummaries == [
            "1:1: missing key \"version\"", "3:5: unknown key \"member\"; did you mean \"members\"?",
        ])
    }

    @Test("only decimal-looking numbers get the leading-zero hint", arguments: [
        ("010", true), ("0x10", false), ("0o10", false),
    ])
    func leadingZeroHint(value: String, hinted: Bool) throws {
        let result = load("version: 1\npolicy: {max_role_removals: \(value)}\norganizations: {acme: {members: {a@x.io: ~}}}\n")
        let diagnostic = try #require(result.diagnostics.first)
        #expect(diagnostic.notes.contains { $0.message.hasPrefix("leading zeros") } == hinted)
    }

    @Test("a user listed twice in protected is a warning, emails compared without case; every spelling still protects")
    func protectedTwice() {
        let result = load("""
            version: 1
            policy:
              protected: [ops@example.com, OPS@example.com, auth0|x, auth0|x, Ops@Example.com]
            organizations: {acme: {members: {a@x.io: ~}}}

            """)
        #expect(result.isValid)
        #expect(result.diagnostics.warningMessages == [
            "OPS@example.com is listed twice in protected", "auth0|x is listed twice in protected",
            "Ops@Example.com is listed twice in protected",
        ])
        #expect(result.state.organizations.first?.policy.protected.map(\.description)
            == ["ops@example.com", "OPS@example.com", "auth0|x", "Ops@Example.com"])
    }

    @Test("a character YAML reads as a line break but editors do not show is an error where it is",
          arguments: [("\u{85}", "U+0085 (NEXT LINE)"), ("\u{2028}", "U+2028 (LINE SEPARATOR)"),
                      ("\u{2029}", "U+2029 (PARAGRAPH SEPARATOR)")])
    func hiddenLineBreak(character: String, name: String) {
        // In a comment, it would turn the rest of the line into a member nobody reviewed.
        let result = load("version: 1\norganizations:\n  acme:\n    members:  # listed below\(character)      auth0|evil: [admin]\n"
                          + "      a@x.io: ~\n")
        #expect(result.diagnostics.errorSummaries == ["4:29: \(name) is a line break to YAML, though editors show none: "
                                                      + "what follows it on this line would be read as a line of its own"])
        #expect(result.state.organizations.isEmpty)
        // Written as an escape in a double-quoted scalar, it is text.
        let escaped = load("version: 1\norganizations:\n  acme:\n    members:\n      a@x.io: [\"line\\Lsep\"]\n")
        #expect(escaped.isValid, "\(escaped.diagnostics.map(\.renderedText))")
    }

    @Test("one role written two ways in min_role_holders is an error, not one floor replacing the other")
    func minRoleHoldersTwoSpellings() {
        let result = load("version: 1\npolicy: {min_role_holders: {\"caf\u{E9}\": 1, \"cafe\u{301}\": 0}}\norganizations: {acme: {members: {a@x.io: ~}}}\n")
        #expect(result.diagnostics.errorSummaries.count == 1)
        #expect(result.diagnostics.errorSummaries.first?.contains("is listed twice in min_role_holders (written two ways)") == true,
                "\(result.diagnostics.errorSummaries)")
    }

    @Test("spaces and control characters beyond ASCII are refused in members and roles; other letters are not")
    func unicodeSpacesAndControls() {
        let result = load(#"""
            version: 1
            organizations:
              acme:
                members:
                  "jane\u00A0doe@example.com": [admin]
                  "auth0|a\u3000b": ~
                  bob@x.io: ["ad\x85min"]
                  "zo\u00EB@example.com": [caf\u00E9]
                  auth0|j\u00F6rg: ~

            """#)
        #expect(result.diagnostics.errorSummaries.map { $0.prefix(4) } == ["5:7:", "6:7:", "7:18"], "\(result.diagnostics.errorSummaries)")
        #expect(result.diagnostics.errorSummaries.last?.hasSuffix("contains a control character (U+0085)") == true)
    }

    @Test("positions after a byte-order mark and in files with lone CR line ends are those an editor shows")
    func positionsWithBOMAndCR() {
        func errors(_ bytes: [UInt8]) -> [String] {
            DesiredStateLoader().load(sources: [("test.yaml", bytes)]).diagnostics.errorSummaries
        }
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("version: 1 ".utf8) + [0xFF, 0x0A]
        #expect(errors(bom).first?.hasPrefix("1:12: ") == true, "\(errors(bom))")
        let cr = Array("version: 1\rorganizations:\r  acme:\r    members:\r      a@x.io: [".utf8) + [0xFF] + Array("]\r".utf8)
        #expect(errors(cr).first?.hasPrefix("5:16: ") == true, "\(errors(cr))")
    }

    @Test("another format version stops the checks of the file before its other keys are read")
    func otherVersionFirst() {
        let result = load("defaults: {x: 1}\nversion: 2\norganizations: {}\n")
        #expect(result.diagnostics.errorSummaries == ["2:10: unsupported format version 2; this Roster reads version 1"])
    }

    @Test("one user id written two ways (precomposed and decomposed, KELVIN SIGN and K) is declared twice")
    func userIDTwoWays() {
        let result = load("version: 1\norganizations:\n  acme:\n    members:\n      \"auth0|caf\u{E9}\": ~\n"
                          + "      \"auth0|cafe\u{301}\": ~\n      auth0|Kelvin: ~\n      \"auth0|\u{212A}elvin\": ~\n")
        #expect(result.diagnostics.errorSummaries.count == 2, "\(result.diagnostics.errorSummaries)")
        #expect(result.diagnostics.errorSummaries.allSatisfy { $0.contains("(one user id written two ways)") })
    }

    @Test("a null membership mode names the values it takes")
    func nullMode() {
        let result = load("version: 1\npolicy: {members: ~}\norganizations: {acme: {members: {a@x.io: ~}}}\n")
        #expect(result.diagnostics.errorSummaries == ["2:19: members must be authoritative or additive, found null"])
    }

    @Test("null protected means none; null min_role_holders is an error, since an organization's replaces the file's")
    func nullLists() {
        let result = load("version: 1\npolicy: {protected: ~, min_role_holders: {admin: 1}}\norganizations: {acme: {members: {a@x.io: ~}}}\n")
        #expect(result.isValid)
        #expect(result.state.organizations.first?.policy.protected == [])
        // `min_role_holders:` with its mapping left out would otherwise drop the file's floor.
        let dropped = load("""
            version: 1
            policy: {min_role_holders: {admin: 1}}
            organizations:
              acme:
                policy:
                  min_role_holders:
                members: {a@x.io: ~}

            """)
        #expect(dropped.diagnostics.errorSummaries == ["6:24: min_role_holders must be a mapping, found null"])
        #expect(dropped.diagnostics.first?.notes.first?.message.contains("`min_role_holders: {}` for no floor") == true)
    }

    @Test("a file named twice, however spelt, is read once")
    func sameFileTwice() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("roster-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("orgs"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("version: 1\norganizations: {acme: {members: {a@x.io: ~}}}\n".utf8)
            .write(to: folder.appendingPathComponent("orgs/acme.yaml"))
        let result = DesiredStateLoader().load(paths: [folder.appendingPathComponent("orgs").path,
                                                       folder.path + "/./orgs/acme.yaml"])
        #expect(result.isValid)
        #expect(result.state.files.count == 1)
    }

    @Test("at most 100 diagnostics per file, schema errors included, then a count of the rest")
    func combinedCap() throws {
        var yaml = "version: 1\norganizations:\n  acme:\n    members:\n"
        for i in 0..<150 { yaml += "      user\(i): ~\n" }
        let result = load(yaml)
        #expect(result.diagnostics.count == 101)
        let last = try #require(result.diagnostics.last)
        #expect(last.message == "too many errors; 50 more in this file not shown")
        #expect(last.location?.line == 105)
    }

    @Test("the parser's own cap points at where it stopped")
    func parserCapLocation() throws {
        let yaml = (0..<500).map { "k\($0): !foo x" }.joined(separator: "\n")
        let result = parse(yaml)
        let last = try #require(result.diagnostics.last)
        #expect(last.message.hasPrefix("too many errors"))
        #expect((last.location?.line ?? 0) > 1)
    }
}

@Suite("hostile sizes stay linear and messages stay short")
struct HostileSizeTests {
    @Test("a member key of a megabyte gives a short message")
    func hugeMemberKey() throws {
        let key = String(repeating: "a", count: 1_000_000) + "@example.com"
        let result = load("version: 1\norganizations:\n  acme:\n    members:\n      \(key): admin\n")
        let diagnostic = try #require(result.diagnostics.first)
        #expect(result.diagnostics.count == 1)
        #expect(diagnostic.message.count < 300)
        #expect(diagnostic.renderedText.count < 500)
    }

    @Test("an unknown key of a megabyte is reported briefly")
    func hugeUnknownKey() throws {
        let key = String(repeating: "m", count: 1_000_000)
        // libyaml takes keys over 1,024 characters only in the explicit `? key` form.
        let result = load("version: 1\norganizations:\n  acme:\n    ? \(key)\n    : 1\n    members: {a@x.io: ~}\n")
        let diagnostic = try #require(result.diagnostics.first)
        #expect(diagnostic.message.hasPrefix("unknown key"))
        #expect(diagnostic.message.count < 300)
    }

    @Test("a role list of 200,000 entries with one repeat is checked in linear time")
    func longRoleList() {
        var roles = (0..<200_000).map { "r\($0)" }
        roles.append("r7")
        let result = load("version: 1\norganizations:\n  acme:\n    members:\n      a@x.io: [\(roles.joined(separator: ", "))]\n")
        #expect(result.diagnostics.map(\.message) == ["role \"r7\" is listed twice for a@x.io"])
    }

    @Test("a protected list of 100,000 principals is deduplicated in linear time")
    func longProtectedList() throws {
        let principals = (0..<100_000).map { "auth0|\($0)" }
        let result = load("version: 1\npolicy:\n  protected: [\(principals.joined(separator: ", "))]\norganizations:\n  acme:\n    policy: {protected: [\(principals.joined(separator: ", "))]}\n    members: {a@x.io: ~}\n")
        #expect(result.isValid)
        #expect(try #require(result.state.organizations.first).policy.protected.count == 100_000)
    }
}
