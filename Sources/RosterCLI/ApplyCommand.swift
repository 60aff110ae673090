import ArgumentParser
import Auth0Management
import Foundation
import Roster
import RosterCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `roster apply`: carry out exactly a saved, reviewed plan.
struct ApplyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apply",
        abstract: "Carry out a saved plan, and nothing else.",
        discussion: """
            Refuses a plan for another tenant, older than --max-plan-age, or whose SHA-256 \
            is not the --plan-sha256 given. Re-reads each touched organization, runs each \
            step only if what it relies on still holds (a member still a member with the \
            same roles, a role still held; for an addition, not a member or not holding \
            the role yet), skips and reports the others, and refuses an \
            organization whose fresh state would now trip a guard. Every result goes to \
            FILE.journal (JSON lines, fsynced before and after each call), and the inverse of \
            every step carried out to FILE.undo, itself a plan to apply: running apply \
            again resumes, never repeats a done step, finds done a step that was started \
            without a recorded result when its change is in place, and does not run again \
            any other such step, nor its organization's steps after it (reported as \
            "outcome unknown; plan again"). At a \
            terminal it shows the plan and asks for "yes" unless --yes; elsewhere it \
            needs --yes or --plan-sha256.

            With --desired PATH, apply first checks, offline, that the desired-state \
            files there mean what the plan was made from (its desired_state_sha256), and \
            refuses the plan if not: in a pipeline, give the merged files, so that a plan \
            reviewed on a branch is never applied after other changes reached main.

            Exit status: 0 when every step is done or skipped, 1 otherwise.

            Examples:
              roster apply plan.json --plan-sha256 3f1c...e9
              roster apply plan.json --plan-sha256 3f1c...e9 --desired orgs
              roster apply plan.json --plan-sha256 3f1c...e9 --org acme
              roster apply plan.json --emulator examples/acme/tenant.json --yes
              roster apply plan.json.undo --plan-sha256 9a0b...41
            """)

    @Argument(help: ArgumentHelp("The plan file `roster plan --out` wrote.", valueName: "file"))
    var file: String

    @Option(name: .customLong("plan-sha256"), help: ArgumentHelp(
        "The SHA-256 `roster plan` printed: apply refuses a file with another.", valueName: "hex"))
    var planSHA256: String?

    @Flag(name: .long, help: "Do not ask for confirmation.")
    var yes = false

    @Option(name: .long, help: ArgumentHelp("Refuse plans older than this (s, m, h or d).", valueName: "age"))
    var maxPlanAge: PlanAge = PlanAge(argument: "24h")!

    @Option(name: .long, help: ArgumentHelp(
        "Refuse the plan unless the desired-state files or folders here mean what it was made from (repeatable).",
        valueName: "path"))
    var desired: [String] = []

    @OptionGroup var selection: OrganizationOptions
    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var emulator: EmulatorOption
    @OptionGroup var output: OutputOptions

    func validate() throws {
        if let planSHA256, planSHA256.count != 64 || !planSHA256.allSatisfy(\.isHexDigit) {
            throw ValidationError("--plan-sha256 must be 64 hexadecimal digits, as `roster plan` prints them")
        }
    }

    func run() async throws {
        let logger = output.logger()
        let expected = planSHA256?.lowercased()
        // A file that is not the reviewed one is refused before it is parsed.
        let (wholePlan, sha256) = try report { () throws(SessionError) in try PlanFile.read(file, expectedSHA256: expected) }
        // --org runs the reviewed plan's steps for those organizations only.
        let (plan, unknown) = selection.selection.apply(to: wholePlan)
        if !unknown.isEmpty {
            throw failure(SessionError.unplannedOrganizations(unknown, planned: wholePlan.organizations.map(\.name)))
        }
        if !desired.isEmpty {
            try report { () throws(SessionError) in try PlanSession.checkDesiredState(paths: desired, madeFor: wholePlan) }
        }
        let age = Int(Date().timeIntervalSince(plan.createdAt))
        let createdAt = ISO8601DateFormatter().string(from: plan.createdAt)
        if age < -300 { throw failure(SessionError.planFromTheFuture(createdAt: createdAt)) }
        if age > maxPlanAge.seconds {
            throw failure(SessionError.planTooOld(createdAt: createdAt, age: PlanAge.format(seconds: age), limit: maxPlanAge.description))
        }
        let interactive = isatty(STDIN_FILENO) == 1
        if !yes, !interactive, planSHA256 == nil {
            throw failure("not at a terminal, so nothing can be confirmed: give --plan-sha256 (the SHA-256 `roster plan` "
                 + "printed) or --yes")
        }
        let tenant = try await TenantConnection.open(connection: connection, emulator: emulator, logger: logger)
        let applied: ApplyReport? = try await tenant.use { tenant in
            guard tenant.tenant == plan.tenant else { throw failure(SessionError.wrongTenant(planned: plan.tenant, current: tenant.tenant)) }
            guard plan.hasChanges else { return nil }
            if !yes, interactive, !confirm(plan, tenant: tenant.tenant) {
                Console.err("Apply cancelled; nothing was changed.")
                throw ExitCode.failure
            }
            let journal = try report { () throws(SessionError) in try Journal(path: file + ".journal", planSHA256: sha256) }
            let client = tenant.client
            let applier = Applier(reader: client, writer: client, preflight: { try await client.checkScopes(forApplying: plan) },
                                  logger: logger)
            Console.out("Applying \(file) (SHA-256 \(sha256)) to \(tenant.tenant): \(plan.summaryLine)")
            do {
                let applied = try await applier.apply(plan, journal: journal)
                // The whole plan, not the --org part: the undo takes back every step the
                // journal records as done, in this run and the runs before it.
                let undo = try await UndoFile.write(for: wholePlan, planSHA256: sha256, planPath: file, journal: journal)
                await journal.close()
                Console.out(applied.renderedText())
                if let undo {
                    Console.out("Undo plan: \(undo.path) (\(undo.plan.steps.count) steps), SHA-256 \(undo.sha256)\n"
                                + "Take these changes back with: roster apply \(undo.path) --plan-sha256 \(undo.sha256)")
                }
                return applied
            } catch let error as ManagementAPIError {
                throw failure(error)
            } catch let error as SessionError {
                throw failure(error)
            }
        }
        guard let applied else {
            Console.out(plan.summaryLine + " Nothing to apply.")
            return
        }
        if !applied.succeeded { throw ExitCode.failure }
    }

    /// Shows the plan and asks for `yes`.
    private func confirm(_ plan: Plan, tenant: String) -> Bool {
        Console.out(plan.renderedText(color: output.useColor))
        Console.out("\nApply this plan to \(tenant)? Only \"yes\" is accepted: ", terminator: "")
        return readLine()?.trimmingCharacters(in: .whitespaces) == "yes"
    }

    private func report<T>(_ body: () throws(SessionError) -> T) throws(ExitCode) -> T {
        do {
            return try body()
        } catch {
            throw failure(error)
        }
    }
}

