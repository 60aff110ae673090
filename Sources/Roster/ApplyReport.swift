import RosterCore

/// What an apply did: every step's outcome, and per organization whether it was refused
/// and whether the tenant showed the changes when read back.
public struct ApplyReport: Sendable, Hashable {
    /// What became of one step.
    public enum Status: String, Sendable, Hashable {
        /// Carried out now.
        case done
        /// Done by an earlier apply of the same plan (from the journal): not repeated.
        case alreadyDone = "already done"
        /// Not run: its precondition no longer held (or an earlier apply skipped it).
        case skipped
        /// Failed after the client's retries; its organization stopped there.
        case failed
        /// Not run: its organization was refused or stopped.
        case notRun = "not run"
        /// Not run: its user is protected by the plan's `policy.protected`.
        case refused
        /// An earlier apply started it and recorded no result: it may or may not have run.
        /// Not run again; plan again to see the tenant as it is.
        case unknown = "outcome unknown"
    }

    /// One step's outcome.
    public struct StepOutcome: Sendable, Hashable {
        /// The step.
        public var step: PlanStep
        /// What became of it.
        public var status: Status
        /// Why, for people.
        public var detail: String?
    }

    /// Whether an organization's changes show when read back.
    public enum ReadBack: String, Sendable, Hashable {
        /// Every step done in this run shows in the tenant.
        case converged
        /// Some do not show yet (Auth0's member lists lag by seconds): check again later.
        case pending
        /// Nothing was done in this organization, so nothing was read back.
        case notChecked = "not checked"
    }

    /// One organization's outcome.
    public struct OrganizationOutcome: Sendable, Hashable {
        /// The organization's name.
        public var name: String
        /// Why apply refused it, when it did.
        public var refusal: String?
        /// The read-back result.
        public var readBack: ReadBack
        /// Whether the organization's members or roles differed from the planned-against
        /// state (its `state_sha256`) when apply re-read it.
        public var changedSincePlan: Bool = false
        /// Why the changes could not be read back, when reading failed.
        public var readBackError: String?
    }

    /// Every step of the plan, in plan order.
    public var steps: [StepOutcome]
    /// Every organization with steps, in plan order.
    public var organizations: [OrganizationOutcome]

    /// Whether nothing failed and no organization was refused.
    public var succeeded: Bool {
        !steps.contains { [.failed, .notRun, .refused, .unknown].contains($0.status) } && !organizations.contains { $0.refusal != nil || $0.readBackError != nil }
    }

    /// The number of steps with a status.
    public func count(_ status: Status) -> Int { steps.filter { $0.status == status }.count }

    /// The report for people: a line per step, refusals, read-back, and a summary line.
    public func renderedText() -> String {
        var lines: [String] = []
        for organization in organizations {
            lines.append("\(organization.name):")
            if organization.changedSincePlan {
                lines.append("  the organization changed since the plan: each step was checked against its current state")
            }
            if let refusal = organization.refusal { lines.append("  refused: \(refusal)") }
            for outcome in steps where outcome.step.organization == organization.name {
                lines.append("  \(outcome.status.rawValue): \(outcome.step.headline)"
                             + (outcome.detail.map { " (\($0))" } ?? ""))
            }
            if let error = organization.readBackError {
                lines.append("  read back: pending (reading the tenant back failed: \(error); the steps above were "
                             + "carried out as reported: run `roster plan` again to check)")
            } else if organization.readBack != .notChecked {
                lines.append("  read back: \(organization.readBack.rawValue)"
                             + (organization.readBack == .pending ? " (the tenant does not show every change yet; "
                                + "run `roster plan` again in a minute)" : ""))
            }
        }
        var summary = "Apply: \(count(.done)) done, \(count(.alreadyDone)) already done, \(count(.skipped)) skipped, "
            + "\(count(.failed)) failed, \(count(.notRun)) not run"
        for status in [Status.refused, .unknown] where count(status) > 0 { summary += ", \(count(status)) \(status.rawValue)" }
        lines.append(summary + ".")
        // Names, emails and Auth0's messages in it hold text from the tenant: shown as
        // written, never acting on the terminal.
        return lines.map { DisplaySafe.terminal($0) }.joined(separator: "\n")
    }
}
