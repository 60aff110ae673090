import Auth0Management
import Foundation
import RosterCore

extension PlanSession {
    /// What a drift session produced.
    public struct DriftResult: Sendable {
        /// The report, stamped with the tenant, the time and Roster's version.
        public var report: DriftReport
        /// Warnings of the desired state, to show.
        public var warnings: [Diagnostic]
    }

    /// Reads the tenant (read-only) and reports every difference from the desired state in
    /// `paths`. Unlike ``plan(paths:options:selection:progress:)`` it never refuses: names that
    /// do not resolve and organizations that do not exist are drift too.
    ///
    /// - Throws: ``SessionError`` for invalid files or an unknown `--org`;
    ///   ``ManagementAPIError`` for the tenant.
    public func drift(paths: [String], selection: OrganizationSelection = .all,
                      progress: (any ProgressReporter)? = nil) async throws -> DriftResult {
        let loaded = try load(paths: paths, selection: selection)
        let current = try await reader.readCurrentState(of: loaded.state, progress: progress)
        var report = DriftAnalyzer.report(desired: loaded.state, current: current)
        report.tenant = tenant
        report.rosterVersion = rosterVersion
        report.createdAt = stamp
        return DriftResult(report: report, warnings: loaded.diagnostics)
    }
}
