import ArgumentParser
import Foundation

/// `roster-bench`: measures Roster against its performance targets, each as a ratio to a
/// limit measured or computed in the same run. Build with `-c release`; debug timings mean
/// nothing.
@main
struct RosterBench: AsyncParsableCommand {
    /// The scenarios, in the order they run.
    enum Scenario: String, CaseIterable, ExpressibleByArgument {
        case load, diff, plan, apply
    }

    static let configuration = CommandConfiguration(
        commandName: "roster-bench",
        abstract: "Measure Roster against its performance targets.",
        discussion: """
            load: generated desired states of ORGS x 100 members loaded into the typed model, \
            against the bare libyaml event loop over the same bytes (target: at most 1.5x, linear). \
            diff: the pure plan of 1,000,000 memberships against a state differing in 1% of \
            members and 5% of roles, in a child process (target: under a quarter of the load \
            time; peak memory of load + plan under 1 GiB). plan: a plan over HTTP against the \
            in-process emulator, requests against the minimum, then under a rate limit \
            (target: within 1.1x of requests / rate, under 1% 429s). apply: 10,000 member and \
            10,000 role removals, the same way. Request counts must equal the minimum: a \
            mismatch makes the run fail; timings never do.

            Examples:
              swift run -c release roster-bench
              swift run -c release roster-bench --quick
              swift run -c release roster-bench --scenarios load diff --sizes 1000
              swift run -c release roster-bench --write /tmp/1000x100.yaml --sizes 1000 --scenarios load
            """
    )

    @Flag(help: "A smoke run: small sizes, one repeat, a few seconds. Checks request counts, not speed.")
    var quick = false

    @Option(parsing: .upToNextOption, help: "Scenarios to run: load, diff, plan, apply (default: all).")
    var scenarios: [Scenario] = Scenario.allCases

    @Option(help: "Repeats per timing; the median is reported.")
    var repeats = 5

    @Option(parsing: .upToNextOption, help: "load: organization counts to generate (100 members each).")
    var sizes: [Int] = [1_000, 10_000]

    @Option(help: "diff: organizations of 100 members to plan.")
    var diffOrganizations = 10_000

    @Option(help: "plan: organizations of 100 members in the emulated tenant.")
    var planOrganizations = 1_000

    @Option(help: "apply: organizations, each with 100 member and 100 role removals.")
    var applyOrganizations = 100

    @Option(help: "The emulator's rate limit for the rate-limited runs, requests per second (burst the same).")
    var rate: Double = 50

    @Option(help: "load: also write the first generated file here (to cross-check with yaml_floor.c).")
    var write: String?

    @Option(help: .hidden)
    var planChild: Int?

    /// The one-minute load average, where the system tells it (`/proc/loadavg`).
    static func loadAverage() -> Double? {
        guard let text = try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8) else { return nil }
        return text.split(separator: " ").first.flatMap { Double($0) }
    }

    mutating func run() async throws {
        if let planChild {
            try PlanBenchmark.runChild(organizations: planChild, repeats: repeats)
            return
        }
        if quick {
            (sizes, repeats, diffOrganizations, planOrganizations, applyOrganizations) = ([10, 100], 1, 10, 10, 2)
        }
        let chosen = Set(scenarios)
        var table = BenchTable()
        let started = Stopwatch.now()
        let loadBefore = Self.loadAverage()
        if chosen.contains(.load) { try LoadBenchmark(sizes: sizes, repeats: repeats, write: write).run(into: &table) }
        if chosen.contains(.diff) {
            try PlanBenchmark(organizations: diffOrganizations, repeats: min(repeats, 3)).run(into: &table)
        }
        if chosen.contains(.plan) || chosen.contains(.apply) {
            try await TenantBenchmark(planOrganizations: planOrganizations, applyOrganizations: applyOrganizations,
                                      rate: rate, scenarios: chosen).run(into: &table)
        }
        print(table.render(quick: quick))
        print(String(format: "whole run: %.0f s; peak resident memory of this process: %.0f MiB", Stopwatch.now() - started,
                     Double(Stopwatch.peakResidentBytes()) / 1_048_576))
        // Timings from a machine busy with other work say little: show how busy it was.
        if let loadBefore, let loadAfter = Self.loadAverage() {
            let cores = ProcessInfo.processInfo.activeProcessorCount
            print(String(format: "%d cores; load average (1 min) %.2f at the start, %.2f at the end", cores, loadBefore, loadAfter))
            if loadBefore > 0.25 * Double(cores) {
                print("note: the machine was busy when the run started; other work skews timings (ratios too)")
            }
        }
        if !table.countMismatches.isEmpty {
            for mismatch in table.countMismatches { FileHandle.standardError.write(Data("request count: \(mismatch)\n".utf8)) }
            throw ExitCode.failure
        }
    }
}
