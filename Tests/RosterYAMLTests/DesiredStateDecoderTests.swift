import Testing
import RosterCore
@testable import RosterYAML

/// A minimal valid file with `body` as the members of organization `acme`.
private func members(_ body: String, policy: String = "") -> String {
    "version: 1\norganizations:\n  acme:\n\(policy)    members:\n" + body
}

/// An expected error message, as a `Result` failure.
struct Message: Error, ExpressibleByStringLiteral {
    let text: String
    init(stringLiteral text: String) { self.text = text }
}

@Suite("the desired-state format, version 1")
struct DesiredStateDecoderTests {
    @Test("a complete file becomes typed organizations with effective policies")
    func completeFile() throws {
        let result = load("""
            version: 1
            policy:
              protected: [auth0|breakglass]
              max_member_removals: 5
            organizations:
              acme:
                id: org_7Qb2Lc9TgHnY1xQw
                policy: {roles: additive, protected: [ops@example.com], min_role_holders: {admin: 1}}
                members:
                  auth0|64f1a2b3c4d5e6f7a8b9c0d1: [admin, rol_billing01]
                  Jane@Example.com:
                    roles: [viewer]
                  bot@example.com: ~
                  carol@example.com: []
              globex: {}

            """)
        #expect(result.diagnostics.errorTexts == [])
        #expect(result.diagnostics.warningMessages == ["organization \"globex\" declares nothing; its membership is not managed"])
        let acme = try #require(result.state.organization(named: "acme"))
        #expect(acme.id == "org_7Qb2Lc9TgHnY1xQw")
        #expect(acme.policy.roles == .additive)
        #expect(acme.policy.members == .authoritative)
        #expect(acme.policy.maxMemberRemovals == 5)
        #expect(acme.policy.protected == [.userID("auth0|breakglass"), .email("ops@example.com")])
        #expect(acme.policy.minRoleHolders == ["admin": 1])
        let declared = try #require(acme.members)
        #expect(declared.map(\.principal) == [
            // Emails are kept as written: Auth0 looks them up exactly.
            .userID("auth0|64f1a2b3c4d5e6f7a8b9c0d1"), .email("Jane@Example.com"),
            .email("bot@example.com"), .email("carol@example.com"),
        ])
        #expect(declared[0].roles == [.name("admin"), .id("rol_billing01")])
        #expect(declared[1].roles == [.name("viewer")])
        #expect(declared[2].roles == nil)
        #expect(declared[3].roles == [])
        #expect(declared[1].location == SourceLocation(file: "test.yaml", line: 11, column: 7))
        let globex = try #require(result.state.organization(named: "globex"))
        #expect(globex.members == nil)
        #expect(globex.policy.protected == [.userID("auth0|breakglass")])
    }

    @Test("empty, comment-only and organization-less files are errors, never \"nothing desired\"", arguments: [
        ("", "1:1: file is empty; an empty file never means \"no members\""),
        ("# only a comment\n", "1:1: file is empty; an empty file never means \"no members\""),
        ("---\n", "1:1: file is empty; an empty file never means \"no members\""),
        ("version: 1\n", "1:1: missing key \"organizations\""),
        ("version: 1\norganizations:\n", "2:15: organizations must be a mapping, found null"),
        ("version: 1\norganizations: {}\n", "2:16: organizations is empty; declare at least one organization"),
        ("organizations: {acme: {}}\n", "1:1: missing key \"version\""),
        ("version: 2\norganizations: {acme: {}}\n", "1:10: unsupported format version 2; this Roster reads version 1"),
        ("- a\n- b\n", "1:1: the top level must be a mapping, found a sequence"),
    ])
    func emptyFiles(yaml: String, expected: String) {
        #expect(load(yaml).diagnostics.errorSummaries == [expected])
    }

    @Test("scalars are typed by the field that receives them", arguments: [
        // Strings keep their raw text: YAML 1.1 booleans, octal-looking numbers, nulls in quotes.
        (members("      a@example.com: [NO, on, 0755, 'null', 1.5]\n"), [String]()),
        (members("      a@example.com: [~]\n"), ["5:23: role of a@example.com must be a string, found null"]),
        (members("      a@example.com: [!!int 3]\n"), ["5:23: role of a@example.com must be a string, found \"3\""]),
        (members("      a@example.com: ['']\n"), ["5:23: role of a@example.com must not be empty"]),
    ])
    func scalarTyping(yaml: String, expected: [String]) throws {
        let result = load(yaml)
        #expect(result.diagnostics.errorSummaries == expected)
        if expected.isEmpty {
            let roles = try #require(result.state.organizations.first?.members?.first?.roles)
            #expect(roles.map(\.description) == ["NO", "on", "0755", "null", "1.5"])
        }
    }

    @Test("booleans are only true and false", arguments: [
        ("true", .success(true)), ("false", .success(false)), ("!!bool true", .success(true)),
        ("yes", .failure("allow_empty must be true or false, found \"yes\"")),
        ("on", .failure("allow_empty must be true or false, found \"on\"")),
        ("True", .failure("allow_empty must be true or false, found \"True\"")),
        ("'true'", .failure("allow_empty must be true or false, found \"true\"")),
        ("1", .failure("allow_empty must be true or false, found \"1\"")),
    ] as [(String, Result<Bool, Message>)])
    func booleans(value: String, expected: Result<Bool, Message>) {
        let yaml = "version: 1\npolicy: {allow_empty: \(value)}\norganizations: {acme: {members: {a@x.io: ~}}}\n"
        let result = load(yaml)
        let errors = result.diagnostics.filter { $0.severity == .error }.map(\.message)
        switch expected {
        case .success(let flag):
            #expect(errors == [])
            #expect(result.state.organizations.first?.policy.allowEmpty == flag)
        case .failure(let message):
            #expect(errors == [message.text])
        }
    }

    @Test("integers are decimal and within their range", arguments: [
        ("max_member_removals: 0", nil),
        ("max_member_removals: 12", nil),
        ("max_member_removals: -1", "max_member_removals must be at least 0, found -1"),
        ("max_member_removals: 010", "max_member_removals must be a decimal integer, found \"010\""),
        ("max_member_removals: 0x10", "max_member_removals must be a decimal integer, found \"0x10\""),
        ("max_member_removals: 1_000", "max_member_removals must be a decimal integer, found \"1_000\""),
        ("max_member_removals: '5'", "max_member_removals must be a decimal integer, found \"5\""),
        ("max_member_removals: 99999999999999999999", "max_member_removals must be a decimal integer, found \"99999999999999999999\""),
        ("max_member_removal_percent: 100", nil),
        ("max_member_removal_percent: 101", "max_member_removal_percent must be between 0 and 100, found 101"),
        ("max_role_removals: 2.5", "max_role_removals must be a decimal integer, found \"2.5\""),
        ("min_role_holders: {admin: 2}", nil),
        ("min_role_holders: {admin: -2}", "min_role_holders.admin must be at least 0, found -2"),
        ("min_role_holders: [admin]", "min_role_holders must be a mapping, found a sequence"),
    ] as [(String, String?)])
    func integers(entry: String, expected: String?) {
        let yaml = "version: 1\norganizations:\n  acme:\n    policy: {\(entry)}\n    members: {a@example.com: ~}\n"
        let errors = load(yaml).diagnostics.filter { $0.severity == .error }.map(\.message)
        #expect(errors == (expected.map { [$0] } ?? []))
    }

    @Test("unknown keys are errors with a suggestion", arguments: [
        ("version: 1\norganization: {}\n", "unknown key \"organization\"; did you mean \"organizations\"?"),
        ("version: 1\norganizations: {acme: {member: {}}}\n", "unknown key \"member\"; did you mean \"members\"?"),
        ("version: 1\norganizations: {acme: {policy: {max_member_removal: 1}, members: {a@x.io: ~}}}\n",
         "unknown key \"max_member_removal\"; did you mean \"max_member_removals\"?"),
        ("version: 1\norganizations: {acme: {policy: {alow_empty: true}, members: {a@x.io: ~}}}\n",
         "unknown key \"alow_empty\"; did you mean \"allow_empty\"?"),
        ("version: 1\norganizations: {acme: {members: {a@x.io: {role: [x]}}}}\n",
         "unknown key \"role\"; did you mean \"roles\"?"),
        ("version: 1\norganizations: {acme: {colour: blue}}\n", "unknown key \"colour\""),
        ("version: 1\norganizations: {acme: {policy: {members: authorative}, members: {a@x.io: ~}}}\n",
         "members must be authoritative or additive, found \"authorative\"; did you mean \"authoritative\"?"),
    ])
    func unknownKeys(yaml: String, expected: String) {
        let errors = load(yaml).diagnostics.filter { $0.severity == .error }.map(\.message)
        #expect(errors.contains(expected), "\(errors)")
    }

    @Test("members: a list, a mapping with roles, or null", arguments: [
        (members("      a@example.com: admin\n"),
         "5:22: roles of a@example.com must be a list of roles, a mapping with `roles`, or null; found \"admin\""),
        (members("      a@example.com: {roles: admin}\n"), "5:30: roles of a@example.com must be a sequence, found \"admin\""),
        (members("      jane: [admin]\n"), "5:7: member \"jane\" is neither a user id (provider|id) nor an email address"),
        (members("      \"|x\": [admin]\n"), "5:7: member \"|x\" is neither a user id (provider|id) nor an email address"),
        (members("      a b@example.com: [admin]\n"), "5:7: member \"a b@example.com\" is neither a user id (provider|id) nor an email address"),
        (members("      a@example.com: [admin, viewer, admin]\n"), "5:38: role \"admin\" is listed twice for a@example.com"),
        (members("      A@example.com: ~\n      a@EXAMPLE.com: ~\n"),
         "6:7: member a@EXAMPLE.com is declared twice in \"acme\" (emails that differ only in case)"),
        ("version: 1\norganizations:\n  acme:\n    members: [a@example.com]\n",
         "4:14: members of \"acme\" must be a mapping, found a sequence"),
    ])
    func memberForms(yaml: String, expected: String) {
        #expect(load(yaml).diagnostics.errorSummaries == [expected])
    }

    @Test("an organization with no members needs allow_empty")
    func allowEmpty() throws {
        let refused = load("version: 1\norganizations:\n  acme:\n    members: {}\n")
        #expect(refused.diagnostics.errorSummaries == ["4:14: members of \"acme\" is empty, which would remove every member"])
        let allowed = load("version: 1\norganizations:\n  acme:\n    policy: {allow_empty: true}\n    members: {}\n")
        #expect(allowed.isValid)
        #expect(try #require(allowed.state.organizations.first?.members) == [])
        let fromFile = load("version: 1\npolicy: {allow_empty: true}\norganizations:\n  acme: {members: {}}\n")
        #expect(fromFile.isValid)
    }

    @Test("members: null leaves membership unmanaged, with a warning")
    func nullMembers() {
        let result = load("version: 1\norganizations:\n  acme:\n    members:\n")
        #expect(result.isValid)
        #expect(result.state.organizations.first?.members == nil)
        #expect(result.diagnostics.warningMessages == ["members of \"acme\" is null; its membership is not managed"])
    }

    @Test("organization names and ids follow Auth0's rules", arguments: [
        ("Acme", "\"Acme\" is not a valid Auth0 organization name"),
        ("acme corp", "\"acme corp\" is not a valid Auth0 organization name"),
        (String(repeating: "a", count: 51), "\"\(String(repeating: "a", count: 51))\" is not a valid Auth0 organization name"),
    ])
    func organizationNames(name: String, expected: String) {
        let result = load("version: 1\norganizations:\n  \(name): {members: {a@x.io: ~}}\n")
        #expect(result.diagnostics.filter { $0.severity == .error }.map(\.message) == [expected])
    }

    @Test("a pinned id must look like an Auth0 organization id", arguments: ["acme", "org_", "org_abc-def", "12"])
    func organizationIDs(id: String) {
        let result = load("version: 1\norganizations:\n  acme: {id: \(id), members: {a@x.io: ~}}\n")
        #expect(result.diagnostics.filter { $0.severity == .error }.map(\.message) == ["\"\(id)\" is not an Auth0 organization id"])
    }

    @Test("an organization declared in two files names both places")
    func duplicateAcrossFiles() {
        let file = "version: 1\norganizations:\n  acme:\n    members: {a@x.io: ~}\n"
        let result = DesiredStateLoader().load(sources: [("one.yaml", Array(file.utf8)), ("two.yaml", Array(file.utf8))])
        #expect(result.diagnostics.map(\.renderedText) == [
            "two.yaml:3:3: error: organization \"acme\" is declared in more than one place\n    one.yaml:3:3: note: first declared here",
        ])
        #expect(result.state.organizations.count == 1)
    }

    @Test("every problem in every file is reported in one pass, sorted by file and line")
    func allProblemsAtOnce() {
        let bad = "version: 1\norganizations:\n  acme:\n    members:\n      jane: [admin]\n      b@x.io: {rolez: []}\n"
        let worse = "version: 1\npolicy: {members: sometimes}\norganizations:\n  Bad: {}\n"
        let result = DesiredStateLoader().load(sources: [("b.yaml", Array(worse.utf8)), ("a.yaml", Array(bad.utf8))])
        #expect(result.diagnostics.compactMap(\.location).map { "\($0.file):\($0.line)" }
            == ["a.yaml:5", "a.yaml:6", "b.yaml:2", "b.yaml:4", "b.yaml:4"])
    }

    @Test("the organization's policy overrides the file's key by key; protected adds up")
    func policyMerging() throws {
        let result = load("""
            version: 1
            policy: {members: additive, max_role_removals: 3, protected: [a|1]}
            organizations:
              acme:
                policy: {max_role_removals: 7, protected: [b|2, a|1]}
                members: {a@x.io: ~}

            """)
        let policy = try #require(result.state.organizations.first?.policy)
        #expect(policy.members == .additive)
        #expect(policy.maxRoleRemovals == 7)
        #expect(policy.maxMemberRemovals == Policy.defaults.maxMemberRemovals)
        #expect(policy.protected == [.userID("a|1"), .userID("b|2")])
    }
}
