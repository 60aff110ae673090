import ArgumentParser
import Foundation
import RosterYAML

/// Scenario 1: loading generated desired states into the typed model, against the bare
/// libyaml event loop over the same bytes (the floor), alternating runs, medians compared.
struct LoadBenchmark {
    var sizes: [Int]
    var repeats: Int
    var write: String?

    func run(into table: inout BenchTable) throws {
        var perMember: [(members: Int, seconds: Double)] = []
        for (position, organizations) in sizes.enumerated() {
            let bytes = DesiredStateGenerator(organizations: organizations, membersPerOrganization: 100).yaml()
            if position == 0, let write { try Self.writeFile(write, bytes) }
            let members = organizations * 100
            let events = YAMLFloor.run(bytes)
            var floorTimes: [Double] = []
            var loadTimes: [Double] = []
            var treeTimes: [Double] = []
            var oneCoreTimes: [Double] = []
            for _ in 0 ..< repeats {
                floorTimes.append(Stopwatch.time { YAMLFloor.run(bytes) }.1)
                treeTimes.append(Stopwatch.time { YAMLParser().parse(bytes, file: "bench.yaml").isComplete }.1)
                let (result, seconds) = Stopwatch.time { DesiredStateLoader().load(sources: [("bench.yaml", bytes)]) }
                guard result.isValid else {
                    throw ValidationError("generated file did not load: \(result.diagnostics.first?.renderedText ?? "")")
                }
                guard result.state.memberCount == members else {
                    throw ValidationError("loaded \(result.state.memberCount) members, generated \(members)")
                }
                loadTimes.append(seconds)
                var oneCore = DesiredStateLoader()
                oneCore.parallel = false
                let (alone, aloneSeconds) = Stopwatch.time { oneCore.load(sources: [("bench.yaml", bytes)]) }
                guard alone.state == result.state, alone.diagnostics == result.diagnostics else {
                    throw ValidationError("loading on one core gave another state than loading on every core")
                }
                oneCoreTimes.append(aloneSeconds)
            }
            let floor = Stopwatch.median(floorTimes)
            let load = Stopwatch.median(loadTimes)
            let tree = Stopwatch.median(treeTimes)
            perMember.append((members, load / Double(members)))
            table.add("load \(organizations) x 100 (\(bytes.count / 1_000_000) MB, \(events) events)",
                      measured: Stopwatch.seconds(load), limit: "floor " + Stopwatch.seconds(floor),
                      ratio: load / floor, target: .atMost(1.5))
            table.add("  of which the YAML parse (node tree; organizations decoded on the way)", measured: Stopwatch.seconds(tree),
                      limit: "floor " + Stopwatch.seconds(floor), ratio: tree / floor, target: .detail)
            let oneCore = Stopwatch.median(oneCoreTimes)
            table.add("  the same load on one core", measured: Stopwatch.seconds(oneCore),
                      limit: "floor " + Stopwatch.seconds(floor), ratio: oneCore / floor, target: .detail)
        }
        if perMember.count >= 2, let first = perMember.first, let last = perMember.last {
            table.add("load time per member, \(last.members) vs \(first.members) members",
                      measured: String(format: "%.0f ns", last.seconds * 1e9),
                      limit: String(format: "%.0f ns", first.seconds * 1e9),
                      ratio: last.seconds / first.seconds, target: .atMost(1.25))
        }
    }

    static func writeFile(_ path: String, _ bytes: [UInt8]) throws {
        guard let file = fopen(path, "wb") else { throw ValidationError("cannot write \(path)") }
        defer { fclose(file) }
        _ = bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file) }
    }
}
