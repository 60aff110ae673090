import Auth0Management
import Foundation
import Logging
import RosterCore

/// Carries out exactly a reviewed plan: re-reads each touched organization, runs each step
/// whose precondition still holds (compare-and-swap), re-evaluates the guards on the fresh
/// state, journals every result durably, and reads the changes back.
public struct Applier: Sendable {
    let reader: any TenantReader
    let writer: any TenantWriter
    let preflight: @Sendable () async throws -> Void
    let readBack: ReadBackPolicy
    let logger: Logger

    /// Creates an applier. `preflight` runs before anything is read or written (the
    /// client's `checkScopes(for: .apply)`).
    public init(reader: any TenantReader, writer: any TenantWriter, preflight: @escaping @Sendable () async throws -> Void,
                readBack: ReadBackPolicy = ReadBackPolicy(), logger: Logger) {
        self.reader = reader
        self.writer = writer
        self.preflight = preflight
        self.readBack = readBack
        self.logger = logger
    }

    /// Applies the plan, resuming from the journal: steps it records as done or skipped are
    /// not repeated. Organizations go one after the other; a failure stops only its own.
    ///
    /// - Throws: ``ManagementAPIError`` when the scopes or the first read fail (nothing has
    ///   been changed then); ``SessionError`` when the journal cannot be written.
    public func apply(_ plan: Plan, journal: Journal) async throws -> ApplyReport {
        try await preflight()
        let finished = await journal.finished
        let unknown = await journal.unknown
        let failedBefore = await journal.failed
        var outcomes: [String: ApplyReport.StepOutcome] = [:]
        for step in plan.steps {
            guard let entry = finished[step.id] else { continue }
            outcomes[step.id] = .init(step: step, status: entry.result == .done ? .alreadyDone : .skipped,
                                      detail: entry.detail.map { "journal: \($0)" } ?? "journal")
        }
        // An organization is read again when it has a step still to run, or one an earlier
        // apply started without recording its result.
        let touched = plan.organizations.filter { organization in
            organization.steps.contains { outcomes[$0.id] == nil }
        }
        var organizations: [ApplyReport.OrganizationOutcome] = []
        var doneNow: [String: [PlanStep]] = [:]
        var readAny = false
        for organization in plan.organizations where !organization.steps.isEmpty {
            guard touched.contains(where: { $0.name == organization.name }) else {
                organizations.append(.init(name: organization.name, refusal: nil, readBack: .notChecked))
                continue
            }
            let reader = self.reader
            let runner = OrganizationRunner(
                plan: plan, organization: organization, writer: writer, journal: journal, logger: logger,
                reread: {
                    Self.state(of: organization, in: try await reader.readCurrentState(of: Self.desired([organization]), progress: nil))
                })
            // Read just before running: an earlier organization's run takes time, and the
            // tenant may move meanwhile.
            let fresh: TenantState
            do {
                fresh = try await reader.readCurrentState(of: Self.desired([organization]), progress: nil)
            } catch {
                // Nothing read or changed yet in this run: the caller reports the error.
                // Otherwise keep the report of the organizations before this one.
                if !readAny { throw error }
                organizations.append(.init(name: organization.name, refusal: "it could not be read (\(error)); nothing "
                                           + "was changed in it. Run the same apply again to resume", readBack: .notChecked))
                continue
            }
            readAny = true
            let state = Self.state(of: organization, in: fresh)
            let changedSincePlan = state.map { !organization.stateSHA256.isEmpty && StateDigest.of($0) != organization.stateSHA256 } ?? false
            for step in organization.steps where unknown.contains(step.id) {
                outcomes[step.id] = try await settleUnknown(step, fresh: state, journal: journal)
            }
            for step in organization.steps where failedBefore.contains(step.id) {
                if let outcome = try await settleFailed(step, fresh: state, journal: journal) { outcomes[step.id] = outcome }
            }
            let pending = organization.steps.filter { outcomes[$0.id] == nil }
            // A step of unknown outcome stops its organization, as a failed one does: the
            // steps after it were planned on the state it leaves, which is not known.
            if let stopper = organization.steps.first(where: { outcomes[$0.id]?.status == .unknown }) {
                for step in pending {
                    outcomes[step.id] = .init(step: step, status: .notRun, detail: "stopped: the outcome of \(stopper.id) is unknown")
                }
                organizations.append(.init(
                    name: organization.name,
                    refusal: "an earlier apply started \(stopper.id) and recorded no result, and its change is not in place; "
                        + "nothing more was changed in it. Plan again",
                    readBack: .notChecked, changedSincePlan: changedSincePlan))
                continue
            }
            // What the journal records as done, so that a read within Auth0's lag, which may
            // not show it yet, is not taken for the state the next steps meet.
            let done = organization.steps.filter { finished[$0.id]?.result == .done || outcomes[$0.id]?.status == .alreadyDone }
            let result = try await runner.run(pending, fresh: state, done: done)
            for outcome in result.outcomes { outcomes[outcome.step.id] = outcome }
            doneNow[organization.name] = result.outcomes.filter { $0.status == .done }.map(\.step)
            organizations.append(.init(name: organization.name, refusal: result.refusal, readBack: .notChecked,
                                       changedSincePlan: changedSincePlan))
        }
        do {
            let converged = try await readBackChanges(doneNow, plan: plan)
            for index in organizations.indices {
                if let value = converged[organizations[index].name] { organizations[index].readBack = value ? .converged : .pending }
            }
        } catch {
            // The changes were made and journaled: report them, with the read-back as pending.
            logger.error("read back failed", metadata: ["error": "\(error)"])
            for index in organizations.indices where !(doneNow[organizations[index].name] ?? []).isEmpty {
                organizations[index].readBack = .pending
                organizations[index].readBackError = "\(error)"
            }
        }
        return ApplyReport(steps: plan.steps.map { step in
            outcomes[step.id] ?? (unknown.contains(step.id)
                ? .init(step: step, status: .unknown, detail: "an earlier apply started it and recorded no result; plan again")
                : .init(step: step, status: .notRun, detail: nil))
        }, organizations: organizations)
    }

    /// A step an earlier apply started without recording a result: done when its change is
    /// in place in the fresh state (the call went through before the apply was killed),
    /// journaled so; otherwise its outcome stays unknown and it is not run again.
    private func settleUnknown(_ step: PlanStep, fresh: CurrentOrganization?, journal: Journal) async throws -> ApplyReport.StepOutcome {
        if let fresh, Self.shows(step, in: fresh) {
            let detail = "found in place on re-reading: an earlier apply started it and was stopped before recording the result"
            try await journal.record(stepID: step.id, result: .done, detail: detail)
            return .init(step: step, status: .alreadyDone, detail: detail)
        }
        return .init(step: step, status: .unknown,
                     detail: "an earlier apply started it and recorded no result, and its change is not in place: "
                        + "outcome unknown, not run again; plan again")
    }

    /// A step whose call failed in an earlier apply: done when its change is in place in
    /// the fresh state (the call went through and its answer was lost, or was an error
    /// sent after the change), journaled so, and then taken back by the undo plan;
    /// otherwise `nil`, and it runs again.
    private func settleFailed(_ step: PlanStep, fresh: CurrentOrganization?, journal: Journal) async throws -> ApplyReport.StepOutcome? {
        guard let fresh, Self.shows(step, in: fresh) else { return nil }
        let detail = "found in place on re-reading: an earlier apply's call for it failed, and the change was made all the same"
        try await journal.record(stepID: step.id, result: .done, detail: detail)
        return .init(step: step, status: .alreadyDone, detail: detail)
    }

    /// Reads the organizations with steps done in this run until every change shows, or
    /// the attempts run out. Returns, per organization, whether they all show.
    private func readBackChanges(_ done: [String: [PlanStep]], plan: Plan) async throws -> [String: Bool] {
        let names = done.filter { !$0.value.isEmpty }.keys
        guard !names.isEmpty else { return [:] }
        let organizations = plan.organizations.filter { names.contains($0.name) }
        var result: [String: Bool] = [:]
        for attempt in 1 ... readBack.attempts {
            if attempt > 1 { try await Task.sleep(for: readBack.delay) }
            let state = try await reader.readCurrentState(of: Self.desired(organizations), progress: nil)
            for organization in organizations {
                guard let current = Self.state(of: organization, in: state) else { result[organization.name] = false; continue }
                result[organization.name] = done[organization.name, default: []].allSatisfy { !$0.precondition.holds(in: current) || Self.shows($0, in: current) }
            }
            if result.values.allSatisfy({ $0 }) { break }
            logger.info("read back: changes not visible yet", metadata: ["attempt": "\(attempt)"])
        }
        return result
    }

    /// Whether a done step's change shows in the state.
    private static func shows(_ step: PlanStep, in current: CurrentOrganization) -> Bool {
        guard let member = current.member(userID: step.userID) else { return !step.action.isAddition }
        switch step.action {
        case .addMember: return true
        case .addRole: return member.roles.contains { $0.id == step.roleID }
        case .removeMember: return false
        case .removeRole: return !member.roles.contains { $0.id == step.roleID }
        }
    }

    /// A desired state that makes the reader read exactly these organizations, by id.
    static func desired(_ organizations: [OrganizationPlan]) -> DesiredState {
        DesiredState(files: [], organizations: organizations.map {
            OrganizationSpec(name: $0.name, id: $0.id, policy: .defaults, members: [],
                             location: SourceLocation(file: "plan", line: 1, column: 1))
        })
    }

    /// The fresh state of a planned organization, when it was found with the planned id.
    static func state(of organization: OrganizationPlan, in state: TenantState) -> CurrentOrganization? {
        state.organization(named: organization.name).flatMap { $0.id == organization.id ? $0 : nil }
    }
}
