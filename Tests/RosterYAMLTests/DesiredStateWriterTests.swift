import Foundation
import RosterCore
import Testing
@testable import RosterYAML

@Suite("Desired-state writer (roster export)")
struct DesiredStateWriterTests {
    /// Role names that other YAML writers get wrong: numbers, booleans, nulls, indicators,
    /// comment and mapping markers, spaces at the ends, quotes, unicode.
    static let trickyRoles = [
        "123", "-1", "0755", "1e3", "0x1F", ".5", ".inf", ".NaN", "true", "false", "True", "yes", "NO", "on", "off", "y",
        "null", "Null", "NULL", "~", "a: b", "a:b", "x #y", "x#y", "#x", " lead", "trail ", " both ", "two  spaces",
        "ünïcödé ✓", "emoji 🎉", "日本語", "-", "- item", "?", "? q", ":colon", "[a]", "{b}", "a,b", "a, b", "\"q\"",
        "'s'", "it's", "*x", "&y", "!z", "%p", "@at", "`bt`", "|pipe", ">gt", "a\\b", "line\u{2028}sep", "nbsp\u{A0}x",
        "---", "...", "<<", "=", "a]b", "a}b",
    ]

    /// User ids with the same traps where a user id can hold them (no spaces).
    static let trickyUserIDs = [
        "auth0|123", "123|456", "true|false", "null|x", "~|x", "auth0|x#y", "auth0|a:b", "-|x", "&a|x", "*a|x", "!t|x",
        "%d|x", "@a|x", "'q|x", "\"d|x", "[f|x", "{b|x", "?q|x", ">f|x", "#h|x", ",c|x", "samlp|corp|jane", "auth0|ü",
        "--|x", "<<|x", "=|x",
    ]

    static func organization() -> (CurrentOrganization, [TenantRole]) {
        let roles = trickyRoles.enumerated().map { TenantRole(id: "rol_\($0.offset)", name: $0.element) }
        let members = trickyUserIDs.enumerated().map { index, userID in
            CurrentMember(userID: userID, email: index.isMultiple(of: 2) ? "user\(index)@example.com" : nil,
                          roles: Array(roles.dropFirst(index * 3).prefix(index == 0 ? roles.count : 3)))
        } + [CurrentMember(userID: "auth0|noroles", email: "x # y@example.com", roles: []),
             // An email holding a line separator: in the comment it is a space, not a new line.
             CurrentMember(userID: "auth0|hidden", email: "ravi@example.com\u{2028}      auth0|evil: [admin]", roles: [])]
        return (CurrentOrganization(id: "org_7Qb2Lc9TgHnY1xQw", name: "acme", members: members), roles)
    }

    @Test("every tricky value survives the round trip through Roster's strict loader, and plans no change")
    func roundTrip() throws {
        let (organization, roles) = Self.organization()
        let membership = TenantMembership(organizations: [organization], roles: roles)
        let text = try DesiredStateWriter.document(for: organization, rolesByID: membership.rolesWrittenByID,
                                                   header: ["Exported for a test"])
        let result = load(text, file: "acme.yaml")
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.renderedText))\n\(text)")
        let spec = try #require(result.state.organization(named: "acme"))
        #expect(spec.id == "org_7Qb2Lc9TgHnY1xQw")
        let written = Dictionary(uniqueKeysWithValues: (spec.members ?? []).map {
            ($0.principal.description, ($0.roles ?? []).map(\.description))
        })
        for member in organization.members ?? [] {
            #expect(written[member.userID] == member.roles.map(\.name), "\(member.userID)\n\(text)")
        }
        let current = TenantState(
            organizations: [organization],
            resolution: Resolution(roleIDsByName: Dictionary(uniqueKeysWithValues: roles.map { ($0.name, $0.id) })),
            diagnostics: [])
        let plan = try Planner.plan(desired: result.state, current: current)
        #expect(!plan.hasChanges)
        #expect(plan.organizations.allSatisfy { $0.notes.isEmpty })
    }

    @Test("libyaml's emitter quotes what would read as something else than the same text",
          arguments: [("123", "'123'"), ("true", "'true'"), ("null", "'null'"), ("~", "'~'"), ("a: b", "'a: b'"),
                      ("x #y", "'x #y'"), (" lead", "' lead'"), ("admin", "admin"), ("auth0|x", "auth0|x"),
                      ("ünï", "ünï"), ("it's", "it's")])
    func quoting(_ text: String, _ expected: String) throws {
        #expect(try YAMLScalarEmitter.render(text) == expected)
    }

    @Test("members sorted by user id, roles by name, the email as a comment")
    func layout() throws {
        let organization = CurrentOrganization(id: "org_1", name: "acme", members: [
            CurrentMember(userID: "auth0|b", email: "b@example.com", roles: [TenantRole(id: "rol_v", name: "viewer"),
                                                                          TenantRole(id: "rol_a", name: "admin")]),
            CurrentMember(userID: "auth0|a", roles: []),
        ])
        #expect(try DesiredStateWriter.document(for: organization) == """
            version: 1
            organizations:
              acme:
                id: org_1
                members:
                  auth0|a: []
                  auth0|b: [admin, viewer]  # b@example.com

            """)
    }

    @Test("a role name two roles share, or one that reads as an id, is written by id")
    func rolesByID() throws {
        let shared = [TenantRole(id: "rol_1", name: "admin"), TenantRole(id: "rol_2", name: "admin"),
                      TenantRole(id: "rol_3", name: "rol_fake")]
        let organization = CurrentOrganization(id: "org_1", name: "acme", members: [
            CurrentMember(userID: "auth0|a", roles: [shared[0], shared[2]]),
        ])
        let membership = TenantMembership(organizations: [organization], roles: shared)
        #expect(membership.rolesWrittenByID == ["admin", "rol_fake"])
        let text = try DesiredStateWriter.document(for: organization, rolesByID: membership.rolesWrittenByID)
        #expect(text.contains("auth0|a: [rol_1, rol_3]"))
    }

    @Test("an organization without members is written without `members`, so nothing is managed or removed")
    func empty() throws {
        let text = try DesiredStateWriter.document(for: CurrentOrganization(id: "org_1", name: "acme", members: []))
        let result = load(text)
        #expect(!result.diagnostics.containsErrors, "\(result.diagnostics.map(\.renderedText))")
        #expect(result.state.organization(named: "acme")?.members == nil)
    }

    @Test("a value a desired-state file cannot hold is refused with what and where")
    func refused() {
        let organization = CurrentOrganization(id: "org_1", name: "acme", members: [
            CurrentMember(userID: "auth0|a", roles: [TenantRole(id: "rol_1", name: "bad\nname")]),
        ])
        #expect(throws: DesiredStateWriter.Failure.self) { try DesiredStateWriter.document(for: organization) }
        for userID in ["auth0|a b", "auth0|a\u{A0}b", "auth0|line\u{2028}sep"] {
            let spaced = CurrentOrganization(id: "org_1", name: "acme", members: [CurrentMember(userID: userID)])
            #expect(throws: DesiredStateWriter.Failure.self) { try DesiredStateWriter.document(for: spaced) }
        }
    }
}
