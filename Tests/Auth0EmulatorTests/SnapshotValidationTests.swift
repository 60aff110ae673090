import Auth0Emulator
import Foundation
import Testing

/// Bad snapshots fail at load (and at start) with every problem named by its place.
@Suite("Snapshot validation")
struct SnapshotValidationTests {
    static let valid = """
        {
          "domain": "acme.eu.auth0.com",
          "clients": [{"client_id": "ci", "client_secret": "s", "scopes": ["read:roles"]}],
          "roles": [{"id": "rol_a", "name": "admin"}],
          "users": [{"user_id": "auth0|1"}, {"user_id": "auth0|2", "email": "two@example.com"}],
          "organizations": [{"id": "org_1", "name": "one", "members": [{"user_id": "auth0|1", "roles": ["rol_a"]}]}]
        }
        """

    func problems(_ json: String) -> [String] {
        do {
            _ = try TenantSnapshot.decode(Data(json.utf8), source: "tenant.json")
            return []
        } catch let error as SnapshotError {
            return error.description.split(separator: "\n").map(String.init)
        } catch {
            return ["unexpected \(error)"]
        }
    }

    func replacing(_ old: String, _ new: String) -> String {
        Self.valid.replacingOccurrences(of: old, with: new)
    }

    @Test("a valid snapshot loads")
    func valid() throws {
        let snapshot = try TenantSnapshot.decode(Data(Self.valid.utf8))
        #expect(snapshot.organizations.first?.members.first?.roles == ["rol_a"])
    }

    static let cases: [(String, String, String, String)] = [
        ("duplicate user id", #"{"user_id": "auth0|2", "email""#, #"{"user_id": "auth0|1", "email""#,
         #"tenant.json: error: $.users[1].user_id: duplicate user id "auth0|1" (first at $.users[0])"#),
        ("member that is not a user", #"[{"user_id": "auth0|1", "roles""#, #"[{"user_id": "auth0|9", "roles""#,
         #"tenant.json: error: $.organizations[0].members[0].user_id: "auth0|9" is not a user of the tenant (not in $.users)"#),
        ("unknown role id", #""roles": ["rol_a"]"#, #""roles": ["rol_a", "rol_x"]"#,
         #"tenant.json: error: $.organizations[0].members[0].roles[1]: unknown role id "rol_x" (not in $.roles)"#),
        ("duplicate role id", #"[{"id": "rol_a", "name": "admin"}]"#, #"[{"id": "rol_a", "name": "admin"}, {"id": "rol_a", "name": "other"}]"#,
         #"tenant.json: error: $.roles[1].id: duplicate role id "rol_a" (first at $.roles[0])"#),
        ("duplicate organization name", #"}]}]"#, #"}]}, {"id": "org_2", "name": "one"}]"#,
         #"tenant.json: error: $.organizations[1].name: duplicate organization name "one" (first at $.organizations[0])"#),
        ("duplicate member", #"{"user_id": "auth0|1", "roles": ["rol_a"]}]"#, #"{"user_id": "auth0|1", "roles": ["rol_a"]}, {"user_id": "auth0|1"}]"#,
         #"tenant.json: error: $.organizations[0].members[1].user_id: duplicate member "auth0|1" (first at members[0])"#),
        ("empty secret", #""client_secret": "s""#, #""client_secret": """#,
         #"tenant.json: error: $.clients[0].client_secret: must not be empty"#),
        ("domain with a scheme", #""acme.eu.auth0.com""#, #""https://acme.eu.auth0.com""#,
         #"tenant.json: error: $.domain: must be a bare host name such as "acme.eu.auth0.com", found "https://acme.eu.auth0.com""#),
        ("wrong type", #""roles": ["rol_a"]"#, #""roles": "rol_a""#,
         #"tenant.json: error: $.organizations[0].members[0].roles: expected an array"#),
        ("missing field", #"{"id": "rol_a", "name": "admin"}"#, #"{"id": "rol_a"}"#,
         #"tenant.json: error: $.roles[0]: missing required field "name""#),
        ("syntax error", #""domain": "acme.eu.auth0.com","#, #""domain": "acme.eu.auth0.com""#,
         "tenant.json: error: not valid JSON at line 3, column 3: "),
    ]

    @Test("a bad snapshot fails with a message naming the place", arguments: 0 ..< cases.count)
    func located(_ index: Int) {
        let (_, old, new, expected) = Self.cases[index]
        let json = replacing(old, new)
        #expect(json != Self.valid, "the case changes the snapshot")
        let found = problems(json)
        #expect(found.count == 1, "\(found)")
        #expect(found.first?.hasPrefix(expected) == true, "\(found)")
    }

    @Test("every problem is reported in one pass")
    func allProblems() {
        let json = replacing(#""roles": ["rol_a"]"#, #""roles": ["rol_x"]"#)
            .replacingOccurrences(of: #"{"user_id": "auth0|2", "email""#, with: #"{"user_id": "auth0|1", "email""#)
        let found = problems(json)
        #expect(found == [
            #"tenant.json: error: $.users[1].user_id: duplicate user id "auth0|1" (first at $.users[0])"#,
            #"tenant.json: error: $.organizations[0].members[0].roles[0]: unknown role id "rol_x" (not in $.roles)"#,
        ])
    }

    @Test("starting with a bad snapshot fails before binding")
    func startFails() async throws {
        var snapshot = Fixtures.tenant()
        snapshot.organizations[0].members.append(.init(userID: "auth0|ghost"))
        do {
            _ = try await Emulator.start(snapshot: snapshot, logger: EmulatorHarness.logger)
            Issue.record("the emulator started")
        } catch let error as Emulator.StartError {
            #expect(error.description.contains(#"$.organizations[0].members[2].user_id: "auth0|ghost" is not a user"#))
        }
    }

    @Test("a missing file is reported with its path")
    func missingFile() {
        #expect(throws: SnapshotError.self) {
            _ = try TenantSnapshot.load(contentsOf: URL(fileURLWithPath: "/nonexistent/tenant.json"))
        }
    }

    static let unknownKeys: [(String, String, String, String)] = [
        ("top level, misspelled", #""organizations": ["#, #""organisations": ["#,
         #"$.organisations: unknown field "organisations"; did you mean "organizations"?"#),
        ("client", #""client_secret": "s""#, #""client_secret": "s", "secret": "x""#,
         #"$.clients[0].secret: unknown field "secret""#),
        ("role", #""name": "admin""#, #""name": "admin", "descripton": "d""#,
         #"$.roles[0].descripton: unknown field "descripton"; did you mean "description"?"#),
        ("user", #""email": "two@example.com""#, #""emial": "two@example.com""#,
         #"$.users[1].emial: unknown field "emial"; did you mean "email"?"#),
        ("organization", #""members": [{"user_id""#, #""member": [{"user_id""#,
         #"$.organizations[0].member: unknown field "member"; did you mean "members"?"#),
        ("member", #""roles": ["rol_a"]"#, #""role": ["rol_a"]"#,
         #"$.organizations[0].members[0].role: unknown field "role"; did you mean "roles"?"#),
    ]

    @Test("an unknown or misspelled key fails with its path and a suggestion", arguments: 0 ..< unknownKeys.count)
    func unknownKey(_ index: Int) {
        let (_, old, new, expected) = Self.unknownKeys[index]
        let json = replacing(old, new)
        #expect(json != Self.valid, "the case edits the snapshot")
        #expect(problems(json).contains("tenant.json: error: \(expected)"), "\(problems(json))")
    }

    @Test("free-form branding and metadata may hold any keys")
    func freeFormObjects() {
        let json = replacing(#""name": "one","#, #""name": "one", "branding": {"logo_url": "x", "colors": {}}, "metadata": {"anything": "goes"},"#)
        #expect(problems(json) == [])
    }

    @Test("a start from a loaded file never sees unknown keys silently dropped")
    func unknownKeyIsNotDropped() {
        let json = replacing(#""domain": "acme.eu.auth0.com","#, #""domain": "acme.eu.auth0.com", "organisations": [],"#)
        #expect(throws: SnapshotError.self) { _ = try TenantSnapshot.decode(Data(json.utf8)) }
    }

}
