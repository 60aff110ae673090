import Auth0Emulator
import Foundation
import Logging
import Testing

/// An in-process emulator for `roster` processes to talk to with `--domain` and
/// credentials in the environment, as a pipeline does.
struct EmulatedTenant {
    static let secret = "roster-ci-secret"
    let emulator: RunningEmulator

    static var acme: TenantSnapshot {
        get throws { try TenantSnapshot.load(contentsOf: repositoryRoot.appendingPathComponent("examples/acme/tenant.json")) }
    }

    /// Runs `body` with an emulator on `snapshot`; returns the emulator's final state.
    @discardableResult
    static func with(_ snapshot: TenantSnapshot, _ body: (EmulatedTenant) async throws -> Void) async throws -> TenantSnapshot {
        var logger = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }
        logger.logLevel = .critical
        let emulator = try await Emulator.start(snapshot: snapshot, logger: logger)
        do {
            try await body(EmulatedTenant(emulator: emulator))
            let state = await emulator.snapshot()
            await emulator.shutdown()
            return state
        } catch {
            await emulator.shutdown()
            throw error
        }
    }

    /// `--domain http://127.0.0.1:PORT`.
    var domain: [String] { ["--domain", emulator.baseURL.absoluteString] }

    /// The credentials, as a pipeline sets them.
    var environment: [String: String] { ["AUTH0_CLIENT_ID": "roster-ci", "AUTH0_CLIENT_SECRET": Self.secret] }

    /// Runs `roster` from the repository's root against this tenant.
    func roster(_ arguments: [String]) async throws -> RosterProcess.Output {
        try await RosterProcess.run(arguments + domain, in: repositoryRoot, environment: environment)
    }

    /// DELETE requests answered so far.
    func deletes() async -> Int {
        await emulator.requestCounts().filter { $0.method == "DELETE" }.reduce(0) { $0 + $1.count }
    }
}

/// Compares text with a golden file under `Tests/RosterCLITests/Snapshots/`; with
/// `ROSTER_UPDATE_SNAPSHOTS=1` writes it instead (and records an issue).
func assertGolden(_ text: String, _ name: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots/\(name)")
    if ProcessInfo.processInfo.environment["ROSTER_UPDATE_SNAPSHOTS"] == "1" {
        try Data(text.utf8).write(to: url)
        Issue.record("wrote \(name); run again without ROSTER_UPDATE_SNAPSHOTS", sourceLocation: sourceLocation)
        return
    }
    #expect(text == (try String(contentsOf: url, encoding: .utf8)), "\(name) differs", sourceLocation: sourceLocation)
}

/// The acme members of a snapshot: user id to role ids.
func acmeMembers(_ snapshot: TenantSnapshot) -> [String: [String]] {
    let organization = snapshot.organizations.first { $0.name == "acme" }!
    return Dictionary(uniqueKeysWithValues: organization.members.map { ($0.userID, $0.roles.sorted()) })
}
