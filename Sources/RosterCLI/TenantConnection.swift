import ArgumentParser
import Auth0Emulator
import Auth0Management
import Foundation
import Logging

/// `--emulator SNAPSHOT`: run against an in-process emulator serving a copy of a snapshot.
struct EmulatorOption: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "Start an in-process Auth0 emulator on a copy of this tenant snapshot and use it instead of a tenant "
            + "(no credentials; the snapshot file is never changed).", valueName: "snapshot"))
    var emulator: String?
}

/// The tenant a command talks to: a real one (`--domain`, credentials from the
/// environment) or an in-process emulator (`--emulator`).
struct TenantConnection {
    /// The client.
    let client: ManagementAPIClient
    /// The tenant's name as plans record it: its domain, or `DOMAIN (emulator)`.
    let tenant: String
    private let emulator: RunningEmulator?

    /// Opens the connection the options ask for.
    static func open(connection: ConnectionOptions, emulator: EmulatorOption, logger: Logger) async throws -> TenantConnection {
        let environment = ProcessInfo.processInfo.environment
        guard let snapshotPath = emulator.emulator else {
            let configuration = try connection.configuration(environment: environment)
            let client = ManagementAPIClient(configuration: configuration,
                                             credentials: try connection.credentials(environment: environment), logger: logger)
            return TenantConnection(client: client, tenant: configuration.host, emulator: nil)
        }
        if connection.domain != nil { throw ValidationError("give --domain or --emulator, not both") }
        let snapshot: TenantSnapshot
        do {
            snapshot = try TenantSnapshot.load(contentsOf: URL(fileURLWithPath: snapshotPath))
        } catch let error as SnapshotError where error.problems.count == 1 {
            throw ValidationError("--emulator \(snapshotPath): \(error.problems[0])")
        } catch {
            // Several problems: each on a line of its own, compiler style, under the summary.
            throw ValidationError("--emulator \(snapshotPath) is not a usable tenant snapshot:\n\(error)")
        }
        return try await start(snapshot: snapshot, persistURL: nil, connection: connection, logger: logger)
    }

    /// Starts an emulator on a snapshot (written to `persistURL` as it changes, when given)
    /// and connects to it with the snapshot's own client.
    static func start(snapshot: TenantSnapshot, persistURL: URL?, connection: ConnectionOptions?,
                      logger: Logger) async throws -> TenantConnection {
        let needed = Set(ManagementOperation.apply.requiredScopes)
        guard let account = snapshot.clients.first(where: { needed.isSubset(of: Set($0.scopes)) }) else {
            throw ValidationError("the snapshot has no client with the scopes apply needs: "
                                  + needed.sorted().joined(separator: ", "))
        }
        var quiet = logger
        quiet.logLevel = .error
        let running = try await Emulator.start(
            snapshot: snapshot, configuration: EmulatorConfiguration(persistURL: persistURL, keepsRequestLog: false),
            logger: quiet)
        do {
            let configuration = try ManagementAPIConfiguration(
                domain: running.baseURL.absoluteString, concurrency: connection?.concurrency ?? 4,
                maxRequestsPerSecond: connection?.maxRequestsPerSecond)
            var client = ManagementAPIClient(
                configuration: configuration,
                credentials: .clientCredentials(clientID: account.clientID, clientSecret: Secret(account.clientSecret)),
                logger: logger)
            client.tenantName = "\(snapshot.domain) (emulator)"
            return TenantConnection(client: client, tenant: client.tenantName, emulator: running)
        } catch {
            await running.shutdown()
            throw error
        }
    }

    /// Stops the emulator, if any.
    func close() async {
        await emulator?.shutdown()
    }

    /// Runs `body` with the connection, closing it afterwards whatever happens.
    func use<T>(_ body: (TenantConnection) async throws -> T) async throws -> T {
        do {
            let value = try await body(self)
            await close()
            return value
        } catch {
            await close()
            throw error
        }
    }
}
