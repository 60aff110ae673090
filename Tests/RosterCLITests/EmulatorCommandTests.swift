import Foundation
import Testing

/// `roster emulator` run as a process: the built `roster` binary beside the test bundle.
@Suite("roster emulator")
struct EmulatorCommandTests {
    static var repository: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
    }

    static var binary: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
            .deletingLastPathComponent().appendingPathComponent("roster")
    }

    struct Outcome {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs `roster` to completion (it is stopped after 30 seconds at the latest).
    func run(_ arguments: [String]) throws -> Outcome {
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = arguments
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let watchdog = DispatchWorkItem { [process] in if process.isRunning { process.terminate() } }
        DispatchQueue.global().asyncAfter(deadline: .now() + 30, execute: watchdog)
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        watchdog.cancel()
        return Outcome(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                       stderr: String(decoding: stderr, as: UTF8.self))
    }

    @Test("the roster binary has been built next to the tests")
    func binaryExists() {
        #expect(FileManager.default.isExecutableFile(atPath: Self.binary.path), "\(Self.binary.path)")
    }

    @Test("a bad snapshot fails at start with exit 1 and located messages, no stack trace")
    func badSnapshot() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("bad-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: file) }
        let json = """
            {"domain": "acme.eu.auth0.com",
             "users": [{"user_id": "auth0|1"}, {"user_id": "auth0|1"}],
             "organizations": [{"id": "org_1", "name": "a", "members": [{"user_id": "auth0|2"}]}]}
            """
        try Data(json.utf8).write(to: file)
        let outcome = try run(["emulator", "--state", file.path, "--port", "0"])
        #expect(outcome.status == 1)
        #expect(outcome.stdout.isEmpty)
        #expect(outcome.stderr == """
            \(file.path): error: $.users[1].user_id: duplicate user id "auth0|1" (first at $.users[0])
            \(file.path): error: $.organizations[0].members[0].user_id: "auth0|2" is not a user of the tenant (not in $.users)

            """)
    }

    @Test("a non-loopback host is refused without --allow-remote")
    func remoteHostRefused() throws {
        let example = Self.repository.appendingPathComponent("examples/acme/tenant.json").path
        let outcome = try run(["emulator", "--state", example, "--host", "0.0.0.0"])
        // Usage errors exit 1, like every other error (Roster's exit codes are 0, 1 and 2).
        #expect(outcome.status == 1)
        #expect(outcome.stderr.contains("--host 0.0.0.0 is not a loopback address"))
        #expect(outcome.stderr.contains("--allow-remote"))
    }

    @Test("the emulator prints its base URL on stdout and stops cleanly on SIGTERM")
    func servesAndStops() throws {
        let example = Self.repository.appendingPathComponent("examples/acme/tenant.json").path
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = ["emulator", "--state", example, "--port", "0"]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let watchdog = DispatchWorkItem { [process] in if process.isRunning { process.terminate() } }
        DispatchQueue.global().asyncAfter(deadline: .now() + 30, execute: watchdog)
        var line = Data()
        while !line.contains(0x0A) {
            let chunk = out.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line.append(chunk)
        }
        let url = String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(url.range(of: #"^http://127\.0\.0\.1:[0-9]+$"#, options: .regularExpression) != nil, "\(url)")
        process.terminate()
        process.waitUntilExit()
        watchdog.cancel()
        #expect(process.terminationStatus == 0)
    }
}
