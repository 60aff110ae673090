import Auth0Emulator
import Foundation
import RosterCore
import Testing

@Suite("roster drift")
struct DriftCommandTests {
    static let orgs = "examples/acme/orgs"

    /// The acme example with the plan's two removals made: in sync with examples/acme/orgs.
    static func converged() throws -> TenantSnapshot {
        var converged = try EmulatedTenant.acme
        let index = converged.organizations.firstIndex { $0.name == "acme" }!
        converged.organizations[index].members.removeAll { $0.userID == "auth0|64f1a2b3c4d5e6f7a8b9c0d3" }
        converged.organizations[index].members = converged.organizations[index].members.map {
            $0.userID == "auth0|64f1a2b3c4d5e6f7a8b9c0d2" ? .init(userID: $0.userID, roles: ["rol_viewer01"]) : $0
        }
        return converged
    }

    @Test("text report of the example (golden), exit 2, nothing written to the tenant")
    func text() async throws {
        try await EmulatedTenant.with(try EmulatedTenant.acme) { tenant in
            let output = try await tenant.roster(["drift", Self.orgs])
            #expect(output.status == 2, "\(output.stderr)")
            try assertGolden(output.stdout, "drift-acme.txt")
            #expect(await tenant.deletes() == 0)
            #expect(!output.stdout.contains(EmulatedTenant.secret) && !output.stderr.contains(EmulatedTenant.secret))
        }
    }

    @Test("exit 0 and 'In sync' when the tenant matches")
    func inSync() async throws {
        try await EmulatedTenant.with(try Self.converged()) { tenant in
            let output = try await tenant.roster(["drift", Self.orgs])
            #expect(output.status == 0, "\(output.stderr)")
            #expect(output.stdout.contains("In sync. The tenant matches the desired state."))
        }
    }

    @Test("several --format/--output pairs from one read: files, and the unpaired format on stdout")
    func severalOutputs() async throws {
        let folder = try temporaryFolder([:])
        defer { try? FileManager.default.removeItem(at: folder) }
        let markdown = folder.appendingPathComponent("drift.md").path
        let junit = folder.appendingPathComponent("drift.xml").path
        try await EmulatedTenant.with(try EmulatedTenant.acme) { tenant in
            let output = try await tenant.roster([
                "drift", Self.orgs, "--format", "markdown", "--output", markdown, "--format", "junit", "--output", junit,
                "--format", "json", "--mask-emails",
            ])
            #expect(output.status == 2, "\(output.stderr)")
            let report = try Plan.decoder().decode(DriftReport.self, from: Data(output.stdout.utf8))
            #expect(report.formatVersion == 1)
            #expect(report.items.map(\.kind) == [.undeclaredMember, .undeclaredRole])
            #expect(report.organizations.map(\.name) == ["acme", "globex"])
            let md = try String(contentsOfFile: markdown, encoding: .utf8)
            #expect(md.hasPrefix("### Roster drift for `127.0.0.1`"))
            #expect(!md.contains("former@example.com") && md.contains("f***@example.com"))
            let suites = try #require(try await JUnitReader.read(junit))
            #expect(suites.map(\.name) == ["acme", "globex"])
            let acme = suites[0]
            #expect(acme.tests == 5 && acme.failures == 2 && acme.skipped == 1 && acme.errors == 0)
            // --mask-emails masks JUnit too (CI systems show it), never JSON.
            #expect(acme.cases.filter { $0.result == "failure" }.map(\.name)
                    == ["r***@example.com (auth0|64f1a2b3c4d5e6f7a8b9c0d2)",
                        "undeclared member f***@example.com (auth0|64f1a2b3c4d5e6f7a8b9c0d3)"])
            #expect(!(try String(contentsOfFile: junit, encoding: .utf8)).contains("ravi@example.com"))
            #expect(output.stdout.contains("former@example.com"))
            #expect(acme.cases.contains { $0.result == "failure" && ($0.message ?? "").contains("role support not declared") })
            #expect(acme.cases.contains { $0.result == "skipped" && $0.name.contains("auth0|breakglass") })
            let globex = suites[1]
            #expect(globex.failures == 0 && globex.cases.contains { $0.result == "passed" })
            #expect(globex.cases.contains { $0.result == "skipped" && $0.name.contains("additive") })
        }
    }

    @Test("a JUnit file in sync has no failures, read by junitparser")
    func junitInSync() async throws {
        let folder = try temporaryFolder([:])
        defer { try? FileManager.default.removeItem(at: folder) }
        let junit = folder.appendingPathComponent("drift.xml").path
        try await EmulatedTenant.with(try Self.converged()) { tenant in
            let output = try await tenant.roster(["drift", Self.orgs, "--format", "junit", "--output", junit])
            #expect(output.status == 0, "\(output.stderr)")
            #expect(output.stdout.contains("In sync."))
            let suites = try #require(try await JUnitReader.read(junit))
            #expect(suites.reduce(0) { $0 + $1.failures } == 0)
            #expect(suites.reduce(0) { $0 + $1.tests } == 6)
        }
    }

    @Test("unresolved names and a missing organization are drift (exit 2), not an error")
    func unresolved() async throws {
        let folder = try temporaryFolder(["orgs/acme.yaml": """
            version: 1
            organizations:
              acme:
                members:
                  auth0|64f1a2b3c4d5e6f7a8b9c0d1: [admin, billing, ghost]
                  nobody@example.com: [viewer]
                  ravi@example.com: [viewer]
                  bot@example.com: ~
                  auth0|breakglass: [admin]
                  auth0|64f1a2b3c4d5e6f7a8b9c0d3: [viewer]
              hooli:
                members:
                  ravi@example.com: [viewer]
            """])
        defer { try? FileManager.default.removeItem(at: folder) }
        try await EmulatedTenant.with(try EmulatedTenant.acme) { tenant in
            let output = try await tenant.roster(["drift", folder.appendingPathComponent("orgs").path, "--format", "json"])
            #expect(output.status == 2, "\(output.stderr)")
            let report = try Plan.decoder().decode(DriftReport.self, from: Data(output.stdout.utf8))
            let kinds = report.items.map { "\($0.organization) \($0.kind.rawValue) \($0.member ?? "") \($0.role ?? "")" }
            #expect(kinds == [
                "acme undeclared_role ravi@example.com support",
                "acme unresolved_member nobody@example.com ",
                "acme unknown_role auth0|64f1a2b3c4d5e6f7a8b9c0d1 ghost",
                "hooli missing_organization  ",
            ])
            #expect(report.items[3].message.contains("no organization named \"hooli\""))
            let plan = try await tenant.roster(["plan", folder.appendingPathComponent("orgs").path])
            #expect(plan.status == 1)
        }
    }

    @Test("errors exit 1 with one located message",
          arguments: [(["drift", "examples/acme/orgs", "--output", "x.xml"], "each --output needs its --format"),
                      (["drift", "examples/acme/orgs", "--format", "json", "--format", "text"], "only one --format"),
                      (["drift", "examples/acme/orgs", "--org", "nope"], "--org \"nope\": no such organization"),
                      (["drift", "examples/acme/orgs", "--format", "junit", "--output", "/no-such-folder/drift.xml"],
                       "the folder /no-such-folder does not exist"),
                      (["drift", "no/such/folder"], "no/such/folder")])
    func errors(_ arguments: [String], _ message: String) async throws {
        try await EmulatedTenant.with(try EmulatedTenant.acme) { tenant in
            let output = try await tenant.roster(arguments)
            #expect(output.status == 1)
            #expect(output.stderr.contains(message), "\(output.stderr)")
            #expect(output.stdout.isEmpty)
        }
    }

    @Test("--org limits the report to the organizations named")
    func selection() async throws {
        try await EmulatedTenant.with(try EmulatedTenant.acme) { tenant in
            let globex = try await tenant.roster(["drift", Self.orgs, "--org", "globex", "--format", "json"])
            #expect(globex.status == 0, "\(globex.stderr)")
            let report = try Plan.decoder().decode(DriftReport.self, from: Data(globex.stdout.utf8))
            #expect(report.organizations.map(\.name) == ["globex"])
            let acme = try await tenant.roster(["drift", Self.orgs, "--org", "acme"])
            #expect(acme.status == 2)
        }
    }

    @Test("a client with read scopes only is enough; --emulator works too")
    func readOnly() async throws {
        var snapshot = try EmulatedTenant.acme
        snapshot.clients[0].scopes = snapshot.clients[0].scopes.filter { $0.hasPrefix("read:") }
        try await EmulatedTenant.with(snapshot) { tenant in
            let output = try await tenant.roster(["drift", Self.orgs])
            #expect(output.status == 2, "\(output.stderr)")
        }
        let emulated = try await RosterProcess.run(["drift", Self.orgs, "--emulator", "examples/acme/tenant.json"],
                                                   in: repositoryRoot, environment: [:])
        #expect(emulated.status == 2, "\(emulated.stderr)")
        #expect(emulated.stdout.contains("undeclared member former@example.com"))
    }
}
