import Auth0Emulator
import Auth0Management
import Foundation
import Logging
import Roster
import RosterCore

/// The bundled example (examples/acme) served by in-process emulators, with the session
/// pointed at them. "The tenant moved" is a second emulator on a changed snapshot.
enum AcmeTenant {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static let orgs = repository.appendingPathComponent("examples/acme/orgs").path
    static let tenant = "acme.eu.auth0.com (test)"
    static let former = "auth0|64f1a2b3c4d5e6f7a8b9c0d3"
    static let ravi = "auth0|64f1a2b3c4d5e6f7a8b9c0d2"
    static let jane = "auth0|64f1a2b3c4d5e6f7a8b9c0d1"

    static var quiet: Logger {
        var logger = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }
        logger.logLevel = .critical
        return logger
    }

    static func snapshot() throws -> TenantSnapshot {
        try TenantSnapshot.load(contentsOf: repository.appendingPathComponent("examples/acme/tenant.json"))
    }

    /// Runs `body` with an emulator on `snapshot` and a client of it; returns the body's
    /// value and the emulator's final state.
    static func with<T>(
        _ snapshot: TenantSnapshot, configuration: EmulatorConfiguration = EmulatorConfiguration(),
        _ body: (ManagementAPIClient, RunningEmulator) async throws -> T
    ) async throws -> (T, TenantSnapshot) {
        let emulator = try await Emulator.start(snapshot: snapshot, configuration: configuration, logger: quiet)
        do {
            let configuration = try ManagementAPIConfiguration(
                domain: emulator.baseURL.absoluteString,
                retry: RetryPolicy(maxAttempts: 2, maxRateLimitedAttempts: 2, baseDelay: .milliseconds(1), maxDelay: .milliseconds(2)))
            let client = ManagementAPIClient(
                configuration: configuration,
                credentials: .clientCredentials(clientID: "roster-ci", clientSecret: Secret("roster-ci-secret")),
                logger: quiet)
            let value = try await body(client, emulator)
            let state = await emulator.snapshot()
            await emulator.shutdown()
            return (value, state)
        } catch {
            await emulator.shutdown()
            throw error
        }
    }

    /// Plans the example against `snapshot`, saves it in `folder` and returns it with its SHA-256.
    static func plan(_ snapshot: TenantSnapshot, in folder: URL, override: Bool = false,
                     paths: [String] = [orgs]) async throws -> (Plan, String, String) {
        let (plan, _) = try await with(snapshot) { client, _ in
            try await PlanSession(reader: client, tenant: tenant, rosterVersion: "test", logger: quiet)
                .plan(paths: paths, options: PlanOptions(overrideGuards: override)).plan
        }
        let path = folder.appendingPathComponent("plan.json").path
        let sha = try PlanFile.write(plan, to: path)
        return (plan, sha, path)
    }

    /// Applies a plan file against `snapshot`; `writer` wraps the client's writer.
    static func apply(
        _ path: String, to snapshot: TenantSnapshot, configuration: EmulatorConfiguration = EmulatorConfiguration(),
        readBack: ReadBackPolicy = ReadBackPolicy(attempts: 2, delay: .milliseconds(10)),
        writer wrap: @escaping @Sendable (any TenantWriter) -> any TenantWriter = { $0 },
        reader wrapReader: @escaping @Sendable (any TenantReader) -> any TenantReader = { $0 }
    ) async throws -> (ApplyReport, TenantSnapshot, [RequestCount]) {
        let ((report, counts), state) = try await with(snapshot, configuration: configuration) { client, emulator in
            let (plan, sha) = try PlanFile.read(path)
            let journal = try Journal(path: path + ".journal", planSHA256: sha)
            let applier = Applier(reader: wrapReader(client), writer: wrap(client), preflight: { try await client.checkScopes(forApplying: plan) },
                                  readBack: readBack, logger: quiet)
            let report = try await applier.apply(plan, journal: journal)
            await journal.close()
            return (report, await emulator.requestCounts())
        }
        return (report, state, counts)
    }

    static func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("roster-apply-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// The members of acme in a snapshot: user id to role ids.
    static func acme(_ snapshot: TenantSnapshot) -> [String: [String]] {
        let organization = snapshot.organizations.first { $0.name == "acme" }!
        return Dictionary(uniqueKeysWithValues: organization.members.map { ($0.userID, $0.roles.sorted()) })
    }

    /// The snapshot with acme's members changed by `change`.
    static func changingAcme(_ snapshot: TenantSnapshot, _ change: (inout [TenantSnapshot.Member]) -> Void) -> TenantSnapshot {
        var copy = snapshot
        let index = copy.organizations.firstIndex { $0.name == "acme" }!
        change(&copy.organizations[index].members)
        return copy
    }

    /// DELETE requests counted by the emulator for a route template fragment.
    static func deletes(_ counts: [RequestCount], _ route: String) -> Int {
        counts.filter { $0.method == "DELETE" && $0.route.hasSuffix(route) }.reduce(0) { $0 + $1.count }
    }
}

/// A writer that fails its `failing`-th call (1-based) with a 503 after retries; when
/// `applied`, the call is carried out first (the tenant made the change, and the answer
/// was an error all the same).
final class FailingWriter: TenantWriter, Sendable {
    private let base: any TenantWriter
    private let failing: Int
    private let applied: Bool
    private let calls = CallCounter()
    let memberRemovalBatchSize: Int

    init(_ base: any TenantWriter, failing: Int, applied: Bool = false, memberRemovalBatchSize: Int = 50) {
        self.base = base
        self.failing = failing
        self.applied = applied
        self.memberRemovalBatchSize = memberRemovalBatchSize
    }

    func removeMembers(organizationID: String, userIDs: [String]) async throws -> WriteOutcome {
        try await call { try await self.base.removeMembers(organizationID: organizationID, userIDs: userIDs) }
    }

    func removeRoles(organizationID: String, userID: String, roleIDs: [String]) async throws -> WriteOutcome {
        try await call { try await self.base.removeRoles(organizationID: organizationID, userID: userID, roleIDs: roleIDs) }
    }

    func addMembers(organizationID: String, userIDs: [String]) async throws -> WriteOutcome {
        try await call { try await self.base.addMembers(organizationID: organizationID, userIDs: userIDs) }
    }

    func addRoles(organizationID: String, userID: String, roleIDs: [String]) async throws -> WriteOutcome {
        try await call { try await self.base.addRoles(organizationID: organizationID, userID: userID, roleIDs: roleIDs) }
    }

    private func call(_ write: () async throws -> WriteOutcome) async throws -> WriteOutcome {
        let fails = await calls.next() == failing
        if fails && !applied { throw Self.injected }
        let outcome = try await write()
        if fails { throw Self.injected }
        return outcome
    }

    private static let injected = ManagementAPIError.serverError(
        endpoint: Endpoint(method: "DELETE", path: "/api/v2/organizations"), status: 503,
        message: "injected", errorCode: nil, attempts: 2)
}

actor CallCounter {
    private var count = 0
    func next() -> Int {
        count += 1
        return count
    }
}

/// A writer that, on its first call, first runs `meddle`: another change to the tenant made
/// while apply runs.
final class MeddlingWriter: TenantWriter, Sendable {
    private let base: any TenantWriter
    private let meddle: @Sendable () async throws -> WriteOutcome
    private let calls = CallCounter()

    init(_ base: any TenantWriter, meddle: @escaping @Sendable () async throws -> WriteOutcome) {
        self.base = base
        self.meddle = meddle
    }

    func removeMembers(organizationID: String, userIDs: [String]) async throws -> WriteOutcome {
        if await calls.next() == 1 { _ = try await meddle() }
        return try await base.removeMembers(organizationID: organizationID, userIDs: userIDs)
    }

    func removeRoles(organizationID: String, userID: String, roleIDs: [String]) async throws -> WriteOutcome {
        if await calls.next() == 1 { _ = try await meddle() }
        return try await base.removeRoles(organizationID: organizationID, userID: userID, roleIDs: roleIDs)
    }
    func addMembers(organizationID: String, userIDs: [String]) async throws -> WriteOutcome {
        if await calls.next() == 1 { _ = try await meddle() }
        return try await base.addMembers(organizationID: organizationID, userIDs: userIDs)
    }

    func addRoles(organizationID: String, userID: String, roleIDs: [String]) async throws -> WriteOutcome {
        if await calls.next() == 1 { _ = try await meddle() }
        return try await base.addRoles(organizationID: organizationID, userID: userID, roleIDs: roleIDs)
    }
}

/// A writer whose multi-role removals take only the first role, then answer as Auth0 does
/// when one of the roles no longer exists.
final class PartlyGoneRolesWriter: TenantWriter, Sendable {
    private let base: any TenantWriter

    init(_ base: any TenantWriter) { self.base = base }

    func removeMembers(organizationID: String, userIDs: [String]) async throws -> WriteOutcome {
        try await base.removeMembers(organizationID: organizationID, userIDs: userIDs)
    }

    func removeRoles(organizationID: String, userID: String, roleIDs: [String]) async throws -> WriteOutcome {
        _ = try await base.removeRoles(organizationID: organizationID, userID: userID, roleIDs: [roleIDs[0]])
        return .alreadyGone(message: "No such role with id: \(roleIDs.last!)")
    }
    func addMembers(organizationID: String, userIDs: [String]) async throws -> WriteOutcome {
        try await base.addMembers(organizationID: organizationID, userIDs: userIDs)
    }

    func addRoles(organizationID: String, userID: String, roleIDs: [String]) async throws -> WriteOutcome {
        try await base.addRoles(organizationID: organizationID, userID: userID, roleIDs: roleIDs)
    }
}

/// A reader whose reads fail from the `failingFrom`-th on (1-based).
final class FailingReader: TenantReader, Sendable {
    private let base: any TenantReader
    private let failingFrom: Int
    private let calls = CallCounter()

    init(_ base: any TenantReader, failingFrom: Int) {
        self.base = base
        self.failingFrom = failingFrom
    }

    func readCurrentState(of desired: DesiredState, progress: (any ProgressReporter)?) async throws -> TenantState {
        if await calls.next() >= failingFrom {
            throw ManagementAPIError.serverError(
                endpoint: Endpoint(method: "GET", path: "/api/v2/organizations"), status: 503,
                message: "injected", errorCode: nil, attempts: 2)
        }
        return try await base.readCurrentState(of: desired, progress: progress)
    }
}
