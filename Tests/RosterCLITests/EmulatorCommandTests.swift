import Foundation
#if canImport(Glibc)
import Glibc
#endif
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

    @Test("only localhost and literal loopback addresses pass the --host check",
          arguments: [("localhost", true), ("127.0.0.1", true), ("127.1.2.3", true), ("::1", true), ("[::1]", true),
                      ("127.evil.example", false), ("127.0.0.1.evil.example", false), ("0.0.0.0", false),
                      ("128.0.0.1", false), ("::", false), ("::2", false), ("localhost.evil.example", false)])
    func loopbackCheck(_ host: String, _ accepted: Bool) throws {
        // A missing state file fails after validation, so the host check's verdict shows in stderr.
        let outcome = try run(["emulator", "--state", "/nonexistent/tenant.json", "--host", host])
        #expect(outcome.status == 1)
        #expect(outcome.stderr.contains("is not a loopback address") == !accepted, "\(host): \(outcome.stderr)")
    }

    @Test("latency plus jitter over ten minutes is refused")
    func latencyCap() throws {
        let outcome = try run(["emulator", "--state", "/nonexistent/tenant.json",
                               "--latency-ms", "400000", "--latency-jitter-ms", "300000"])
        #expect(outcome.status == 1)
        #expect(outcome.stderr.contains("--latency-ms plus --latency-jitter-ms must be at most 600000"), "\(outcome.stderr)")
    }

    @Test("a second SIGTERM exits at once with status 143 while the first waits for requests in flight")
    func secondSignalExits() throws {
        let example = Self.repository.appendingPathComponent("examples/acme/tenant.json").path
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = ["emulator", "--state", example, "--port", "0", "--latency-ms", "60000"]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let watchdog = DispatchWorkItem { [process] in if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        DispatchQueue.global().asyncAfter(deadline: .now() + 30, execute: watchdog)
        defer { watchdog.cancel() }
        var line = Data()
        while !line.contains(0x0A) {
            let chunk = out.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line.append(chunk)
        }
        let url = String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        let port = try #require(url.split(separator: ":").last.flatMap { UInt16($0) }, "\(url)")
        // A request held by the 60-second latency keeps the graceful shutdown waiting.
        let socket = try #require(Self.connect(port: port))
        defer { close(socket) }
        let request = "GET /api/v2/roles HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
        _ = request.withCString { write(socket, $0, strlen($0)) }
        Thread.sleep(forTimeInterval: 0.3)
        kill(process.processIdentifier, SIGTERM)
        Thread.sleep(forTimeInterval: 0.3)
        #expect(process.isRunning, "the first signal waits for the request in flight")
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 143)
    }

    /// A TCP connection to 127.0.0.1:port, or nil.
    static func connect(port: UInt16) -> Int32? {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return nil }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        if result != 0 {
            close(fd)
            return nil
        }
        return fd
    }

}
