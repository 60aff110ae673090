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

    /// Checks preconditions and guards, then removes members (a call per batch) and roles
    /// (one call per member), journaling each step's result before going on.
    func run(_ pending: [PlanStep], fresh: CurrentOrganization?) async throws -> Result {
        var result = Result()
        guard let fresh, fresh.members != nil else {
            result.refusal = "\(organization.name) (\(organization.id)) was not found in the tenant with the planned id; "
                + "nothing was changed in it. Check whether it was deleted or recreated, then plan again"
            result.outcomes = pending.map { .init(step: $0, status: .notRun, detail: nil) }
            return result
        }
        var runnable: [PlanStep] = []
        for step in pending {
            if let entry = protectedEntry(covering: step, in: fresh) {
                let why = "refused: \(step.userID) is protected by the plan's policy.protected (\(entry)); "
                    + "a plan never removes a protected member or role; plan again"
                result.outcomes.append(.init(step: step, status: .refused, detail: why))
            } else if let why = step.precondition.failure(in: fresh) {
                try await journal.record(stepID: step.id, result: .skipped, detail: why)
                result.outcomes.append(.init(step: step, status: .skipped, detail: why))
            } else {
                runnable.append(step)
            }
        }
        let violations = Guards.evaluate(steps: runnable, current: fresh, policy: organization.policy)
            .filter { !isReviewed($0) }
        if !violations.isEmpty {
            result.refusal = "the tenant changed since the plan and the plan would now trip: "
                + violations.map(\.summary).joined(separator: "; ") + ". Nothing was changed in it; plan again"
            result.outcomes += runnable.map { .init(step: $0, status: .notRun, detail: nil) }
            return result
        }
        let members = runnable.filter { $0.action == .removeMember }
        var roleGroups: [[PlanStep]] = []
        for step in runnable where step.action == .removeRole {
            if let last = roleGroups.last, last[0].userID == step.userID { roleGroups[roleGroups.count - 1].append(step) }
            else { roleGroups.append([step]) }
        }
        // One call per chunk of the client's batch size, each journaled on its own: a
        // failed call never marks as failed the removals of the calls before it.
        let size = max(1, writer.memberRemovalBatchSize)
        var batches = stride(from: 0, to: members.count, by: size).map { Array(members[$0 ..< min($0 + size, members.count)]) }
        batches += roleGroups
        for (index, batch) in batches.enumerated() {
            try await journal.recordStarted(batch.map(\.id))
            do {
                let outcome = batch[0].action == .removeMember
                    ? try await writer.removeMembers(organizationID: organization.id, userIDs: batch.map(\.userID))
                    : try await writer.removeRoles(organizationID: organization.id, userID: batch[0].userID,
                                                   roleIDs: batch.compactMap(\.roleID))
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
