import RosterCore

/// Why a plan or apply session stopped, with what to do next. Never carries a secret.
public enum SessionError: Error, Sendable, CustomStringConvertible {
    /// The desired-state files have errors (every one is listed).
    case invalidDesiredState([Diagnostic])
    /// The desired state did not resolve against the tenant.
    case refused(PlanRefusal)
    /// The plan trips guards; no plan file is written.
    case guardsTripped([GuardViolation])
    /// The plan file cannot be read or written.
    case planFile(path: String, reason: String)
    /// The plan file's SHA-256 is not the one given with `--plan-sha256`.
    case digestMismatch(path: String, expected: String, actual: String)
    /// The plan was made for another tenant.
    case wrongTenant(planned: String, current: String)
    /// The plan is older than `--max-plan-age` (or dated in the future).
    case planTooOld(createdAt: String, age: String, limit: String)
    /// The plan is dated more than five minutes in the future (a clock is wrong, or the file was edited).
    case planFromTheFuture(createdAt: String)
    /// The journal next to the plan belongs to another plan, or cannot be used.
    case journal(path: String, reason: String)
    /// A report or export file cannot be written.
    case outputFile(path: String, reason: String)
    /// `--org` names organizations that the desired state (or the plan) does not hold.
    case unknownOrganizations([String], declared: [String])
    /// `apply --desired`: the files do not mean what the plan was made from (`planned` is
    /// `nil` for a plan not made from files, an undo plan).
    case desiredStateChanged(paths: [String], planned: String?, now: String)
    /// `apply --org` names organizations that the plan does not hold.
    case unplannedOrganizations([String], planned: [String])

    /// A paragraph a person can act on.
    public var description: String {
        switch self {
        case .invalidDesiredState(let diagnostics):
            let errors = diagnostics.filter { $0.severity == .error }.count
            return "the desired state has \(errors) error\(errors == 1 ? "" : "s") (listed above); fix them, then plan again"
        case .refused(let refusal):
            return refusal.description
        case .guardsTripped(let violations):
            return violations.map { "guard \($0.guardName.rawValue): \($0)" }.joined(separator: "\n")
                + "\nno plan written: the plan trips \(violations.count) guard\(violations.count == 1 ? "" : "s")"
        case .planFile(let path, let reason):
            return "plan file \(path): \(reason)"
        case .digestMismatch(let path, let expected, let actual):
            return "plan file \(path) has SHA-256 \(actual), not the reviewed \(expected): it changed after review. "
                + "Nothing was changed; plan again and review the new plan."
        case .wrongTenant(let planned, let current):
            return "the plan was made for the tenant \(planned), not \(current); nothing was changed. "
                + "Use the matching --domain, or plan against this tenant."
        case .planTooOld(let createdAt, let age, let limit):
            return "the plan was made at \(createdAt), \(age) ago, beyond --max-plan-age \(limit); the tenant may have "
                + "moved since. Plan again (or raise --max-plan-age after checking the plan still holds)."
        case .planFromTheFuture(let createdAt):
            return "the plan says it was made at \(createdAt), in the future; check this machine's clock and the "
                + "planning machine's, then plan again. Nothing was changed."
        case .journal(let path, let reason):
            return "journal \(path): \(reason)"
        case .outputFile(let path, let reason):
            return "\(path): \(reason)"
        case .unknownOrganizations(let names, let declared):
            let known = declared.isEmpty ? "none" : declared.joined(separator: ", ")
            return "--org \(Self.quoted(names)): no such organization is declared (declared: \(known)); fix the name or the paths"
        case .desiredStateChanged(let paths, let planned, let now):
            let files = paths.joined(separator: " ")
            guard let planned else {
                return "--desired \(files): this plan was not made from desired-state files (an undo plan); "
                    + "apply it without --desired. Nothing was changed"
            }
            return "the desired state in \(files) is not the one the plan was made from (SHA-256 \(now), the plan's "
                + "\(planned)): the files changed since it was planned. Nothing was changed; plan again from these files "
                + "and review that plan"
        case .unplannedOrganizations(let names, let planned):
            let known = planned.isEmpty ? "none" : planned.joined(separator: ", ")
            return "--org \(Self.quoted(names)): the plan holds no such organization (it holds: \(known)); fix the name"
        }
    }

    private static func quoted(_ names: [String]) -> String {
        names.map { "\"\($0)\"" }.joined(separator: ", ")
    }
}
