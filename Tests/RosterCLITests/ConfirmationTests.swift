import Foundation
import Testing

/// `roster apply` at a terminal, through util-linux `script`, which gives it a pseudo-terminal.
@Suite("roster apply at a terminal",
       .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script") && FileManager.default.fileExists(atPath: "/proc/self"),
                "needs util-linux script (Linux)"))
struct ConfirmationTests {
    static let prompt = "Only \"yes\" is accepted"

    /// Runs `roster ARGUMENTS` under `script`, types `answer` once the prompt shows, and
    /// returns everything shown and the exit status (`script -e` passes on roster's).
    static func atTerminal(_ arguments: [String], answer: String) async throws -> (output: String, status: Int32) {
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
                    let watchdog = DispatchWorkItem { [process] in if process.isRunning { process.terminate() } }
                    DispatchQueue.global().asyncAfter(deadline: .now() + 60, execute: watchdog)
                    defer { watchdog.cancel() }
                    var data = Data()
                    while !String(decoding: data, as: UTF8.self).contains(prompt) {
                        let chunk = output.fileHandleForReading.availableData
                        if chunk.isEmpty { break }
                        data.append(chunk)
                    }
                    input.fileHandleForWriting.write(Data((answer + "\n").utf8))
                    data.append(output.fileHandleForReading.readDataToEndOfFile())
                    process.waitUntilExit()
                    return (String(decoding: data, as: UTF8.self), process.terminationStatus)
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
        let (cancelled, cancelledStatus) = try await Self.atTerminal(["apply", path, "--emulator", snapshot, "--no-color"], answer: "y")
        #expect(cancelledStatus == 1)
        #expect(cancelled.contains("Plan: 1 member removal, 1 role removal in 1 organization."))
        #expect(cancelled.contains(Self.prompt))
        #expect(cancelled.contains("Apply cancelled; nothing was changed."))
        #expect(!FileManager.default.fileExists(atPath: path + ".journal"))
        let (applied, appliedStatus) = try await Self.atTerminal(["apply", path, "--emulator", snapshot, "--no-color"], answer: "yes")
        #expect(appliedStatus == 0, "\(applied)")
        #expect(applied.contains("Apply: 2 done"))
    }
}
