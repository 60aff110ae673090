import Foundation
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle

/// Starts local Auth0 Management API emulators.
public enum Emulator {
    /// Why an emulator could not start.
    public enum StartError: Error, CustomStringConvertible {
        /// The snapshot is not usable.
        case invalidSnapshot(SnapshotError)
        /// The configuration is not usable, e.g. a rate limit of 0 per second.
        case invalidConfiguration(String)
        /// The `--persist` state file cannot be written.
        case stateFile(path: String, underlying: String)
        /// The server could not bind or run.
        case server(host: String, port: Int, underlying: String)

        /// A message a person can act on.
        public var description: String {
            switch self {
            case .invalidSnapshot(let error): error.description
            case .invalidConfiguration(let message): "invalid emulator configuration: \(message)"
            case .stateFile(let path, let underlying):
                "cannot write the state file \(path): \(underlying) (persistence writes every change back to it)"
            case .server(let host, let port, let underlying):
                "cannot serve on \(host):\(port): \(underlying)"
            }
        }
    }

    /// Validates the snapshot, writes it to the state file when persistence is on, binds the configured address (127.0.0.1 and a free port by
    /// default) and serves until ``RunningEmulator/shutdown()``.
    ///
    /// - Parameter logger: where the emulator logs; request lines go at debug level and never
    ///   contain secrets or tokens.
    public static func start(
        snapshot: TenantSnapshot,
        configuration: EmulatorConfiguration = EmulatorConfiguration(),
        logger: Logger
    ) async throws -> RunningEmulator {
        let problems = snapshot.validate()
        if !problems.isEmpty {
            throw StartError.invalidSnapshot(SnapshotError(source: "<snapshot>", problems: problems))
        }
        try check(configuration)
        if let persistURL = configuration.persistURL {
            // Written once now, so that an unwritable path fails here and not at the first change.
            do {
                try SnapshotWriter.replace(persistURL, with: snapshot.encodedJSON())
            } catch {
                throw StartError.stateFile(path: persistURL.path, underlying: "\(error)")
            }
        }

        let store = TenantStore(
            snapshot: snapshot, consistencyDelay: configuration.consistencyDelay,
            persistURL: configuration.persistURL, logger: logger)
        let issuer = TokenIssuer(domain: snapshot.domain)
        let requestLog = RequestLog(keepsEntries: configuration.keepsRequestLog)
        let router = Router(context: EmulatorRequestContext.self)
        router.add(middleware: RequestLogMiddleware(log: requestLog))
        router.add(middleware: RateLimitMiddleware(limiter: configuration.rateLimit.map(RateLimiter.init)))
        router.add(middleware: ErrorMiddleware(maxBodyBytes: configuration.maxBodyBytes))

        TokenRoutes(store: store, issuer: issuer, tokenLifetime: configuration.tokenLifetime,
                    maxBodyBytes: configuration.maxBodyBytes).register(on: router)
        let api = router.group("api/v2")
            .add(middleware: FaultMiddleware(
                injector: configuration.faults.isActive ? FaultInjector(configuration: configuration.faults) : nil,
                log: requestLog))
            .add(middleware: AuthMiddleware(issuer: issuer))
        OrganizationRoutes(store: store).register(on: api)
        MemberRoutes(store: store, maxBodyBytes: configuration.maxBodyBytes).register(on: api)
        MemberRoleRoutes(store: store, maxBodyBytes: configuration.maxBodyBytes).register(on: api)
        RoleRoutes(store: store).register(on: api)
        UserRoutes(store: store).register(on: api)

        let (started, startedContinuation) = AsyncStream<Result<Int, any Error>>.makeStream()
        let app = Application(
            router: router,
            configuration: .init(
                address: .hostname(configuration.host, port: configuration.port),
                serverName: nil),
            onServerRunning: { channel in
                startedContinuation.yield(.success(channel.localAddress?.port ?? configuration.port))
            },
            logger: logger)
        let serviceGroup = ServiceGroup(
            configuration: .init(services: [app], gracefulShutdownSignals: [], logger: logger))
        let task = Task {
            do {
                try await serviceGroup.run()
                startedContinuation.yield(.failure(CancellationError()))
            } catch {
                startedContinuation.yield(.failure(error))
                throw error
            }
        }
        var iterator = started.makeAsyncIterator()
        switch await iterator.next() {
        case .success(let port)?:
            let host = configuration.host.contains(":") ? "[\(configuration.host)]" : configuration.host
            guard let baseURL = URL(string: "http://\(host):\(port)") else {
                task.cancel()
                throw StartError.invalidConfiguration("\"\(configuration.host)\" is not a usable host name")
            }
            logger.info("Auth0 emulator listening", metadata: [
                "url": "\(baseURL.absoluteString)", "domain": "\(snapshot.domain)",
            ])
            return RunningEmulator(
                baseURL: baseURL, port: port, store: store, requestLog: requestLog,
                serviceGroup: serviceGroup, task: task)
        case .failure(let error)?:
            task.cancel()
            throw StartError.server(host: configuration.host, port: configuration.port, underlying: "\(error)")
        case nil:
            throw StartError.server(host: configuration.host, port: configuration.port, underlying: "stopped")
        }
    }

    private static func check(_ configuration: EmulatorConfiguration) throws {
        if let rateLimit = configuration.rateLimit {
            guard rateLimit.requestsPerSecond > 0, rateLimit.requestsPerSecond.isFinite else {
                throw StartError.invalidConfiguration("the rate limit must be a positive number of requests per second")
            }
            guard rateLimit.burst >= 1 else {
                throw StartError.invalidConfiguration("the burst must be at least 1")
            }
        }
        let faults = configuration.faults
        for (name, rate) in [("error rate", faults.errorRate), ("drop rate", faults.dropRate),
                             ("applied-but-unavailable rate", faults.appliedButUnavailableRate)]
            where !(0 ... 1).contains(rate) {
            throw StartError.invalidConfiguration("the \(name) must be between 0 and 1, found \(rate)")
        }
        guard faults.minimumLatency >= .zero, faults.maximumLatency >= faults.minimumLatency,
              faults.maximumLatency <= .seconds(600)
        else {
            throw StartError.invalidConfiguration("latency must satisfy 0 <= minimum <= maximum <= 10 minutes")
        }
        guard configuration.consistencyDelay >= .zero, configuration.consistencyDelay <= .seconds(86_400) else {
            throw StartError.invalidConfiguration("the consistency delay must be between 0 and 1 day")
        }
        guard (0 ... 315_360_000).contains(configuration.tokenLifetime) else {
            throw StartError.invalidConfiguration("the token lifetime must be between 0 seconds and 10 years")
        }
        guard configuration.maxBodyBytes > 0 else {
            throw StartError.invalidConfiguration("the largest request body must be at least 1 byte, found \(configuration.maxBodyBytes)")
        }
        guard (0 ... 65_535).contains(configuration.port) else {
            throw StartError.invalidConfiguration("the port must be between 0 and 65535, found \(configuration.port)")
        }
    }
}
