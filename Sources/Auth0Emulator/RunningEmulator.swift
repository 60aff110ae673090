import Foundation
import ServiceLifecycle

/// A started emulator: its address, its request log and state, and a way to stop it.
public final class RunningEmulator: Sendable {
    /// The base URL, e.g. `http://127.0.0.1:4010`; the Management API is under `/api/v2/`.
    public let baseURL: URL
    /// The bound port.
    public let port: Int
    private let store: TenantStore
    private let log: RequestLog
    private let serviceGroup: ServiceGroup
    private let task: Task<Void, any Error>

    init(
        baseURL: URL, port: Int, store: TenantStore, requestLog: RequestLog,
        serviceGroup: ServiceGroup, task: Task<Void, any Error>
    ) {
        self.baseURL = baseURL
        self.port = port
        self.store = store
        self.log = requestLog
        self.serviceGroup = serviceGroup
        self.task = task
    }

    /// The token audience that clients of this emulator use: `<baseURL>/api/v2/`.
    public var audience: String { baseURL.absoluteString + "/api/v2/" }

    /// The requests handled so far, in order of completion; empty unless the configuration's
    /// ``EmulatorConfiguration/keepsRequestLog`` is on (the default for the library).
    public func requestLog() async -> [RequestLogEntry] { await log.all() }

    /// How many requests each endpoint (method, route template, status) has answered.
    /// Always kept, whatever ``EmulatorConfiguration/keepsRequestLog`` says.
    public func requestCounts() async -> [RequestCount] { await log.counts() }

    /// Forgets the requests handled so far, and the counters.
    public func clearRequestLog() async { await log.clear() }

    /// The current state, in the snapshot format.
    public func snapshot() async -> TenantSnapshot { await store.snapshot() }

    /// Stops serving (gracefully: requests in flight are answered) and waits until the
    /// server has closed.
    public func shutdown() async {
        await serviceGroup.triggerGracefulShutdown()
        _ = await task.result
    }

    /// Waits until the server stops (after ``shutdown()`` or a server failure).
    public func waitUntilStopped() async throws {
        try await withTaskCancellationHandler {
            try await task.value
        } onCancel: {
            task.cancel()
        }
    }
}
