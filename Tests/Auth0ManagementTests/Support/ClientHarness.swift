import Auth0Emulator
import Auth0Management
import Foundation
import Logging

/// An emulator on 127.0.0.1 with a free port, and clients pointed at it.
struct ClientHarness {
    let emulator: RunningEmulator
    let logs: CapturedLogs

    /// Retries fast, so that fault tests take milliseconds per retry, not seconds.
    static let fastRetry = RetryPolicy(
        maxAttempts: 8, maxRateLimitedAttempts: 20, baseDelay: .milliseconds(5), maxDelay: .milliseconds(40))

    static let quietLogger: Logger = {
        var logger = Logger(label: "emulator", factory: { _ in SwiftLogNoOpLogHandler() })
        logger.logLevel = .critical
        return logger
    }()

    /// Runs `body` with a started emulator, shutting it down afterwards even on failure.
    static func with<T>(
        _ snapshot: TenantSnapshot,
        configuration: EmulatorConfiguration = EmulatorConfiguration(),
        _ body: (ClientHarness) async throws -> T
    ) async throws -> T {
        let emulator = try await Emulator.start(snapshot: snapshot, configuration: configuration, logger: quietLogger)
        let harness = ClientHarness(emulator: emulator, logs: CapturedLogs())
        do {
            let result = try await body(harness)
            await emulator.shutdown()
            return result
        } catch {
            await emulator.shutdown()
            throw error
        }
    }

    /// The emulator's base URL as a domain for the client: `http://127.0.0.1:<port>`.
    var domain: String { emulator.baseURL.absoluteString }

    /// A client with client credentials (by default the all-scopes client).
    func client(
        clientID: String = TestTenant.clientID,
        concurrency: Int = 4,
        maxRequestsPerSecond: Double? = nil,
        retry: RetryPolicy = ClientHarness.fastRetry,
        deleteBatchSize: Int = 50
    ) throws -> ManagementAPIClient {
        let configuration = try ManagementAPIConfiguration(
            domain: domain, concurrency: concurrency, maxRequestsPerSecond: maxRequestsPerSecond, retry: retry,
            requestTimeout: .seconds(10), deleteBatchSize: deleteBatchSize)
        return ManagementAPIClient(
            configuration: configuration,
            credentials: .clientCredentials(clientID: clientID, clientSecret: Secret(TestTenant.secret)),
            logger: logs.logger())
    }

    /// A client with a pre-issued token.
    func client(token: String) throws -> ManagementAPIClient {
        let configuration = try ManagementAPIConfiguration(domain: domain, retry: ClientHarness.fastRetry)
        return ManagementAPIClient(configuration: configuration, credentials: .accessToken(Secret(token)), logger: logs.logger())
    }

    /// The Management API requests the emulator handled (the token endpoint left out).
    func apiRequests() async -> [RequestLogEntry] {
        await emulator.requestLog().filter { $0.path.hasPrefix("/api/v2/") }
    }
}
