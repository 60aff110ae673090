import Foundation
import Testing

/// `roster apply` at a terminal, through util-linux `script`, which gives it a pseudo-terminal.
@Suite("roster apply at a terminal",
       .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script") && FileManager.default.fileExists(atPath: "/proc/self"),
                "needs util-linux script (Linux)"))
struct ConfirmationTests {
    /// Runs `roster ARGUMENTS` under `script`, typing `answer` after a moment.
    static func atTerminal(_ arguments: [String], answer: String) async throws -> String {
        let command = ([RosterProcess.executable.path] + arguments).map { "'\($0)'" }.joined(separator: " ")
        return try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(with: Result {
                    let process = Process()
                    process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
                    process.arguments = ["-qec", command, "/dev/null"]
                    process.currentDirectoryURL = repositoryRoot
                    let input = Pipe(), output = Pipe()
                    process.standardInput = input
                    process.standardOutput = output
                    process.standardError = output
                    try process.run()
                    Thread.sleep(forTimeInterval: 1.5)
                    input.fileHandleForWriting.write(Data((answer + "\n").utf8))
                    let data = output.fileHandleForReading.readDataToEndOfFile()
                    process.waitUntilExit()
                    return String(decoding: data, as: UTF8.self)
                })
            }
        }
    }

    @Test("it shows the plan and asks; anything but yes cancels and changes nothing, yes applies")
    func asks() async throws {
        let folder = try temporaryFolder([:])
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("plan.json").path
        let snapshot = repositoryRoot.appendingPathComponent("examples/acme/tenant.json").path
        let planned = try await RosterProcess.run(["plan", "examples/acme/orgs", "--emulator", snapshot, "--out", path],
                                                  in: repositoryRoot, environment: [:])
        #expect(planned.status == 0)
        let cancelled = try await Self.atTerminal(["apply", path, "--emulator", snapshot, "--no-color"], answer: "y")
        #expect(cancelled.contains("Plan: 1 member removal, 1 role removal in 1 organization."))
        #expect(cancelled.contains("Only \"yes\" is accepted"))
        #expect(cancelled.contains("Apply cancelled; nothing was changed."))
        #expect(!FileManager.default.fileExists(atPath: path + ".journal"))
        let applied = try await Self.atTerminal(["apply", path, "--emulator", snapshot, "--no-color"], answer: "yes")
        #expect(applied.contains("Apply: 2 done"))
    }
}
