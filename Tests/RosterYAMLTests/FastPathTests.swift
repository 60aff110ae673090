import RosterCore
import Testing
@testable import RosterYAML

/// The loader's fast paths give what the plain code gives.
@Suite("Loader fast paths")
struct FastPathTests {
    @Test("the word-at-a-time control character check agrees with the byte-by-byte one")
    func controlCharacters() {
        var generator = SystemRandomNumberGenerator()
        var cases: [[UInt8]] = (0 ... 255).map { [UInt8($0)] }
        for length in 0 ... 40 {
            for position in 0 ..< max(1, length) {
                for special: UInt8 in [0x00, 0x1F, 0x20, 0x7E, 0x7F, 0x80, 0x9F, 0xFF] {
                    var bytes = Array(repeating: UInt8(ascii: "a"), count: length)
                    if length > 0 { bytes[position] = special }
                    cases.append(bytes)
                }
            }
        }
        for _ in 0 ..< 2_000 {
            cases.append((0 ..< Int.random(in: 0 ... 33, using: &generator)).map { _ in UInt8.random(in: 0x1E ... 0xFF, using: &generator) })
        }
        for bytes in cases {
            let expected = bytes.contains { $0 < 0x20 || $0 == 0x7F }
            #expect(bytes.withUnsafeBufferPointer { ParseState.containsControlCharacter($0) } == expected, "\(bytes)")
        }
    }

    @Test("members sharing a role list get equal roles, and a list that differs by a byte does not match")
    func sharedRoleLists() throws {
        let yaml = """
            version: 1
            organizations:
              acme:
                members:
                  auth0|a: [admin, viewer]
                  auth0|b: [admin, viewer]
                  auth0|c: [admin, viewes]
                  auth0|d: [admin]
                  auth0|e:
                    roles: [admin, viewer]
                  auth0|f: [admin, "viewer"]
                  auth0|g: [adminviewer]
                  auth0|h: [admi, nviewer]
            """
        let result = DesiredStateLoader().load(sources: [("a.yaml", Array(yaml.utf8))])
        let members = try #require(result.state.organizations.first?.members)
        let roles = Dictionary(uniqueKeysWithValues: members.map { ($0.principal.description, $0.roles?.map(\.description)) })
        #expect(roles["auth0|a"] == ["admin", "viewer"])
        #expect(roles["auth0|b"] == ["admin", "viewer"])
        #expect(roles["auth0|c"] == ["admin", "viewes"])
        #expect(roles["auth0|d"] == ["admin"])
        #expect(roles["auth0|e"] == ["admin", "viewer"])
        #expect(roles["auth0|f"] == ["admin", "viewer"])
        #expect(roles["auth0|g"] == ["adminviewer"])
        #expect(roles["auth0|h"] == ["admi", "nviewer"])
        #expect(result.diagnostics.isEmpty)
        // A list with a repeat, after the same list without it was cached, is still an error.
        let repeated = yaml + "\n      auth0|i: [admin, viewer, admin]\n"
        let refused = DesiredStateLoader().load(sources: [("a.yaml", Array(repeated.utf8))])
        #expect(refused.diagnostics.map(\.message) == ["role \"admin\" is listed twice for auth0|i"])
    }
}
