import Auth0Emulator
import Foundation
import RosterCore
import Testing

@Suite("roster export")
struct ExportCommandTests {
    /// The acme example tenant with members and roles whose names trip naive YAML writers.
    static func trickyTenant() throws -> TenantSnapshot {
        var snapshot = try EmulatedTenant.acme
        let names = ["123", "true", "null", "a: b", "x #y", " lead", "trail ", "ünïcödé ✓", "yes", "~", "-1", "[x]"]
        snapshot.roles += names.enumerated().map { .init(id: "rol_tricky\($0.offset)", name: $0.element) }
        let tricky = names.indices.map { "rol_tricky\($0)" }
        snapshot.users += [
            .init(userID: "123|456", email: "numbers@example.com"), .init(userID: "true|false", email: nil),
            .init(userID: "auth0|x#y", email: "hash@example.com"),
        ]
        let index = snapshot.organizations.firstIndex { $0.name == "acme" }!
        snapshot.organizations[index].members += [
            .init(userID: "123|456", roles: Array(tricky.prefix(6))),
            .init(userID: "true|false", roles: Array(tricky.dropFirst(6))),
            .init(userID: "auth0|x#y", roles: []),
        ]
        return snapshot
    }

    @Test("export, then validate accepts it and plan on it shows no changes (the round trip)")
    func roundTrip() async throws {
        let folder = try temporaryFolder([:])
        defer { try? FileManager.default.removeItem(at: folder) }
        let orgs = folder.appendingPathComponent("orgs").path
        try await EmulatedTenant.with(try Self.trickyTenant()) { tenant in
            let export = try await tenant.roster(["export", "--output", orgs])
            #expect(export.status == 0, "\(export.stderr)")
            #expect(export.stdout.contains("Exported 3 organizations to \(orgs)"))
            let files = try FileManager.default.contentsOfDirectory(atPath: orgs).sorted()
            #expect(files == ["acme.yaml", "globex.yaml", "initech.yaml"])
            let acme = try String(contentsOfFile: orgs + "/acme.yaml", encoding: .utf8)
            #expect(acme.contains("auth0|64f1a2b3c4d5e6f7a8b9c0d1: [admin, billing]  # jane@example.com"))
            #expect(acme.contains("id: org_7Qb2Lc9TgHnY1xQw"))
            #expect(!acme.contains(EmulatedTenant.secret))

            let validate = try await RosterProcess.run(["validate", orgs], environment: [:])
            #expect(validate.status == 0, "\(validate.stderr)\n\(acme)")
            #expect(validate.stderr.isEmpty, "\(validate.stderr)")
            let plan = try await tenant.roster(["plan", orgs, "--detailed-exitcode"])
            #expect(plan.status == 0, "\(plan.stdout)\n\(plan.stderr)\n\(acme)")
            #expect(plan.stdout.contains("No changes. The tenant matches the desired state."))
            let drift = try await tenant.roster(["drift", orgs])
            #expect(drift.status == 0, "\(drift.stdout)")
            #expect(await tenant.deletes() == 0)
        }
    }

    @Test("the example tenant's export (golden): members by user id, roles by name, emails as comments")
    func golden() async throws {
        try await EmulatedTenant.with(try EmulatedTenant.acme) { tenant in
            let output = try await tenant.roster(["export", "--org", "acme"])
            #expect(output.status == 0, "\(output.stderr)")
            try assertGolden(output.stdout, "export-acme.yaml")
        }
    }

    @Test("--org exports only the organizations named; an unknown one is an error")
    func selection() async throws {
        let folder = try temporaryFolder([:])
        defer { try? FileManager.default.removeItem(at: folder) }
        try await EmulatedTenant.with(try EmulatedTenant.acme) { tenant in
            let output = try await tenant.roster(["export", "--org", "globex", "--output", folder.path])
            #expect(output.status == 0, "\(output.stderr)")
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["globex.yaml"])
            let unknown = try await tenant.roster(["export", "--org", "hooli", "--output", folder.path])
            #expect(unknown.status == 1)
            #expect(unknown.stderr.contains("--org \"hooli\": the tenant 127.0.0.1 has no organization with this name"))
        }
    }

    @Test("existing files are not replaced without --force; several organizations need --output")
    func refusals() async throws {
        let folder = try temporaryFolder(["acme.yaml": "# mine\n"])
        defer { try? FileManager.default.removeItem(at: folder) }
        try await EmulatedTenant.with(try EmulatedTenant.acme) { tenant in
            let refused = try await tenant.roster(["export", "--output", folder.path])
            #expect(refused.status == 1)
            #expect(refused.stderr.contains("exists; nothing was written"))
            #expect(try String(contentsOf: folder.appendingPathComponent("acme.yaml"), encoding: .utf8) == "# mine\n")
            #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("globex.yaml").path))
            let forced = try await tenant.roster(["export", "--output", folder.path, "--force"])
            #expect(forced.status == 0, "\(forced.stderr)")
            let stdout = try await tenant.roster(["export"])
            #expect(stdout.status == 1)
            #expect(stdout.stderr.contains("give --output DIR"))
        }
    }

    @Test("--emulator works for export")
    func emulator() async throws {
        let output = try await RosterProcess.run(["export", "--org", "globex", "--emulator", "examples/acme/tenant.json"],
                                                 in: repositoryRoot, environment: [:])
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stdout.contains("# Exported from acme.eu.auth0.com (emulator) by `roster export`"))
    }
}
