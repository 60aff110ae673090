import Auth0Management
import Logging
import RosterCore

/// Runs the pending steps of one organization against its fresh state.
struct OrganizationRunner: Sendable {
    let plan: Plan
    let organization: OrganizationPlan
    let writer: any TenantWriter
    let journal: Journal
    let logger: Logger
    /// Reads the organization again (used after an ambiguous answer).
    let reread: @Sendable () async throws -> CurrentOrganization?

    struct Result {
        var outcomes: [ApplyReport.StepOutcome] = []
        var refusal: String?
    }

    /// Checks preconditions and guards, then adds members (a call per batch), gives roles (a
    /// call per member), removes members (a call per batch) and takes roles (a call per
    /// member), journaling each step's result before going on.
    ///
    /// Each step's precondition is checked against the state it would meet: the fresh state
    /// as changed by the steps before it (a role given to a member this run adds). The steps
    /// the journal records as `done` count as changes in it even when the read does not
    /// show them yet (Auth0's reads lag its writes by a moment), so that a member an earlier
    /// run added is not taken for absent.
    func run(_ pending: [PlanStep], fresh: CurrentOrganization?, done: [PlanStep] = []) async throws -> Result {
        var result = Result()
        guard let fresh, fresh.members != nil else {
            result.refusal = "\(organization.name) (\(organization.id)) was not found in the tenant with the planned id; "
                + "nothing was changed in it. Check whether it was deleted or recreated, then plan again"
            result.outcomes = pending.map { .init(step: $0, status: .notRun, detail: nil) }
            return result
        }
        var runnable: [PlanStep] = []
        // `applying` changes only what a step's precondition allows: a done step the read
        // shows already changes nothing.
        let base = fresh.applying(done)
        var predicted = base
        for step in pending {
            if !step.action.isAddition, let entry = protectedEntry(covering: step, in: fresh) {
                let why = "refused: \(step.userID) is protected by the plan's policy.protected (\(entry)); "
                    + "a plan never removes a protected member or role; plan again"
                result.outcomes.append(.init(step: step, status: .refused, detail: why))
            } else if let why = step.precondition.failure(in: predicted) {
                try await journal.record(stepID: step.id, result: .skipped, detail: why)
                result.outcomes.append(.init(step: step, status: .skipped, detail: why))
            } else {
                runnable.append(step)
                predicted = predicted.applying(step)
            }
        }
        let violations = Guards.evaluate(steps: runnable, current: base, policy: organization.policy)
            .filter { !isReviewed($0) }
        if !violations.isEmpty {
            result.refusal = "the tenant changed since the plan and the plan would now trip: "
                + violations.map(\.summary).joined(separator: "; ") + ". Nothing was changed in it; plan again"
            result.outcomes += runnable.map { .init(step: $0, status: .notRun, detail: nil) }
            return result
        }
        let batches = Self.batches(of: runnable, memberAdditions: writer.memberAdditionBatchSize,
                                   memberRemovals: writer.memberRemovalBatchSize)
        for (index, batch) in batches.enumerated() {
            try await journal.recordStarted(batch.map(\.id))
            do {
                let outcome = try await write(batch)
                let detail: String? = if case .alreadyGone(let message) = outcome { "already gone: \(message)" } else { nil }
                if case .alreadyGone = outcome, batch.count > 1, batch[0].action == .removeRole {
                    // One "No such role" answer for several roles says nothing about the
                    // others: look at what the member holds now, role by role.
                    result.outcomes += try await settleRoles(batch, detail: detail)
                    continue
                }
                try await journal.record(stepIDs: batch.map(\.id), result: .done, detail: detail)
                result.outcomes += batch.map { .init(step: $0, status: .done, detail: detail) }
            } catch let error as SessionError {
                throw error
            } catch {
                let detail = "\(error)"
                logger.error("step failed; stopping this organization", metadata: ["organization": "\(organization.name)"])
                try await journal.record(stepIDs: batch.map(\.id), result: .failed, detail: detail)
                result.outcomes += batch.map { .init(step: $0, status: .failed, detail: detail) }
                for step in batches[(index + 1)...].joined() {
                    result.outcomes.append(.init(step: step, status: .notRun, detail: "stopped after a failure"))
                }
                break
            }
        }
        return result
    }

    /// The calls that carry out the steps, in order: one per chunk of the client's batch size
    /// for members, one per member for roles. Each is journaled on its own, so that a failed
    /// call never marks as failed the steps of the calls before it.
    static func batches(of steps: [PlanStep], memberAdditions: Int, memberRemovals: Int) -> [[PlanStep]] {
        var batches: [[PlanStep]] = []
        for step in steps {
            if let last = batches.last, last[0].action == step.action {
                let fits = switch step.action {
                case .addMember: last.count < max(1, memberAdditions)
                case .removeMember: last.count < max(1, memberRemovals)
                case .addRole, .removeRole: last[0].userID == step.userID
                }
                if fits {
                    batches[batches.count - 1].append(step)
                    continue
                }
            }
            batches.append([step])
        }
        return batches
    }

    /// One call for a batch of steps of one action.
    private func write(_ batch: [PlanStep]) async throws -> WriteOutcome {
        let id = organization.id
        switch batch[0].action {
        case .addMember: return try await writer.addMembers(organizationID: id, userIDs: batch.map(\.userID))
        case .addRole: return try await writer.addRoles(organizationID: id, userID: batch[0].userID, roleIDs: batch.compactMap(\.roleID))
        case .removeMember: return try await writer.removeMembers(organizationID: id, userIDs: batch.map(\.userID))
        case .removeRole:
            return try await writer.removeRoles(organizationID: id, userID: batch[0].userID, roleIDs: batch.compactMap(\.roleID))
        }
    }

    /// Journals each role of a multi-role call Auth0 answered "No such role" to: a role the
    /// member no longer holds is done; one still held failed, so a re-run tries it again.
    private func settleRoles(_ batch: [PlanStep], detail: String?) async throws -> [ApplyReport.StepOutcome] {
        var outcomes: [ApplyReport.StepOutcome] = []
        let member: CurrentMember?
        let readError: String?
        do {
            member = try await reread()?.member(userID: batch[0].userID)
            readError = nil
        } catch {
            member = nil
            readError = "\(error)"
        }
        for step in batch {
            let (status, why): (ApplyReport.Status, String?)
            if let readError {
                (status, why) = (.failed, "Auth0 answered No such role, and reading the member again failed (\(readError)); "
                                 + "run the same apply again")
            } else if let member, member.roles.contains(where: { $0.id == step.roleID }) {
                (status, why) = (.failed, "Auth0 answered No such role for the call, but the member still holds this role; "
                                 + "run the same apply again")
            } else {
                (status, why) = (.done, detail)
            }
            try await journal.record(stepID: step.id, result: status == .done ? .done : .failed, detail: why)
            outcomes.append(.init(step: step, status: status, detail: why))
        }
        return outcomes
    }

    /// The `policy.protected` entry of the plan that covers a step's user: by user id, or
    /// by the member's fresh email compared without regard to case.
    private func protectedEntry(covering step: PlanStep, in fresh: CurrentOrganization) -> String? {
        let email = fresh.member(userID: step.userID)?.email?.lowercased()
        return organization.policy.protected.first { entry in
            entry == step.userID || (email != nil && entry.lowercased() == email)
        }
    }

    /// Whether a violation was let through by the reviewed plan: overridable, overridden in
    /// the plan for this organization, and no worse than what the plan's own steps and
    /// policy allow. The counts stored in `overridden_guards` are never trusted: the bound
    /// is recomputed from the plan's steps and member count.
    private func isReviewed(_ violation: GuardViolation) -> Bool {
        guard violation.isOverridable, plan.overrideGuards else { return false }
        let listed = plan.overriddenGuards.contains {
            $0.guardName == violation.guardName && $0.organization == violation.organization && $0.role == violation.role
        }
        guard listed else { return false }
        let memberRemovals = organization.memberRemovals.count
        switch violation.guardName {
        case .maxMemberRemovals:
            return violation.count <= memberRemovals
        case .maxMemberRemovalPercent:
            guard organization.memberCount > 0 else { return false }
            return violation.count <= (memberRemovals * 100 + organization.memberCount - 1) / organization.memberCount
        case .maxRoleRemovals:
            return violation.count <= organization.roleRemovals.count
        case .minRoleHolders, .allowEmpty:
            return false
        }
    }
}
