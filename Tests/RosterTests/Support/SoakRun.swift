import Auth0Emulator
import Auth0Management
import Foundation
import Roster
import RosterCore

/// Plans a ``SoakScenario`` on a well-behaved emulator, then applies the saved plan against
/// an emulator that faults about a fifth of its answers, running the same apply again
/// (as an operator would) until no step is left failed or not run.
struct SoakRun {
    /// What the run produced, for the test's checks and the figures.
    struct Outcome {
        var planSteps: Int
        var rounds: Int
        /// Each step's status in the last report.
        var finalStatus: [String: ApplyReport.StepOutcome]
        /// Statuses that must never appear in any round (refused, unknown).
        var forbidden: [ApplyReport.StepOutcome]
        var tenant: TenantSnapshot
        var journalPath: String
        var requests: Int
        var faulted: Int
        var rateLimited: Int
        var replanHasChanges: Bool
    }

    /// The faults: 500/502/503 answered without doing anything, dropped connections,
    /// writes applied but answered 503, and a rate limit that answers 429 with its reset.
    static func faults(seed: UInt64) -> EmulatorConfiguration {
        EmulatorConfiguration(
            rateLimit: RateLimitConfiguration(requestsPerSecond: 200, burst: 2),
            faults: FaultConfiguration(seed: seed, errorRate: 0.10, dropRate: 0.05, appliedButUnavailableRate: 0.10),
            keepsRequestLog: false)
    }

    static let retry = RetryPolicy(maxAttempts: 5, maxRateLimitedAttempts: 10, baseDelay: .milliseconds(2), maxDelay: .milliseconds(20))

    static func client(_ emulator: RunningEmulator) throws -> ManagementAPIClient {
        let configuration = try ManagementAPIConfiguration(domain: emulator.baseURL.absoluteString, retry: retry)
        return ManagementAPIClient(
            configuration: configuration,
            credentials: .clientCredentials(clientID: "roster-ci", clientSecret: Secret("roster-ci-secret")),
            logger: AcmeTenant.quiet)
    }

    /// Plans `scenario` against a fault-free emulator; saves the plan in a new folder.
    static func plan(_ scenario: SoakScenario, tenant: TenantSnapshot) async throws -> (Plan, path: String, sha256: String) {
        let files = try scenario.writeFiles()
        let (plan, _) = try await AcmeTenant.with(tenant) { client, _ in
            try await PlanSession(reader: client, tenant: AcmeTenant.tenant, rosterVersion: "test", logger: AcmeTenant.quiet)
                .plan(paths: [files.appendingPathComponent("orgs").path], options: PlanOptions()).plan
        }
        let path = files.appendingPathComponent("plan.json").path
        let sha = try PlanFile.write(plan, to: path)
        return (plan, path, sha)
    }

    static func run(_ scenario: SoakScenario, maxRounds: Int = 12) async throws -> Outcome {
        let (plan, path, sha) = try await plan(scenario, tenant: scenario.tenant)
        let emulator = try await Emulator.start(snapshot: scenario.tenant, configuration: faults(seed: scenario.seed),
                                                logger: AcmeTenant.quiet)
        var outcome = Outcome(planSteps: plan.steps.count, rounds: 0, finalStatus: [:], forbidden: [], tenant: scenario.tenant,
                              journalPath: path + ".journal", requests: 0, faulted: 0, rateLimited: 0, replanHasChanges: true)
        do {
            let client = try client(emulator)
            for round in 1 ... maxRounds {
                outcome.rounds = round
                let (saved, readSHA) = try PlanFile.read(path)
                let journal = try Journal(path: path + ".journal", planSHA256: readSHA)
                let applier = Applier(reader: client, writer: client, preflight: { try await client.checkScopes(for: .apply) },
                                      readBack: ReadBackPolicy(attempts: 3, delay: .milliseconds(5)), logger: AcmeTenant.quiet)
                let report: ApplyReport
                do {
                    report = try await applier.apply(saved, journal: journal)
                } catch is ManagementAPIError {
                    // The preflight or first read failed after retries: nothing changed; run again.
                    await journal.close()
                    continue
                }
                await journal.close()
                guard readSHA == sha else { throw SoakError.planChanged }
                outcome.forbidden += report.steps.filter { $0.status == .refused || $0.status == .unknown }
                outcome.finalStatus = Dictionary(uniqueKeysWithValues: report.steps.map { ($0.step.id, $0) })
                if report.steps.allSatisfy({ [.done, .alreadyDone, .skipped].contains($0.status) }) { break }
            }
            outcome.tenant = await emulator.snapshot()
            let counts = await emulator.requestCounts()
            outcome.requests = counts.reduce(0) { $0 + $1.count }
            outcome.faulted = counts.filter { $0.status.map { $0 >= 500 || $0 == 429 } ?? true }.reduce(0) { $0 + $1.count }
            outcome.rateLimited = counts.filter { $0.status == 429 }.reduce(0) { $0 + $1.count }
            await emulator.shutdown()
        } catch {
            await emulator.shutdown()
            throw error
        }
        let (again, _, _) = try await Self.plan(scenario, tenant: outcome.tenant)
        outcome.replanHasChanges = again.hasChanges
        return outcome
    }
}

enum SoakError: Error {
    case planChanged
}
