import Foundation
import Testing

/// `roster-bench --quick`: the benchmark runs end to end, and its request counts equal the
/// minimum of docs/management-api.md exactly. Timings are never asserted here.
@Suite("roster-bench --quick")
struct QuickBenchmarkTests {
    /// The `roster-bench` executable next to the test bundle.
    static let executable: URL = {
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: directory.appendingPathComponent("roster-bench").path),
              directory.path != "/" {
            directory.deleteLastPathComponent()
        }
        return directory.appendingPathComponent("roster-bench")
    }()

    static func run(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.standardInput = FileHandle.nullDevice
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let watchdog = DispatchWorkItem { [process] in if process.isRunning { process.terminate() } }
        DispatchQueue.global().asyncAfter(deadline: .now() + 300, execute: watchdog)
        defer { watchdog.cancel() }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self))
    }

    @Test("a quick run measures every scenario and its request counts equal the minimum")
    func quickRun() throws {
        let result = try Self.run(["--quick"])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let rows = result.stdout.split(separator: "\n").filter { $0.hasPrefix("| ") }
        for scenario in ["load 10 x 100", "load 100 x 100", "plan 1000 memberships", "peak resident memory",
                         "plan over HTTP, 10 orgs x 100 members: requests", "a client reading roles per member",
                         "apply 200 member + 200 role removals, 2 orgs: writes",
                         "apply 200 member + 200 role removals, 2 orgs: requests"] {
            #expect(rows.contains { $0.contains(scenario) }, "no row for \(scenario) in:\n\(result.stdout)")
        }
        let counts = rows.filter { $0.contains("= 1.00x") }
        // Plan and apply: requests without a limit and under it; apply's writes.
        #expect(counts.count == 5, "\(result.stdout)")
        for row in counts {
            #expect(row.hasSuffix("| pass |"), "request count differs from the minimum: \(row)")
        }
        // The figures of a plan over 10 organizations of 100 members with 6 roles named:
        // a token, 10 lookups, 10 x 2 member pages and one role page.
        #expect(rows.contains { $0.contains("HTTP, 10 orgs x 100 members: requests | 32 requests | minimum 32 |") })
    }

    @Test("a run of only the loading scenario makes no requests")
    func scenariosCanBePicked() throws {
        let result = try Self.run(["--quick", "--scenarios", "load"])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stdout.contains("| load 10 x 100"))
        #expect(!result.stdout.contains("requests"))
    }
}
