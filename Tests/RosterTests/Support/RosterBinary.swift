import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs the built `roster` executable, and kills it with SIGKILL when asked: the crash a
/// pipeline runner's timeout or an out-of-memory killer inflicts.
enum RosterBinary {
    struct Output {
        var status: Int32
        var killed: Bool
        var stdout: String
        var stderr: String
    }

    /// The `roster` executable next to the test bundle.
    static let executable: URL = {
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: directory.appendingPathComponent("roster").path), directory.path != "/" {
            directory.deleteLastPathComponent()
        }
        return directory.appendingPathComponent("roster")
    }()

    /// Runs `roster ARGUMENTS` with these environment variables (and no other `AUTH0_*`);
    /// when `killWhen` returns true (checked every millisecond while it runs), waits
    /// `killDelay` more and sends SIGKILL.
    /// Waits on a thread of its own, never on the concurrency pool an in-process emulator
    /// answers from.
    static func run(_ arguments: [String], environment: [String: String],
                    killWhen: (@Sendable () -> Bool)? = nil, killDelay: Duration = .zero) async throws -> Output {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(with: Result { try runBlocking(arguments, environment: environment, killWhen: killWhen,
                                                                   killDelay: killDelay) })
            }
        }
    }

    private static func runBlocking(_ arguments: [String], environment: [String: String],
                                    killWhen: (@Sendable () -> Bool)?, killDelay: Duration) throws -> Output {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.standardInput = FileHandle.nullDevice
        process.environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("AUTH0_") }.merging(environment) { $1 }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("roster-out-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        // Files, not pipes: nothing to drain while the process is watched.
        let outURL = folder.appendingPathComponent("out"), errURL = folder.appendingPathComponent("err")
        FileManager.default.createFile(atPath: outURL.path, contents: nil)
        FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let outHandle = try FileHandle(forWritingTo: outURL), errHandle = try FileHandle(forWritingTo: errURL)
        // Closed as soon as the process ends: leaked descriptors make Foundation's
        // Process.run, which lists /proc/self/fd, crash in long test runs.
        defer {
            try? outHandle.close()
            try? errHandle.close()
        }
        process.standardOutput = outHandle
        process.standardError = errHandle
        try process.run()
        var killed = false
        let deadline = Date().addingTimeInterval(120)
        while process.isRunning {
            if let killWhen, killWhen() {
                let (seconds, attoseconds) = killDelay.components
                usleep(useconds_t(seconds * 1_000_000 + attoseconds / 1_000_000_000_000))
                kill(process.processIdentifier, SIGKILL)
                killed = true
                break
            }
            if Date() > deadline { process.terminate(); break }
            usleep(1000)
        }
        process.waitUntilExit()
        return Output(status: process.terminationStatus, killed: killed && process.terminationReason == .uncaughtSignal,
                      stdout: (try? String(contentsOf: outURL, encoding: .utf8)) ?? "",
                      stderr: (try? String(contentsOf: errURL, encoding: .utf8)) ?? "")
    }

    /// The number of complete lines in a file (0 when it does not exist).
    static func lineCount(_ path: String) -> Int {
        guard let data = FileManager.default.contents(atPath: path) else { return 0 }
        return data.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
    }
}
