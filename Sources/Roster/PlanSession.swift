import Auth0Management
import Foundation
import Logging
import RosterCore
import RosterYAML

/// The `plan` half of Roster: load the desired state, read the tenant, plan, evaluate the
/// guards, and stamp the plan with the tenant, the time and Roster's version.
public struct PlanSession: Sendable {
    /// What a successful session produced.
    public struct Result: Sendable {
        /// The plan, guards passed (or overridden and recorded).
        public var plan: Plan
        /// Warnings of the desired state, to show.
        public var warnings: [Diagnostic]
    }

    let reader: any TenantReader
    let tenant: String
    let rosterVersion: String
    let now: @Sendable () -> Date
    let logger: Logger

    /// Creates a session reading through `reader` from the tenant named `tenant`.
    public init(reader: any TenantReader, tenant: String, rosterVersion: String,
                now: @escaping @Sendable () -> Date = { Date() }, logger: Logger) {
        self.reader = reader
        self.tenant = tenant
        self.rosterVersion = rosterVersion
        self.now = now
        self.logger = logger
    }

    /// Plans the desired state in `paths` against the tenant.
    ///
    /// - Throws: ``SessionError`` for invalid files or unresolved names; ``GuardsTripped``
    ///   (with the plan, to show it) when guards refuse it; ``ManagementAPIError`` for the tenant.
    public func plan(paths: [String], options: PlanOptions, selection: OrganizationSelection = .all,
                     progress: (any ProgressReporter)? = nil) async throws -> Result {
        let loaded = try load(paths: paths, selection: selection)
        let current = try await reader.readCurrentState(of: loaded.state, progress: progress)
        var plan: Plan
        do {
            plan = try Planner.plan(desired: loaded.state, current: current, options: options)
        } catch {
            throw SessionError.refused(error)
        }
        let review = GuardReview(plan: plan, current: current)
        plan.overriddenGuards = review.overridden
        plan.tenant = tenant
        plan.selectedOrganizations = selection.isAll ? nil : selection.names
        plan.rosterVersion = rosterVersion
        plan.createdAt = stamp
        if !review.blocking.isEmpty { throw GuardsTripped(plan: plan, violations: review.blocking) }
        return Result(plan: plan, warnings: loaded.diagnostics)
    }

    /// Loads the desired state in `paths`, limited to `selection`.
    ///
    /// - Throws: ``SessionError/invalidDesiredState(_:)`` for invalid files;
    ///   ``SessionError/unknownOrganizations(_:declared:)`` for a selected name the files do not declare.
    func load(paths: [String], selection: OrganizationSelection) throws(SessionError) -> DesiredStateLoader.Result {
        var loaded = DesiredStateLoader().load(paths: paths)
        if loaded.diagnostics.containsErrors { throw SessionError.invalidDesiredState(loaded.diagnostics) }
        let (state, unknown) = selection.apply(to: loaded.state)
        if !unknown.isEmpty {
            throw SessionError.unknownOrganizations(unknown, declared: loaded.state.organizations.map(\.name))
        }
        loaded.state = state
        logger.debug("desired state loaded", metadata: [
            "files": "\(loaded.state.files.count)", "organizations": "\(state.organizations.count)",
        ])
        return loaded
    }

    /// Checks that the desired state in `paths` means what `plan` was made from: its
    /// digest, over the organizations the plan was limited to, is the plan's
    /// `desired_state_sha256`. Offline; run before anything is read or changed.
    ///
    /// - Throws: ``SessionError/invalidDesiredState(_:)`` for invalid files;
    ///   ``SessionError/desiredStateChanged(paths:planned:now:)`` for another desired state,
    ///   or a plan not made from files (an undo plan).
    public static func checkDesiredState(paths: [String], madeFor plan: Plan) throws(SessionError) {
        guard !plan.desiredStateSHA256.isEmpty else {
            throw .desiredStateChanged(paths: paths, planned: nil, now: "")
        }
        let loaded = DesiredStateLoader().load(paths: paths)
        if loaded.diagnostics.containsErrors { throw SessionError.invalidDesiredState(loaded.diagnostics) }
        let (state, _) = OrganizationSelection(plan.selectedOrganizations ?? []).apply(to: loaded.state)
        let digest = StateDigest.of(state)
        guard digest == plan.desiredStateSHA256 else {
            throw .desiredStateChanged(paths: paths, planned: plan.desiredStateSHA256, now: digest)
        }
    }

    /// The time stamped on plans and reports: now, in whole seconds.
    var stamp: Date { Date(timeIntervalSince1970: now().timeIntervalSince1970.rounded(.down)) }
}
