import ArgumentParser
import Auth0Emulator
import Foundation
import Roster
import RosterCore
import RosterYAML

/// `roster demo`: Roster's main job end to end on the bundled example, no credentials.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Walk through validate, plan, apply and plan again on the bundled example tenant.",
        discussion: """
            Starts an Auth0 emulator in-process on a temporary copy of the example's \
            tenant.json, then runs what a pipeline runs: validate the desired state, plan \
            and save the plan, apply the saved plan by its SHA-256, and plan again to show \
            that nothing is left to do. No credentials, no network; the example's files are \
            never changed. Run it from the repository's root: swift run roster demo
            """)

    @Option(name: .long, help: ArgumentHelp(
        "The example folder: tenant.json and orgs/ (default: examples/acme).", valueName: "folder"))
    var example: String = "examples/acme"

    @OptionGroup var output: OutputOptions

    func run() async throws {
        let logger = output.logger()
        let orgs = example + "/orgs"
        let tenantFile = example + "/tenant.json"
        guard FileManager.default.fileExists(atPath: tenantFile), FileManager.default.fileExists(atPath: orgs) else {
            throw failure("\(example) has no tenant.json and orgs/: run the demo from the repository's root, or give --example")
        }
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("roster-demo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        let copy = work.appendingPathComponent("tenant.json")
        try FileManager.default.copyItem(at: URL(fileURLWithPath: tenantFile), to: copy)
        let planPath = work.appendingPathComponent("plan.json").path

        step("roster validate \(orgs)")
        let loaded = DesiredStateLoader().load(paths: [orgs])
        let report = DiagnosticReport(files: loaded.state.files.count, organizations: loaded.state.organizations.count,
                                      members: loaded.state.memberCount, diagnostics: loaded.diagnostics)
        for diagnostic in report.diagnostics { Console.err(diagnostic.renderedText) }
        Console.out(report.summaryLine)
        guard report.valid else { throw ExitCode.failure }

        let snapshot = try TenantSnapshot.load(contentsOf: copy)
        let tenant = try await TenantConnection.start(snapshot: snapshot, persistURL: copy, connection: nil, logger: logger)
        try await tenant.use { tenant in
            Console.out("\nAn Auth0 emulator serves a temporary copy of \(tenantFile) as \(tenant.tenant).")
            let session = PlanSession(reader: tenant.client, tenant: tenant.tenant, rosterVersion: RosterCommand.version,
                                      logger: logger)
            step("roster plan \(orgs) --out plan.json")
            let first = try await plan(session, orgs)
            Console.out(first.renderedText(color: output.useColor))
            let sha256 = try PlanFile.write(first, to: planPath)
            Console.out("\nSaved the plan to plan.json\nSHA-256: \(sha256)")

            step("roster apply plan.json --plan-sha256 \(sha256)")
            let (saved, readSHA) = try PlanFile.read(planPath)
            guard readSHA == sha256 else { throw failure("the saved plan changed on disk") }
            let journal = try Journal(path: planPath + ".journal", planSHA256: sha256)
            let client = tenant.client
            let applier = Applier(reader: client, writer: client, preflight: { try await client.checkScopes(forApplying: saved) },
                                  logger: logger)
            let applied = try await applier.apply(saved, journal: journal)
            let undo = try await UndoFile.write(for: saved, planSHA256: sha256, planPath: planPath, journal: journal)
            await journal.close()
            Console.out(applied.renderedText())
            if let undo {
                Console.out("Undo plan: plan.json.undo (\(undo.plan.steps.count) steps): `roster apply plan.json.undo` would "
                            + "give back what this apply removed.")
            }

            step("roster plan \(orgs)")
            let second = try await plan(session, orgs)
            Console.out(second.renderedText(color: output.useColor))
            Console.out("""

                That is the whole loop. On a real tenant: set AUTH0_DOMAIN, AUTH0_CLIENT_ID and \
                AUTH0_CLIENT_SECRET, then `roster plan orgs/ --out plan.json` on every pull request \
                and `roster apply plan.json --plan-sha256 HEX` on merge (docs/workflow.md).
                """)
            if !applied.succeeded || second.hasChanges { throw ExitCode.failure }
        }
    }

    private func plan(_ session: PlanSession, _ orgs: String) async throws -> Plan {
        do {
            return try await session.plan(paths: [orgs], options: PlanOptions()).plan
        } catch let tripped as GuardsTripped {
            throw failure(tripped.error)
        } catch let error as SessionError {
            throw failure(error)
        }
    }

    private func step(_ command: String) {
        Console.out("\n==> \(command)")
    }
}
