import Auth0Emulator
import Foundation
import Roster
import RosterCore
import Testing

/// Applies large generated plans against an emulator that faults about a fifth of its
/// answers (429 with reset, 500/502/503, dropped connections, writes applied but answered
/// 503), over many seeds. The default suite runs a smaller plan per seed; `ROSTER_SOAK=full`
/// runs 2,000 steps over 50 organizations per seed (docs/reliability.md).
@Suite("Apply under injected faults (soak)")
struct FaultSoakTests {
    static let full = ProcessInfo.processInfo.environment["ROSTER_SOAK"] == "full"
    static let seeds: [UInt64] = Array(1 ... 20)

    static func scenario(seed: UInt64) throws -> SoakScenario {
        full
            ? try SoakScenario(seed: seed, organizations: 50, memberRemovals: 20, roleRemovals: 20)
            : try SoakScenario(seed: seed, organizations: 5, memberRemovals: 10, roleRemovals: 10)
    }

    @Test("under faults, apply ends at exactly the planned tenant, every step done or skipped with a reason", arguments: seeds)
    func soak(seed: UInt64) async throws {
        let scenario = try Self.scenario(seed: seed)
        let started = ContinuousClock.now
        let outcome = try await SoakRun.run(scenario)
        #expect(outcome.planSteps == scenario.steps)
        #expect(outcome.forbidden.isEmpty, "refused or unknown steps: \(outcome.forbidden.map(\.step.id))")
        // Every step ends done, or skipped with a reason; none failed or not run.
        #expect(outcome.finalStatus.count == scenario.steps)
        for (id, step) in outcome.finalStatus {
            #expect([.done, .alreadyDone, .skipped].contains(step.status), "\(id): \(step.status) \(step.detail ?? "")")
            if step.status == .skipped { #expect(step.detail?.isEmpty == false, "\(id) skipped without a reason") }
        }
        // Exactly the planned tenant: the planned removals made, nothing else touched.
        #expect(SoakScenario.normalized(outcome.tenant) == SoakScenario.normalized(scenario.expected))
        #expect(!outcome.replanHasChanges, "a fresh plan still has changes")
        try JournalCheck.expectSound(outcome.journalPath, steps: scenario.steps)
        #expect(outcome.faulted > 0, "the emulator injected no faults")
        let seconds = (ContinuousClock.now - started).components.seconds
        let skipped = outcome.finalStatus.values.filter { $0.status == .skipped }.count
        print("soak seed \(seed): \(outcome.planSteps) steps, \(skipped) skipped, \(outcome.rounds) rounds, \(outcome.requests) requests, "
              + "\(outcome.faulted) faulted (\(outcome.rateLimited) 429), \(seconds) s")
    }
}
