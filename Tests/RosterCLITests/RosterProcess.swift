import Foundation
import ChildProcessSupport

/// Runs the built `roster` executable, as users and pipelines do.
enum RosterProcess {
    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The `roster` executable next to the test bundle.
    static let executable: URL = {
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        // On Linux the bundle is `.build/debug/RosterPackageTests.xctest`; on macOS the runner
        // lives inside it.
        while !FileManager.default.fileExists(atPath: directory.appendingPathComponent("roster").path),
              directory.path != "/" {
            directory.deleteLastPathComponent()
        }
        return directory.appendingPathComponent("roster")
    }()

    /// Runs `roster ARGUMENTS` in `directory` and returns its exit status and output.
    /// Standard input is /dev/null (not a terminal). With `environment`, the process gets
    /// the test's environment without any `AUTH0_*` or `NO_COLOR`, plus these variables.
    static func run(_ arguments: [String], in directory: URL? = nil, environment: [String: String]? = nil) throws -> Output {
        let merged = environment.map { extra in
            ProcessInfo.processInfo.environment
                .filter { !$0.key.hasPrefix("AUTH0_") && $0.key != "NO_COLOR" }
                .merging(extra) { $1 }
        }
        return try ChildProcess.runToEnd(executable.path, arguments, in: directory, environment: merged, timeout: 60)
    }
}

extension RosterProcess {
    /// ``run(_:in:environment:)`` on a thread of its own, so that waiting for the process
    /// never blocks the concurrency pool that an in-process emulator answers it from.
    static func run(
        _ arguments: [String], in directory: URL? = nil, environment: [String: String]? = nil
    ) async throws -> Output {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(with: Result { try run(arguments, in: directory, environment: environment) })
            }
        }
    }
}

/// Runs programs to their end and collects their output.
enum ChildProcess {
    /// Runs `executable` with standard input from /dev/null; `environment`, when given,
    /// replaces the test's. Both pipes are drained at the same time (standard error on a
    /// thread of its own), so a child that fills either pipe never blocks; a child still
    /// running after `timeout` seconds is terminated.
    static func runToEnd(_ executable: String, _ arguments: [String], in directory: URL? = nil,
                         environment: [String: String]? = nil, timeout: Double) throws -> RosterProcess.Output {
        // posix_spawn, not Foundation's Process: with many descriptors open, Process.run on
        // Linux can read past the end of a directory entry while it lists /proc/self/fd,
        // and crash the whole test run.
        let child = try SpawnedChild.start(executable, arguments, directory: directory?.path,
                                           environment: environment ?? ProcessInfo.processInfo.environment)
        let watchdog = DispatchWorkItem { kill(child.pid, SIGTERM) }
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: watchdog)
        let errRead = DispatchGroup()
        nonisolated(unsafe) var errData = Data()
        errRead.enter()
        Thread.detachNewThread {
            errData = SpawnedChild.readAll(child.stderr)
            errRead.leave()
        }
        let outData = SpawnedChild.readAll(child.stdout)
        errRead.wait()
        let status = child.wait()
        watchdog.cancel()
        return RosterProcess.Output(status: status,
                                    stdout: String(decoding: outData, as: UTF8.self),
                                    stderr: String(decoding: errData, as: UTF8.self))
    }

    /// ``runToEnd(_:_:in:environment:timeout:)`` on a thread of its own, so that waiting for
    /// the program never blocks the concurrency pool an in-process emulator answers from.
    static func run(_ executable: String, _ arguments: [String], in directory: URL? = nil,
                    environment: [String: String]? = nil, timeout: Double = 120) async throws -> RosterProcess.Output {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(with: Result {
                    try runToEnd(executable, arguments, in: directory, environment: environment, timeout: timeout)
                })
            }
        }
    }
}

/// A temporary folder holding the given files, removed by the caller.
func temporaryFolder(_ files: [String: String]) throws -> URL {
    let folder = FileManager.default.temporaryDirectory
        .appendingPathComponent("roster-cli-\(UUID().uuidString)")
    for (path, content) in files {
        let url = folder.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(content.utf8).write(to: url)
    }
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return folder
}

/// The repository's root folder.
let repositoryRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
