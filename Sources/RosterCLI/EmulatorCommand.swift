import ArgumentParser
import Auth0Emulator
import Foundation
import Logging

/// `roster emulator`: serve a tenant snapshot as a local Auth0 Management API.
struct EmulatorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "emulator",
        abstract: "Serve a local Auth0 Management API from a tenant snapshot file.",
        discussion: """
            Serves the parts of the Auth0 Management API v2 that Roster uses (client \
            credentials tokens, organizations, members, member roles, roles, users by \
            email) with Auth0's wire format, errors, scopes, paging and rate limits. \
            Prints its base URL on standard output, logs to standard error, and runs \
            until interrupted. The snapshot format is described in docs/emulator.md.

            Examples:
              roster emulator --state examples/acme/tenant.json
              roster emulator --state tenant.json --port 0 --persist
              roster emulator --state tenant.json --rate-limit 2 --burst 10
              roster emulator --state tenant.json --fault-seed 7 --fault-error-rate 0.1
            """
    )

    @Option(name: .long, help: ArgumentHelp("The tenant snapshot (JSON) to serve.", valueName: "file"))
    var state: String

    @Option(name: .long, help: "The address to listen on; loopback unless --allow-remote.")
    var host: String = "127.0.0.1"

    @Option(name: .long, help: "The port to listen on; 0 picks a free port.")
    var port: Int = 4010

    @Flag(name: .long, help: "Write every change back to the state file (atomically).")
    var persist = false

    @Flag(name: .long, help: "Allow a non-loopback --host. The emulator holds client secrets.")
    var allowRemote = false

    @Option(name: .long, help: ArgumentHelp("Rate limit in requests per second (off by default).", valueName: "rps"))
    var rateLimit: Double?

    @Option(name: .long, help: "Token bucket size for --rate-limit (default: the rate, at least 1).")
    var burst: Int?

    @Option(name: .long, help: "Seed for reproducible fault injection.")
    var faultSeed: UInt64 = 0

    @Option(name: .long, help: ArgumentHelp("Probability (0-1) of a 500/502/503 answer.", valueName: "p"))
    var faultErrorRate: Double = 0

    @Option(name: .long, help: ArgumentHelp("Probability (0-1) of closing the connection unanswered.", valueName: "p"))
    var faultDropRate: Double = 0

    @Option(name: .long, help: ArgumentHelp("Probability (0-1) that a write is applied but answered 503.", valueName: "p"))
    var faultAppliedUnavailableRate: Double = 0

    @Option(name: .long, help: ArgumentHelp("Added latency per request, in milliseconds.", valueName: "ms"))
    var latencyMs: Int = 0

    @Option(name: .long, help: ArgumentHelp("Extra random latency up to this many milliseconds.", valueName: "ms"))
    var latencyJitterMs: Int = 0

    @Option(name: .long, help: ArgumentHelp("Seconds during which member lists still show the state before a write.", valueName: "seconds"))
    var consistencyDelay: Double = 0

    @Option(name: .long, help: .hidden)
    var tokenLifetime: Int = 86_400

    @Option(name: .long, help: "Log level on standard error: trace, debug, info, notice, warning, error.")
    var logLevel: String = "info"

    func validate() throws {
        if !allowRemote, !Self.isLoopback(host) {
            throw ValidationError(
                "--host \(host) is not a loopback address; the emulator holds client secrets. "
                    + "Pass --allow-remote to listen on it anyway.")
        }
        if !(0 ... 65_535).contains(port) { throw ValidationError("--port must be between 0 and 65535") }
        if let rateLimit, !(rateLimit > 0 && rateLimit <= 1_000_000) {
            throw ValidationError("--rate-limit must be a number of requests per second above 0, at most 1000000")
        }
        if burst != nil, rateLimit == nil { throw ValidationError("--burst needs --rate-limit") }
        if let burst, burst < 1 { throw ValidationError("--burst must be at least 1") }
        for (name, rate) in [("--fault-error-rate", faultErrorRate), ("--fault-drop-rate", faultDropRate),
                             ("--fault-applied-unavailable-rate", faultAppliedUnavailableRate)]
            where !(0 ... 1).contains(rate) {
            throw ValidationError("\(name) must be between 0 and 1")
        }
        if !(0 ... 600_000).contains(latencyMs) || !(0 ... 600_000).contains(latencyJitterMs) {
            throw ValidationError("--latency-ms and --latency-jitter-ms must be between 0 and 600000")
        }
        if latencyMs + latencyJitterMs > 600_000 {
            throw ValidationError("--latency-ms plus --latency-jitter-ms must be at most 600000 (10 minutes)")
        }
        if !(consistencyDelay >= 0 && consistencyDelay <= 86_400) {
            throw ValidationError("--consistency-delay must be between 0 and 86400 seconds")
        }
        if !(0 ... 315_360_000).contains(tokenLifetime) {
            throw ValidationError("--token-lifetime must be between 0 and 315360000 seconds")
        }
        if Logger.Level(rawValue: logLevel) == nil { throw ValidationError("unknown --log-level \(logLevel)") }
    }

    func run() async throws {
        var logger = Logger(label: "roster.emulator") { StreamLogHandler.standardError(label: $0) }
        logger.logLevel = Logger.Level(rawValue: logLevel) ?? .info
        let url = URL(fileURLWithPath: state)
        let snapshot: TenantSnapshot
        do {
            snapshot = try TenantSnapshot.load(contentsOf: url)
        } catch let error as SnapshotError {
            Console.err(error.description)
            throw ExitCode.failure
        }
        let configuration = EmulatorConfiguration(
            host: Self.bindAddress(host),
            port: port,
            persistURL: persist ? url : nil,
            rateLimit: rateLimit.map { RateLimitConfiguration(requestsPerSecond: $0, burst: burst ?? max(1, Int($0))) },
            faults: FaultConfiguration(
                seed: faultSeed,
                errorRate: faultErrorRate,
                dropRate: faultDropRate,
                appliedButUnavailableRate: faultAppliedUnavailableRate,
                minimumLatency: .milliseconds(latencyMs),
                maximumLatency: .milliseconds(latencyMs + latencyJitterMs)),
            consistencyDelay: .milliseconds(Int(consistencyDelay * 1000)),
            tokenLifetime: tokenLifetime,
            // A long-running server keeps per-endpoint counters only, not every request.
            keepsRequestLog: false)
        let emulator: RunningEmulator
        do {
            emulator = try await Emulator.start(snapshot: snapshot, configuration: configuration, logger: logger)
        } catch let error as Emulator.StartError {
            Self.printError(error.description)
            throw ExitCode.failure
        }
        // Watch for signals before announcing the URL: a script may stop us as soon as it reads it.
        let signals = SignalWatcher { await emulator.shutdown() }
        defer { signals.cancel() }
        Console.out(emulator.baseURL.absoluteString)
        do {
            try await emulator.waitUntilStopped()
        } catch is CancellationError {
        } catch {
            Self.printError("emulator stopped: \(error)")
            throw ExitCode.failure
        }
        for count in await emulator.requestCounts() {
            logger.info("served \(count)")
        }
        logger.info("Auth0 emulator stopped")
    }

    /// Whether a `--host` value is loopback: `localhost`, or a literal address in
    /// 127.0.0.0/8 or `::1` (bracketed or not), as `inet_pton` reads it. Names that merely
    /// start with `127.` (`127.evil.example`) are not.
    static func isLoopback(_ host: String) -> Bool {
        if host == "localhost" { return true }
        let address = bindAddress(host)
        var ipv4 = in_addr()
        if inet_pton(AF_INET, address, &ipv4) == 1 {
            return UInt32(bigEndian: ipv4.s_addr) >> 24 == 127
        }
        var ipv6 = in6_addr()
        if inet_pton(AF_INET6, address, &ipv6) == 1 {
            return withUnsafeBytes(of: &ipv6) { bytes in bytes.dropLast().allSatisfy { $0 == 0 } && bytes.last == 1 }
        }
        return false
    }

    /// The address to bind: `[::1]` without its brackets.
    static func bindAddress(_ host: String) -> String {
        host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
    }

    static func printError(_ message: String) {
        Console.err("error: \(message)")
    }
}
