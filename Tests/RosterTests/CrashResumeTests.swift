import Auth0Emulator
import Foundation
import Roster
import RosterCore
import Testing

/// Kills the real `roster apply` process with SIGKILL at seeded random points (a random
/// number of new journal lines, then a random delay of up to 6 ms), runs the same apply again, and checks that the
/// journal stays sound, nothing is done twice, and a new plan brings the tenant to exactly
/// the planned state.
@Suite("Apply killed with SIGKILL and resumed")
struct CrashResumeTests {
    static let seeds: [UInt64] = [11, 12, 13]
    static let killsPerSeed = 8

    struct Tenant {
        let emulator: RunningEmulator
        var environment: [String: String] { ["AUTH0_CLIENT_ID": "roster-ci", "AUTH0_CLIENT_SECRET": "roster-ci-secret"] }
        var domain: [String] { ["--domain", emulator.baseURL.absoluteString] }

        func roster(_ arguments: [String], killDelay: Duration = .zero,
                    killWhen: (@Sendable () -> Bool)? = nil) async throws -> RosterBinary.Output {
            try await RosterBinary.run(arguments + domain, environment: environment, killWhen: killWhen, killDelay: killDelay)
        }

        /// `roster plan DIR --out PATH`; returns the SHA-256 it printed.
        func plan(_ orgs: String, out path: String) async throws -> String {
            let output = try await roster(["plan", orgs, "--out", path])
            #expect(output.status == 0, "\(output.stderr)")
            let line = try #require(output.stdout.split(separator: "\n").first { $0.hasPrefix("SHA-256: ") })
            return String(line.dropFirst("SHA-256: ".count))
        }
    }

    @Test("apply killed at random points and resumed never repeats a step, and a new plan converges", arguments: seeds)
    func killAndResume(seed: UInt64) async throws {
        let scenario = try SoakScenario(seed: seed, organizations: 8, memberRemovals: 3, roleRemovals: 10)
        let folder = try scenario.writeFiles()
        // A little latency, so that kills land before, during and after write calls.
        let configuration = EmulatorConfiguration(faults: FaultConfiguration(
            seed: seed, minimumLatency: .milliseconds(1), maximumLatency: .milliseconds(4)), keepsRequestLog: false)
        let emulator = try await Emulator.start(snapshot: scenario.tenant, configuration: configuration, logger: AcmeTenant.quiet)
        do {
            try await run(scenario, seed: seed, tenant: Tenant(emulator: emulator), folder: folder)
            await emulator.shutdown()
        } catch {
            await emulator.shutdown()
            throw error
        }
    }

    private func run(_ scenario: SoakScenario, seed: UInt64, tenant: Tenant, folder: URL) async throws {
        let orgs = folder.appendingPathComponent("orgs").path
        let path = folder.appendingPathComponent("plan.json").path
        let journal = path + ".journal"
        let emulator = tenant.emulator
        let sha = try await tenant.plan(orgs, out: path)
        var random = SeededGenerator(seed: seed)
        var kills = 0
        for _ in 0 ..< Self.killsPerSeed {
            let start = RosterBinary.lineCount(journal)
            let more = Int.random(in: 1 ... 24, using: &random)
            let delay = Duration.microseconds(Int.random(in: 0 ... 6000, using: &random))
            let output = try await tenant.roster(["apply", path, "--plan-sha256", sha], killDelay: delay) {
                RosterBinary.lineCount(journal) >= start + more
            }
            if output.killed { kills += 1 }
            #expect(!output.stderr.contains("Fatal error"), "\(output.stderr)")
            // Every complete line parses after every kill; at most the last one is torn.
            _ = try JournalCheck.entries(journal, allowTornLastLine: true)
        }
        #expect(kills >= Self.killsPerSeed - 2, "most runs were killed before they finished (\(kills))")
        // The same apply again, to the end: it resumes, and reports steps of unknown outcome.
        let resumed = try await tenant.roster(["apply", path, "--plan-sha256", sha])
        #expect(!resumed.stdout.contains("failed:"), "\(resumed.stdout)")
        let final = try JournalCheck.expectSound(journal)
        let entries = try JournalCheck.entries(journal)
        let started = Set(entries.filter { $0.result == .started }.compactMap(\.stepID))
        let unknown = started.subtracting(final)
        // A kill leaves at most one write call (a batch of steps started together) unknown.
        #expect(Self.startedBatches(entries, containing: unknown) <= kills, "more calls of unknown outcome than kills")
        #expect(final.count + unknown.count + (try notStarted(path, entries: entries)) == scenario.steps)
        #expect(resumed.status == (unknown.isEmpty ? 0 : 1), "\(resumed.stdout)\n\(resumed.stderr)")
        if !unknown.isEmpty { #expect(resumed.stdout.contains("outcome unknown, not run again; plan again")) }
        // As the report says: plan again and apply the new plan.
        let again = folder.appendingPathComponent("plan-again.json").path
        let againSHA = try await tenant.plan(orgs, out: again)
        let second = try await tenant.roster(["apply", again, "--plan-sha256", againSHA])
        #expect(second.status == 0, "\(second.stdout)\n\(second.stderr)")
        let after = await emulator.snapshot()
        #expect(SoakScenario.normalized(after) == SoakScenario.normalized(scenario.expected))
        let check = try await tenant.roster(["plan", orgs, "--detailed-exitcode"])
        #expect(check.status == 0, "a fresh plan still has changes: \(check.stdout)")
        print("crash seed \(seed): \(scenario.steps) steps, \(kills) kills, \(unknown.count) steps of unknown outcome")
    }

    /// The number of write calls (runs of consecutive `started` lines) that hold one of `steps`.
    static func startedBatches(_ entries: [JournalEntry], containing steps: Set<String>) -> Int {
        var batches = 0, inBatch = false, counted = false
        for entry in entries {
            guard entry.result == .started, let id = entry.stepID else { inBatch = false; continue }
            if !inBatch { inBatch = true; counted = false }
            if steps.contains(id), !counted { batches += 1; counted = true }
        }
        return batches
    }

    /// Steps of the plan never started (none, once an apply ran to its end).
    private func notStarted(_ path: String, entries: [JournalEntry]) throws -> Int {
        let (plan, _) = try PlanFile.read(path)
        let touched = Set(entries.compactMap(\.stepID))
        return plan.steps.filter { !touched.contains($0.id) }.count
    }
}
