import Auth0Emulator
import Foundation
import RosterCore
import Testing

@Suite("roster apply")
struct ApplyCommandTests {
    static let orgs = "examples/acme/orgs"
    static let former = "auth0|64f1a2b3c4d5e6f7a8b9c0d3"
    static let ravi = "auth0|64f1a2b3c4d5e6f7a8b9c0d2"

    /// Plans the example against `snapshot` into a fresh folder; returns the plan path and SHA-256.
    static func plan(_ snapshot: TenantSnapshot) async throws -> (path: String, sha256: String) {
        let folder = try temporaryFolder([:])
        let path = folder.appendingPathComponent("plan.json").path
        try await EmulatedTenant.with(snapshot) { tenant in
            let output = try await tenant.roster(["plan", orgs, "--out", path])
            #expect(output.status == 0, "\(output.stderr)")
        }
        return (path, StateDigest.sha256(try Data(contentsOf: URL(fileURLWithPath: path))))
    }

    static func changingAcme(_ snapshot: TenantSnapshot, _ change: (inout [TenantSnapshot.Member]) -> Void) -> TenantSnapshot {
        var copy = snapshot
        let index = copy.organizations.firstIndex { $0.name == "acme" }!
        change(&copy.organizations[index].members)
        return copy
    }

    @Test("apply --plan-sha256 carries out the plan, reports it, writes the journal, exit 0")
    func applies() async throws {
        let acme = try EmulatedTenant.acme
        let (path, sha) = try await Self.plan(acme)
        let after = try await EmulatedTenant.with(acme) { tenant in
            let output = try await tenant.roster(["apply", path, "--plan-sha256", sha])
            #expect(output.status == 0, "\(output.stderr)")
            #expect(output.stdout.contains("done: remove member former@example.com"))
            #expect(output.stdout.contains("read back: converged"))
            #expect(output.stdout.contains("Apply: 2 done, 0 already done, 0 skipped, 0 failed, 0 not run."))
        }
        #expect(acmeMembers(after)[Self.former] == nil)
        #expect(acmeMembers(after)[Self.ravi] == ["rol_viewer01"])
        let journal = try String(contentsOfFile: path + ".journal", encoding: .utf8)
        // The plan line, then per step a started line and a result line.
        #expect(journal.split(separator: "\n").count == 5)
    }

    @Test("applying the same plan again repeats nothing")
    func reapplyRepeatsNothing() async throws {
        let acme = try EmulatedTenant.acme
        let (path, sha) = try await Self.plan(acme)
        let after = try await EmulatedTenant.with(acme) { tenant in
            _ = try await tenant.roster(["apply", path, "--plan-sha256", sha])
        }
        try await EmulatedTenant.with(after) { tenant in
            let output = try await tenant.roster(["apply", path, "--plan-sha256", sha])
            #expect(output.status == 0, "\(output.stderr)")
            #expect(output.stdout.contains("Apply: 0 done, 2 already done"))
            #expect(await tenant.deletes() == 0)
        }
    }

    @Test("resume after a failure halfway: the journal's done step is not repeated, the rest runs")
    func resume() async throws {
        let acme = try EmulatedTenant.acme
        let (path, sha) = try await Self.plan(acme)
        let after = try await EmulatedTenant.with(acme) { tenant in
            _ = try await tenant.roster(["apply", path, "--plan-sha256", sha])
        }
        // As if the role removal had failed: its journal line gone, the tenant still has the role.
        let lines = try String(contentsOfFile: path + ".journal", encoding: .utf8).split(separator: "\n")
        let failed = lines[4].replacingOccurrences(of: "\"result\":\"done\"", with: "\"result\":\"failed\"")
        try Data((lines[0 ..< 4].joined(separator: "\n") + "\n" + failed + "\n").utf8)
            .write(to: URL(fileURLWithPath: path + ".journal"))
        let halfway = Self.changingAcme(after) { members in
            members = members.map { $0.userID == Self.ravi ? .init(userID: Self.ravi, roles: ["rol_viewer01", "rol_support01"]) : $0 }
        }
        let final = try await EmulatedTenant.with(halfway) { tenant in
            let output = try await tenant.roster(["apply", path, "--plan-sha256", sha])
            #expect(output.status == 0, "\(output.stderr)")
            #expect(output.stdout.contains("already done: remove member former@example.com"))
            #expect(output.stdout.contains("done: remove role support"))
            #expect(await tenant.deletes() == 1)
        }
        #expect(acmeMembers(final)[Self.ravi] == ["rol_viewer01"])
    }

    @Test("stale plan: a member removed and a role removed meanwhile are skipped and reported")
    func stale() async throws {
        let acme = try EmulatedTenant.acme
        let (path, sha) = try await Self.plan(acme)
        let moved = Self.changingAcme(acme) { members in
            members.removeAll { $0.userID == Self.former }
            members = members.map { $0.userID == Self.ravi ? .init(userID: Self.ravi, roles: ["rol_viewer01"]) : $0 }
            members.append(.init(userID: "auth0|64f1a2b3c4d5e6f7a8b9c0d1x", roles: []))
        }
        var withUser = moved
        withUser.users.append(.init(userID: "auth0|64f1a2b3c4d5e6f7a8b9c0d1x", email: "late@example.com"))
        let after = try await EmulatedTenant.with(withUser) { tenant in
            let output = try await tenant.roster(["apply", path, "--plan-sha256", sha])
            #expect(output.status == 0, "\(output.stderr)")
            #expect(output.stdout.contains("skipped: remove member former@example.com"))
            #expect(output.stdout.contains("no longer a member"))
            #expect(output.stdout.contains("skipped: remove role support"))
            #expect(await tenant.deletes() == 0)
        }
        #expect(acmeMembers(after)["auth0|64f1a2b3c4d5e6f7a8b9c0d1x"] == [])
    }

    @Test("a member re-added with other roles is skipped, and keeps them")
    func readded() async throws {
        let acme = try EmulatedTenant.acme
        let (path, sha) = try await Self.plan(acme)
        let moved = Self.changingAcme(acme) { members in
            members.removeAll { $0.userID == Self.former }
            members.append(.init(userID: Self.former, roles: ["rol_admin01"]))
        }
        let after = try await EmulatedTenant.with(moved) { tenant in
            let output = try await tenant.roster(["apply", path, "--plan-sha256", sha])
            #expect(output.stdout.contains("skipped: remove member former@example.com"))
            #expect(output.stdout.contains("changed since the plan"))
        }
        #expect(acmeMembers(after)[Self.former] == ["rol_admin01"])
    }

    @Test("a guard tripped only by changes after the plan refuses the organization, exit 1")
    func guardAfterPlan() async throws {
        let acme = Self.changingAcme(try EmulatedTenant.acme) { members in
            members = members.map { $0.userID == Self.former ? .init(userID: Self.former, roles: ["rol_admin01"]) : $0 }
        }
        let (path, sha) = try await Self.plan(acme)
        let moved = Self.changingAcme(acme) { members in
            members = members.map { member in
                member.userID == "auth0|64f1a2b3c4d5e6f7a8b9c0d1" || member.userID == "auth0|breakglass"
                    ? .init(userID: member.userID, roles: member.roles.filter { $0 != "rol_admin01" }) : member
            }
        }
        try await EmulatedTenant.with(moved) { tenant in
            let output = try await tenant.roster(["apply", path, "--plan-sha256", sha])
            #expect(output.status == 1)
            #expect(output.stdout.contains("refused: the tenant changed since the plan"))
            #expect(output.stdout.contains("min_role_holders"))
            #expect(await tenant.deletes() == 0)
        }
    }

    @Test("a tampered plan file is refused by its SHA-256, nothing changed")
    func tampered() async throws {
        let acme = try EmulatedTenant.acme
        let (path, sha) = try await Self.plan(acme)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        try Data(text.replacingOccurrences(of: "auth0|64f1a2b3c4d5e6f7a8b9c0d3", with: "auth0|64f1a2b3c4d5e6f7a8b9c0d1").utf8)
            .write(to: URL(fileURLWithPath: path))
        try await EmulatedTenant.with(acme) { tenant in
            let output = try await tenant.roster(["apply", path, "--plan-sha256", sha])
            #expect(output.status == 1)
            #expect(output.stderr.contains("changed after review"))
            #expect(await tenant.deletes() == 0)
        }
    }

    @Test("apply --org A then --org B leaves an undo plan that still takes back A's changes")
    func undoKeepsEarlierOrganizations() async throws {
        let folder = try temporaryFolder([
            "orgs/acme.yaml": try String(contentsOf: repositoryRoot.appendingPathComponent("examples/acme/orgs/acme.yaml"), encoding: .utf8),
            "orgs/initech.yaml": """
                version: 1
                organizations:
                  initech:
                    members:
                      bot@example.com: [viewer]
                      jane@example.com: [admin]
                """,
        ])
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("plan.json").path
        try await EmulatedTenant.with(try EmulatedTenant.acme) { tenant in
            let plan = try await tenant.roster(["plan", folder.appendingPathComponent("orgs").path, "--out", file])
            #expect(plan.status == 0, "\(plan.stderr)")
            let sha256 = StateDigest.sha256(try Data(contentsOf: URL(fileURLWithPath: file)))
            let acme = try await tenant.roster(["apply", file, "--plan-sha256", sha256, "--org", "acme"])
            #expect(acme.status == 0, "\(acme.stderr)")
            let initech = try await tenant.roster(["apply", file, "--plan-sha256", sha256, "--org", "initech"])
            #expect(initech.status == 0, "\(initech.stderr)")
            let undo = try Plan.decoder().decode(Plan.self, from: Data(contentsOf: URL(fileURLWithPath: file + ".undo")))
            // The journal records acme's steps as done: the undo takes them back too.
            #expect(undo.organizations.map(\.name) == ["acme", "initech"], "\(undo.organizations.map(\.name))")
            #expect(undo.steps.map(\.id).contains("acme/add_member/auth0|64f1a2b3c4d5e6f7a8b9c0d3"), "\(undo.steps.map(\.id))")
        }
    }

    @Test("--desired: a plan made from other files than those given is refused before anything is read or changed")
    func desiredStateCheck() async throws {
        let acme = try String(contentsOf: repositoryRoot.appendingPathComponent("examples/acme/orgs/acme.yaml"), encoding: .utf8)
        let globex = try String(contentsOf: repositoryRoot.appendingPathComponent("examples/acme/orgs/globex.yaml"), encoding: .utf8)
        let folder = try temporaryFolder(["orgs/acme.yaml": acme, "orgs/globex.yaml": globex])
        defer { try? FileManager.default.removeItem(at: folder) }
        let orgs = folder.appendingPathComponent("orgs").path
        let file = folder.appendingPathComponent("plan.json").path
        let limited = folder.appendingPathComponent("acme-plan.json").path
        try await EmulatedTenant.with(try EmulatedTenant.acme) { tenant in
            #expect(try await tenant.roster(["plan", orgs, "--out", file]).status == 0)
            #expect(try await tenant.roster(["plan", orgs, "--org", "acme", "--out", limited]).status == 0)
            // Another change reached the files after the plan (a comment does not count).
            try Data((acme.replacingOccurrences(of: "[viewer]", with: "[viewer, support]") + "# reviewed\n").utf8)
                .write(to: URL(fileURLWithPath: orgs + "/acme.yaml"))
            #expect(acme.contains("[viewer]"))
            let refused = try await tenant.roster(["apply", file, "--yes", "--desired", orgs])
            #expect(refused.status == 1)
            #expect(refused.stderr.contains("is not the one the plan was made from"), "\(refused.stderr)")
            #expect(await tenant.deletes() == 0)
            #expect(!FileManager.default.fileExists(atPath: file + ".journal"))
            // The files as planned: applied.
            try Data(acme.utf8).write(to: URL(fileURLWithPath: orgs + "/acme.yaml"))
            try Data((globex + "# a comment changes nothing\n").utf8).write(to: URL(fileURLWithPath: orgs + "/globex.yaml"))
            let applied = try await tenant.roster(["apply", file, "--yes", "--desired", orgs])
            #expect(applied.status == 0, "\(applied.stderr)")
            // A plan made with --org is checked over its organizations only.
            try Data("version: 1\norganizations:\n  globex:\n    members: {}\n    policy: {allow_empty: true}\n".utf8)
                .write(to: URL(fileURLWithPath: orgs + "/globex.yaml"))
            let plan = try Plan.decoder().decode(Plan.self, from: Data(contentsOf: URL(fileURLWithPath: limited)))
            #expect(plan.selectedOrganizations == ["acme"])
            let limitedApply = try await tenant.roster(["apply", limited, "--yes", "--desired", orgs])
            #expect(limitedApply.status == 0, "\(limitedApply.stderr)")
        }
    }

    @Test("a plan for another tenant is refused")
    func wrongTenant() async throws {
        let folder = try temporaryFolder([:])
        let path = folder.appendingPathComponent("plan.json").path
        let snapshot = repositoryRoot.appendingPathComponent("examples/acme/tenant.json").path
        let planned = try await RosterProcess.run(["plan", Self.orgs, "--emulator", snapshot, "--out", path],
                                                  in: repositoryRoot, environment: [:])
        #expect(planned.status == 0, "\(planned.stderr)")
        try await EmulatedTenant.with(try EmulatedTenant.acme) { tenant in
            let output = try await tenant.roster(["apply", path, "--yes"])
            #expect(output.status == 1)
            #expect(output.stderr.contains("made for the tenant acme.eu.auth0.com (emulator), not 127.0.0.1"))
            #expect(await tenant.deletes() == 0)
        }
    }

    @Test("--emulator on plan and apply: hands-on use on copies of one snapshot, which never changes")
    func emulatorPlanAndApply() async throws {
        let folder = try temporaryFolder([:])
        let path = folder.appendingPathComponent("plan.json").path
        let snapshot = repositoryRoot.appendingPathComponent("examples/acme/tenant.json").path
        let before = try Data(contentsOf: URL(fileURLWithPath: snapshot))
        let planned = try await RosterProcess.run(["plan", Self.orgs, "--emulator", snapshot, "--out", path],
                                                  in: repositoryRoot, environment: [:])
        #expect(planned.status == 0, "\(planned.stderr)")
        let applied = try await RosterProcess.run(["apply", path, "--emulator", snapshot, "--yes"],
                                                  in: repositoryRoot, environment: [:])
        #expect(applied.status == 0, "\(applied.stderr)")
        #expect(applied.stdout.contains("Apply: 2 done"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: snapshot)) == before)
    }

    @Test("without a terminal, apply needs --yes or --plan-sha256")
    func needsConfirmation() async throws {
        let (path, _) = try await Self.plan(try EmulatedTenant.acme)
        try await EmulatedTenant.with(try EmulatedTenant.acme) { tenant in
            let output = try await tenant.roster(["apply", path])
            #expect(output.status == 1)
            #expect(output.stderr.contains("give --plan-sha256"))
            #expect(await tenant.deletes() == 0)
        }
    }

    @Test("a plan older than --max-plan-age is refused")
    func tooOld() async throws {
        let (path, _) = try await Self.plan(try EmulatedTenant.acme)
        let text = try String(contentsOfFile: path, encoding: .utf8)
            .replacing(/"created_at" : "[^"]+"/, with: "\"created_at\" : \"2020-01-01T00:00:00Z\"")
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        try await EmulatedTenant.with(try EmulatedTenant.acme) { tenant in
            let output = try await tenant.roster(["apply", path, "--yes"])
            #expect(output.status == 1)
            #expect(output.stderr.contains("beyond --max-plan-age 24h"))
            let relaxed = try await tenant.roster(["apply", path, "--yes", "--max-plan-age", "3650d"])
            #expect(relaxed.status == 0, "\(relaxed.stderr)")
        }
    }

    @Test("no output, plan file or journal ever holds the client secret or a token")
    func noSecrets() async throws {
        let acme = try EmulatedTenant.acme
        let folder = try temporaryFolder([:])
        let path = folder.appendingPathComponent("plan.json").path
        var outputs: [String] = []
        try await EmulatedTenant.with(acme) { tenant in
            for arguments in [["plan", Self.orgs, "--out", path, "--log-level", "trace"],
                              ["plan", Self.orgs, "--format", "json", "--log-level", "trace"],
                              ["apply", path, "--yes", "--log-level", "trace"]] {
                let output = try await tenant.roster(arguments)
                outputs += [output.stdout, output.stderr]
            }
        }
        outputs += [try String(contentsOfFile: path, encoding: .utf8),
                    try String(contentsOfFile: path + ".journal", encoding: .utf8)]
        #expect(outputs.joined().contains("Apply: 2 done"))
        for text in outputs {
            #expect(!text.contains(EmulatedTenant.secret))
            #expect(!text.contains("eyJ"))
        }
    }

    @Test("roster demo that stops on an error still removes its temporary folder")
    func demoCleansUpOnError() async throws {
        let scratch = try temporaryFolder([:])
        let example = scratch.appendingPathComponent("example")
        try FileManager.default.copyItem(at: repositoryRoot.appendingPathComponent("examples/acme"), to: example)
        let acmeYAML = example.appendingPathComponent("orgs/acme.yaml")
        let text = try String(contentsOf: acmeYAML, encoding: .utf8)
            .replacingOccurrences(of: "      min_role_holders: {admin: 1}", with: "      min_role_holders: {admin: 1}\n      max_member_removals: 0")
        try Data(text.utf8).write(to: acmeYAML)
        let temporary = scratch.appendingPathComponent("tmp")
        try FileManager.default.createDirectory(at: temporary, withIntermediateDirectories: true)
        let output = try await RosterProcess.run(["demo", "--example", example.path], in: repositoryRoot,
                                                 environment: ["TMPDIR": temporary.path])
        #expect(output.status == 1)
        #expect(output.stderr.contains("max_member_removals"), "\(output.stderr)")
        let left = try FileManager.default.contentsOfDirectory(atPath: temporary.path).filter { $0.hasPrefix("roster-demo-") }
        #expect(left.isEmpty, "\(left)")
    }

    @Test("roster demo walks through validate, plan, apply and a final plan without changes")
    func demo() async throws {
        let output = try await RosterProcess.run(["demo"], in: repositoryRoot, environment: [:])
        #expect(output.status == 0, "\(output.stderr)")
        for expected in ["==> roster validate examples/acme/orgs", "valid: 2 files, 2 organizations, 4 members",
                         "Plan: 1 member removal, 1 role removal in 1 organization.", "SHA-256: ",
                         "Apply: 2 done", "No changes. The tenant matches the desired state."] {
            #expect(output.stdout.contains(expected), "\(expected)")
        }
        #expect(!output.stdout.contains("roster-ci-secret"))
    }
}
