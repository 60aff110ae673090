import Foundation

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
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.standardInput = FileHandle.nullDevice
        if let environment {
            process.environment = ProcessInfo.processInfo.environment
                .filter { !$0.key.hasPrefix("AUTH0_") && $0.key != "NO_COLOR" }
                .merging(environment) { $1 }
        }
        if let directory { process.currentDirectoryURL = directory }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let watchdog = DispatchWorkItem { [process] in if process.isRunning { process.terminate() } }
        DispatchQueue.global().asyncAfter(deadline: .now() + 60, execute: watchdog)
        defer { watchdog.cancel() }
        // Read both pipes before waiting, so a large output cannot fill a pipe and block.
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        // Close every pipe end now: a test run starts hundreds of processes, and leaked
        // descriptors make Foundation's Process.run, which lists /proc/self/fd, crash.
        for pipe in [out, err] {
            try? pipe.fileHandleForReading.close()
            try? pipe.fileHandleForWriting.close()
        }
        return Output(status: process.terminationStatus,
                      stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self))
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
