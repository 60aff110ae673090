import Foundation
import ArgumentParser
import RosterCore
import RosterYAML

/// `roster-bench`: measures Roster against its performance targets, each as a ratio to a
/// floor measured in the same run. Build with `-c release`; debug timings mean nothing.
@main
struct RosterBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "roster-bench",
        abstract: "Measure Roster against its performance targets.",
        discussion: """
            Loading: generated desired states of ORGS x 100 members are loaded into the typed \
            model and compared with the bare libyaml event loop over the same bytes (the \
            floor), alternating runs, medians compared. Target: at most 1.5x the floor, and \
            linear in size.

            Examples:
              swift run -c release roster-bench
              swift run -c release roster-bench --quick
              swift run -c release roster-bench --write /tmp/1000x100.yaml --sizes 1000
            """
    )

    @Flag(help: "A smoke run: small sizes, one repeat. Checks that everything runs, not speed.")
    var quick = false

    @Option(help: "Repeats per measurement; the median is reported.")
    var repeats = 5

    @Option(parsing: .upToNextOption, help: "Organization counts to generate (100 members each).")
    var sizes: [Int] = [1_000, 10_000]

    @Option(help: "Also write the first generated file here (to cross-check with yaml_floor.c).")
    var write: String?

    mutating func run() throws {
        if quick {
            sizes = [10, 100]
            repeats = 1
        }
        var table = BenchTable()
        var perMember: [(members: Int, seconds: Double)] = []
        for (position, organizations) in sizes.enumerated() {
            let bytes = DesiredStateGenerator(organizations: organizations, membersPerOrganization: 100).yaml()
            if position == 0, let write { try writeFile(write, bytes) }
            let members = organizations * 100
            let events = YAMLFloor.run(bytes)
            var floorTimes: [Double] = []
            var loadTimes: [Double] = []
            var treeTimes: [Double] = []
            var loadedMembers = 0
            for _ in 0..<repeats {
                floorTimes.append(Stopwatch.time { YAMLFloor.run(bytes) }.1)
                treeTimes.append(Stopwatch.time { YAMLParser().parse(bytes, file: "bench.yaml").isComplete }.1)
                let (result, seconds) = Stopwatch.time {
                    DesiredStateLoader().load(sources: [("bench.yaml", bytes)])
                }
                guard result.isValid else {
                    throw ValidationError("generated file did not load: \(result.diagnostics.first?.renderedText ?? "")")
                }
                loadedMembers = result.state.memberCount
                loadTimes.append(seconds)
            }
            guard loadedMembers == members else {
                throw ValidationError("loaded \(loadedMembers) members, generated \(members)")
            }
            let floor = Stopwatch.median(floorTimes)
            let load = Stopwatch.median(loadTimes)
            perMember.append((members, load / Double(members)))
            let tree = Stopwatch.median(treeTimes)
            table.add(
                scenario: "  of which YAML to located node tree", measured: String(format: "%.3f s", tree),
                limit: String(format: "floor %.3f s", floor), ratio: tree / floor, target: nil)
            table.add(
                scenario: "load \(organizations) x 100 (\(bytes.count / 1_000_000) MB, \(events) events)",
                measured: String(format: "%.3f s", load), limit: String(format: "floor %.3f s", floor),
                ratio: load / floor, target: 1.5)
            table.rows.swapAt(table.rows.count - 1, table.rows.count - 2)
        }
        if perMember.count >= 2, let first = perMember.first, let last = perMember.last {
            table.add(
                scenario: "load time per member, \(last.members) vs \(first.members) members",
                measured: String(format: "%.0f ns", last.seconds * 1e9),
                limit: String(format: "%.0f ns", first.seconds * 1e9),
                ratio: last.seconds / first.seconds, target: 1.25)
        }
        print(table.render(quick: quick))
        print(String(format: "peak resident memory: %.0f MiB", Double(Stopwatch.peakResidentBytes()) / 1_048_576))
    }

    private func writeFile(_ path: String, _ bytes: [UInt8]) throws {
        guard let file = fopen(path, "wb") else { throw ValidationError("cannot write \(path)") }
        defer { fclose(file) }
        _ = bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file) }
    }
}
