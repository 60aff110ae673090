import Auth0Emulator
import Foundation
import RosterCore
import Testing

@Suite("roster plan")
struct PlanCommandTests {
    static let orgs = "examples/acme/orgs"

    @Test("text rendering of the example (golden), exit 0, nothing changed in the tenant")
    func text() async throws {
        try await EmulatedTenant.with(try EmulatedTenant.acme) { tenant in
            let output = try await tenant.roster(["plan", Self.orgs])
            #expect(output.status == 0, "\(output.stderr)")
            try assertGolden(output.stdout, "plan-acme.txt")
            #expect(!output.stdout.contains("\u{1B}["))
            #expect(await tenant.deletes() == 0)
        }
    }

    @Test("markdown rendering (golden), with emails masked (golden)")
    func markdown() async throws {
        try await EmulatedTenant.with(try EmulatedTenant.acme) { tenant in
            let plain = try await tenant.roster(["plan", Self.orgs, "--format", "markdown"])
            try assertGolden(plain.stdout, "plan-acme.md")
            let masked = try await tenant.roster(["plan", Self.orgs, "--format", "markdown", "--mask-emails"])
            try assertGolden(masked.stdout, "plan-acme-masked.md")
            #expect(!masked.stdout.contains("former@example.com"))
        }
    }

    @Test("--detailed-exitcode: 2 with changes, 0 without")
    func detailedExitCode() async throws {
        let acme = try EmulatedTenant.acme
        try await EmulatedTenant.with(acme) { tenant in
            let output = try await tenant.roster(["plan", Self.orgs, "--detailed-exitcode"])
            #expect(output.status == 2)
        }
        var converged = acme
        let index = converged.organizations.firstIndex { $0.name == "acme" }!
        converged.organizations[index].members.removeAll { $0.userID == "auth0|64f1a2b3c4d5e6f7a8b9c0d3" }
        converged.organizations[index].members = converged.organizations[index].members.map {
            $0.userID == "auth0|64f1a2b3c4d5e6f7a8b9c0d2" ? .init(userID: $0.userID, roles: ["rol_viewer01"]) : $0
        }
        try await EmulatedTenant.with(converged) { tenant in
            let output = try await tenant.roster(["plan", Self.orgs, "--detailed-exitcode"])
            #expect(output.status == 0)
            #expect(output.stdout.contains("No changes. The tenant matches the desired state."))
        }
    }

    @Test("--out writes the plan document and prints the SHA-256 of its bytes")
    func out() async throws {
        let folder = try temporaryFolder([:])
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("plan.json").path
        try await EmulatedTenant.with(try EmulatedTenant.acme) { tenant in
            let output = try await tenant.roster(["plan", Self.orgs, "--out", file])
            #expect(output.status == 0, "\(output.stderr)")
            let bytes = try Data(contentsOf: URL(fileURLWithPath: file))
            #expect(output.stdout.contains("SHA-256: \(StateDigest.sha256(bytes))"))
            let plan = try Plan.decoder().decode(Plan.self, from: bytes)
            #expect(plan.formatVersion == 2)
            #expect(plan.tenant == "127.0.0.1")
            #expect(plan.steps.count == 2)
            #expect(plan.steps.allSatisfy { !$0.precondition.userID.isEmpty })

            let markdown = try await tenant.roster(["plan", Self.orgs, "--out", file, "--format", "markdown"])
            #expect(markdown.status == 0, "\(markdown.stderr)")
            let markdownSHA = StateDigest.sha256(try Data(contentsOf: URL(fileURLWithPath: file)))
            #expect(markdown.stdout.contains("SHA-256 `\(markdownSHA)`"), "\(markdown.stdout)")
        }
    }

    @Test("--format json prints the plan document alone on stdout")
    func json() async throws {
        try await EmulatedTenant.with(try EmulatedTenant.acme) { tenant in
            let output = try await tenant.roster(["plan", Self.orgs, "--format", "json"])
            let plan = try Plan.decoder().decode(Plan.self, from: Data(output.stdout.utf8))
            #expect(plan.memberRemovalCount == 1)
            #expect(plan.roleRemovalCount == 1)
        }
    }

    @Test("a tripped guard names guard, organization and count, writes no plan and exits 1; --override-guards records it")
    func guardTripped() async throws {
        let strict = try String(contentsOf: repositoryRoot.appendingPathComponent("examples/acme/orgs/acme.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "min_role_holders: {admin: 1}", with: "min_role_holders: {admin: 1}\n      max_member_removals: 0")
        let folder = try temporaryFolder(["orgs/acme.yaml": strict])
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("plan.json").path
        let orgs = folder.appendingPathComponent("orgs").path
        try await EmulatedTenant.with(try EmulatedTenant.acme) { tenant in
            let refused = try await tenant.roster(["plan", orgs, "--out", file, "--detailed-exitcode"])
            #expect(refused.status == 1)
            #expect(refused.stderr.contains("guard max_member_removals: acme: 1 member removals, over max_member_removals 0"))
            #expect(!FileManager.default.fileExists(atPath: file))

            for format in ["json", "markdown"] {
                let refusedJSON = try await tenant.roster(["plan", orgs, "--format", format])
                #expect(refusedJSON.status == 1)
                #expect(refusedJSON.stdout.isEmpty, "\(refusedJSON.stdout)")
                #expect(refusedJSON.stderr.contains("remove member former@example.com"), "\(refusedJSON.stderr)")
                #expect(!refusedJSON.stderr.contains("\"format_version\""))
            }

            let overridden = try await tenant.roster(["plan", orgs, "--out", file, "--override-guards"])
            #expect(overridden.status == 0, "\(overridden.stderr)")
            #expect(overridden.stdout.hasPrefix("! Guards overridden (--override-guards): 1 guard violation let through."))
            let plan = try Plan.decoder().decode(Plan.self, from: Data(contentsOf: URL(fileURLWithPath: file)))
            #expect(plan.overrideGuards)
            #expect(plan.overriddenGuards.map(\.guardName) == [.maxMemberRemovals])
        }
    }

    @Test("min_role_holders is not lifted by --override-guards")
    func minRoleHoldersNotOverridable() async throws {
        let file = try String(contentsOf: repositoryRoot.appendingPathComponent("examples/acme/orgs/acme.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "auth0|64f1a2b3c4d5e6f7a8b9c0d1: [admin, billing]", with: "auth0|64f1a2b3c4d5e6f7a8b9c0d1: [billing]")
            .replacingOccurrences(of: "protected: [auth0|breakglass]", with: "protected: []")
            .replacingOccurrences(of: "min_role_holders: {admin: 1}", with: "min_role_holders: {admin: 1}\n      members: additive")
        let folder = try temporaryFolder(["orgs/acme.yaml": file])
        defer { try? FileManager.default.removeItem(at: folder) }
        try await EmulatedTenant.with(try EmulatedTenant.acme) { tenant in
            // jane loses admin; breakglass keeps it (additive members), so the floor holds...
            let fine = try await tenant.roster(["plan", folder.appendingPathComponent("orgs").path])
            #expect(fine.status == 0, "\(fine.stderr)")
        }
        var noBreakglassAdmin = try EmulatedTenant.acme
        let index = noBreakglassAdmin.organizations.firstIndex { $0.name == "acme" }!
        noBreakglassAdmin.organizations[index].members = noBreakglassAdmin.organizations[index].members.map {
            $0.userID == "auth0|breakglass" ? .init(userID: $0.userID, roles: []) : $0
        }
        try await EmulatedTenant.with(noBreakglassAdmin) { tenant in
            // ...but with breakglass holding no admin, jane was the last one.
            let output = try await tenant.roster(["plan", folder.appendingPathComponent("orgs").path, "--override-guards"])
            #expect(output.status == 1)
            #expect(output.stderr.contains("guard min_role_holders"))
            #expect(output.stderr.contains("cannot be overridden"))
        }
    }

    @Test("an email that matches no user refuses the plan at its file:line, exit 1")
    func unresolvedEmail() async throws {
        let folder = try temporaryFolder(["orgs/acme.yaml": """
            version: 1
            organizations:
              acme:
                members:
                  nobody@example.com: ~
            """])
        defer { try? FileManager.default.removeItem(at: folder) }
        try await EmulatedTenant.with(try EmulatedTenant.acme) { tenant in
            let output = try await tenant.roster(["plan", folder.appendingPathComponent("orgs").path, "--detailed-exitcode"])
            #expect(output.status == 1)
            // Compiler style from the start of the line (CI annotations), then what happened.
            let lines = output.stderr.split(separator: "\n")
            #expect(lines.first?.hasPrefix(folder.appendingPathComponent("orgs/acme.yaml").path + ":5:7: error: ") == true,
                    "\(output.stderr)")
            #expect(lines.last == "error: no plan: fix the problems above, then plan again; nothing was changed")
            #expect(output.stdout.isEmpty)
            #expect(output.stderr.contains("nobody@example.com"))
            let masked = try await tenant.roster(["plan", folder.appendingPathComponent("orgs").path, "--mask-emails"])
            #expect(masked.status == 1)
            #expect(masked.stderr.contains("acme.yaml:5:") && masked.stderr.contains("n***@example.com"))
            #expect(!masked.stderr.contains("nobody@example.com"))
        }
        // With --emulator, messages name the tenant as the plan does: the snapshot's domain.
        let snapshot = repositoryRoot.appendingPathComponent("examples/acme/tenant.json").path
        let emulated = try await RosterProcess.run(["plan", folder.appendingPathComponent("orgs").path, "--emulator", snapshot],
                                                   in: repositoryRoot, environment: [:])
        #expect(emulated.status == 1)
        #expect(emulated.stderr.contains("no user of acme.eu.auth0.com (emulator) has the email \"nobody@example.com\""),
                "\(emulated.stderr)")
    }

    @Test("--emulator SNAPSHOT plans against an in-process emulator, and never changes the snapshot")
    func emulatorOption() async throws {
        let snapshot = repositoryRoot.appendingPathComponent("examples/acme/tenant.json")
        let before = try Data(contentsOf: snapshot)
        let output = try await RosterProcess.run(["plan", Self.orgs, "--emulator", snapshot.path], in: repositoryRoot, environment: [:])
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stdout.contains("Plan: 1 member removal, 1 role removal in 1 organization."))
        #expect(try Data(contentsOf: snapshot) == before)
    }
}
