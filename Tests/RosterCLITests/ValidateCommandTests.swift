import Foundation
import Testing

private let valid = """
    version: 1
    organizations:
      acme:
        members:
          jane@example.com: [admin]

    """

@Suite("roster validate")
struct ValidateCommandTests {
    @Test("a valid folder exits 0 with a one-line summary and nothing on stderr")
    func validFolder() throws {
        let folder = try temporaryFolder(["orgs/acme.yaml": valid, "orgs/.github/ci.yml": "not: [desired"])
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = try RosterProcess.run(["validate", "orgs"], in: folder)
        #expect(output.status == 0)
        #expect(output.stdout == "valid: 1 file, 1 organization, 1 member\n")
        #expect(output.stderr == "")
    }

    @Test("the default path is the current folder, read recursively in sorted order")
    func defaultPath() throws {
        let folder = try temporaryFolder([
            "b/globex.yml": valid.replacingOccurrences(of: "acme", with: "globex"),
            "a/acme.yaml": valid, "notes.txt": "ignored",
        ])
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = try RosterProcess.run(["validate", "--format", "json"], in: folder)
        #expect(output.status == 0)
        let json = try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any]
        let summary = json?["summary"] as? [String: Int]
        #expect(summary?["files"] == 2 && summary?["organizations"] == 2)
    }

    @Test("problems in several files are all reported, compiler style, sorted, exit 1")
    func invalidFiles() throws {
        let folder = try temporaryFolder([
            "b.yaml": "version: 1\norganizations:\n  acme: {members: {x@y.z: [a, a]}}\n",
            "a.yaml": "version: 1\norganizations:\n  acme:\n    member: {}\n",
        ])
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = try RosterProcess.run(["validate", "b.yaml", "a.yaml"], in: folder)
        #expect(output.status == 1)
        #expect(output.stderr == """
            a.yaml:4:5: error: unknown key "member"; did you mean "members"?
                note: valid keys here: id, policy, members
            b.yaml:3:31: error: role "a" is listed twice for x@y.z
                b.yaml:3:28: note: first listed here

            """)
        #expect(output.stdout == "invalid: 2 errors in 2 files\n")
    }

    @Test("--format json prints versioned diagnostics on stdout only")
    func jsonFormat() throws {
        let folder = try temporaryFolder(["a.yaml": "version: 1\norganizations: {acme: {members: {jane: [x]}}}\n"])
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = try RosterProcess.run(["validate", "--format", "json", "a.yaml"], in: folder)
        #expect(output.status == 1)
        #expect(output.stderr == "")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
        #expect(json["format_version"] as? Int == 1)
        #expect(json["valid"] as? Bool == false)
        let diagnostics = try #require(json["diagnostics"] as? [[String: Any]])
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?["severity"] as? String == "error")
        let location = diagnostics.first?["location"] as? [String: Any]
        #expect(location?["file"] as? String == "a.yaml")
        #expect(location?["line"] as? Int == 2)
        #expect(location?["column"] as? Int == 34)
    }

    @Test("broken input exits 1 with one located, actionable message and no stack trace", arguments: [
        (["validate", "missing.yaml"], "error: cannot read missing.yaml: No such file or directory"),
        (["validate", "empty-folder"], "error: no desired-state files (*.yaml, *.yml) under empty-folder"),
        (["validate", "empty.yaml"], "empty.yaml:1:1: error: file is empty; an empty file never means \"no members\""),
        (["validate", "tabs.yaml"], "tabs.yaml:3:1: error: found character that cannot start any token"),
        (["validate", "two.yaml"], "two.yaml:2:1: error: a desired-state file holds one document; a second one starts here"),
        (["validate", "--colour"], "Error: Unknown option '--colour'"),
    ])
    func brokenInput(arguments: [String], expected: String) throws {
        let folder = try temporaryFolder([
            "empty.yaml": "", "tabs.yaml": "version: 1\norganizations:\n\tacme: {}\n",
            "two.yaml": "version: 1\n---\nversion: 1\n", "empty-folder/readme.txt": "no yaml here",
        ])
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = try RosterProcess.run(arguments, in: folder)
        #expect(output.status == 1)
        #expect(output.stderr.hasPrefix(expected), "\(output.stderr)")
        #expect(!output.stderr.contains("Fatal error") && !output.stderr.contains("Stack dump"))
    }

    @Test("an unreadable file is reported, not skipped")
    func unreadableFile() throws {
        guard getuid() != 0 else { return }  // root reads everything
        let folder = try temporaryFolder(["secret.yaml": valid])
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.setAttributes([.posixPermissions: 0], ofItemAtPath: folder.appendingPathComponent("secret.yaml").path)
        let output = try RosterProcess.run(["validate", "secret.yaml"], in: folder)
        #expect(output.status == 1)
        #expect(output.stderr == "error: cannot read secret.yaml: Permission denied\n")
    }
}
