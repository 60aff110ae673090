import Auth0Emulator
import Auth0Management
import Foundation
import Logging
import Roster
import RosterCore

/// Scenarios 3 to 5: `plan` and `apply` over HTTP against the in-process emulator, with and
/// without a rate limit; requests are counted by the emulator.
struct HTTPBenchmark {
    /// What one run against the emulator measured.
    struct Measurement {
        var seconds: Double
        /// Every request the emulator answered, the token request and 429s included.
        var requests: Int
        var rateLimited: Int
        var writes: Int
        var plan: Plan
    }

    static let quiet: Logger = {
        var logger = Logger(label: "roster-bench") { _ in SwiftLogNoOpLogHandler() }
        logger.logLevel = .critical
        return logger
    }()

    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("roster-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    func cleanUp() { try? FileManager.default.removeItem(at: folder) }

    /// Plans the fixture's files against an emulator of its tenant.
    func plan(_ fixture: TenantFixture, rateLimit: RateLimitConfiguration?) async throws -> Measurement {
        let path = try write(fixture)
        return try await withEmulator(fixture, rateLimit: rateLimit) { emulator in
            let client = try Self.client(of: emulator)
            let (result, seconds) = try await Stopwatch.time {
                try await PlanSession(reader: client, tenant: TenantFixture.domain, rosterVersion: "bench", logger: Self.quiet)
                    .plan(paths: [path], options: PlanOptions())
            }
            return try await Self.measurement(of: emulator, seconds: seconds, plan: result.plan)
        }
    }

    /// Plans the fixture (not measured), then applies the plan with a new client (measured).
    func apply(_ fixture: TenantFixture, rateLimit: RateLimitConfiguration?) async throws -> Measurement {
        let path = try write(fixture)
        return try await withEmulator(fixture, rateLimit: rateLimit) { emulator in
            let plan = try await PlanSession(
                reader: try Self.client(of: emulator), tenant: TenantFixture.domain, rosterVersion: "bench", logger: Self.quiet
            ).plan(paths: [path], options: PlanOptions()).plan
            let planPath = folder.appendingPathComponent("plan-\(UUID().uuidString).json").path
            let sha = try PlanFile.write(plan, to: planPath)
            let journal = try Journal(path: planPath + ".journal", planSHA256: sha)
            await emulator.clearRequestLog()
            let client = try Self.client(of: emulator)
            let applier = Applier(reader: client, writer: client, preflight: { try await client.checkScopes(for: .apply) },
                                  logger: Self.quiet)
            let (report, seconds) = try await Stopwatch.time { try await applier.apply(plan, journal: journal) }
            await journal.close()
            guard report.succeeded else { throw BenchError("the apply did not succeed:\n" + report.renderedText()) }
            return try await Self.measurement(of: emulator, seconds: seconds, plan: plan)
        }
    }

    private func write(_ fixture: TenantFixture) throws -> String {
        let path = folder.appendingPathComponent("orgs-\(UUID().uuidString).yaml").path
        try LoadBenchmark.writeFile(path, fixture.yaml)
        return path
    }

    private func withEmulator<T>(_ fixture: TenantFixture, rateLimit: RateLimitConfiguration?,
                                 _ body: (RunningEmulator) async throws -> T) async throws -> T {
        let emulator = try await Emulator.start(
            snapshot: fixture.snapshot,
            configuration: EmulatorConfiguration(rateLimit: rateLimit, keepsRequestLog: false), logger: Self.quiet)
        do {
            let value = try await body(emulator)
            await emulator.shutdown()
            return value
        } catch {
            await emulator.shutdown()
            throw error
        }
    }

    private static func client(of emulator: RunningEmulator) throws -> ManagementAPIClient {
        ManagementAPIClient(
            configuration: try ManagementAPIConfiguration(domain: emulator.baseURL.absoluteString),
            credentials: .clientCredentials(clientID: TenantFixture.clientID, clientSecret: Secret(TenantFixture.clientSecret)),
            logger: quiet)
    }

    private static func measurement(of emulator: RunningEmulator, seconds: Double, plan: Plan) async throws -> Measurement {
        let counts = await emulator.requestCounts()
        let unexpected = counts.filter { ![200, 204, 429].contains($0.status ?? 0) }
        guard unexpected.isEmpty else { throw BenchError("unexpected answers: \(unexpected)") }
        return Measurement(
            seconds: seconds, requests: counts.reduce(0) { $0 + $1.count },
            rateLimited: counts.filter { $0.status == 429 }.reduce(0) { $0 + $1.count },
            writes: counts.filter { $0.method == "DELETE" && $0.status != 429 }.reduce(0) { $0 + $1.count },
            plan: plan)
    }
}

/// A benchmark that could not run as designed.
struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
