import ChildProcessSupport
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
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("roster-out-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        // Files, not pipes: nothing to drain while the process is watched. posix_spawn, not
        // Foundation's Process, which can crash a long test run on Linux.
        let outURL = folder.appendingPathComponent("out"), errURL = folder.appendingPathComponent("err")
        let child = try SpawnedChild.start(
            executable.path, arguments, directory: nil,
            environment: ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("AUTH0_") }.merging(environment) { $1 },
            outputFiles: (outURL.path, errURL.path))
        var killed = false
        var ended: (code: Int32, signaled: Bool)?
        let deadline = Date().addingTimeInterval(120)
        while ended == nil {
            ended = child.poll()
            if ended != nil { break }
            if let killWhen, killWhen() {
                let (seconds, attoseconds) = killDelay.components
                usleep(useconds_t(seconds * 1_000_000 + attoseconds / 1_000_000_000_000))
                kill(child.pid, SIGKILL)
                killed = true
                break
            }
            if Date() > deadline { kill(child.pid, SIGTERM); break }
            usleep(1000)
        }
        let status = ended ?? child.waitStatus()
        return Output(status: status.code, killed: killed && status.signaled,
                      stdout: (try? String(contentsOf: outURL, encoding: .utf8)) ?? "",
                      stderr: (try? String(contentsOf: errURL, encoding: .utf8)) ?? "")
    }

    /// The number of complete lines in a file (0 when it does not exist).
    static func lineCount(_ path: String) -> Int {
        guard let data = FileManager.default.contents(atPath: path) else { return 0 }
        return data.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
    }
}
