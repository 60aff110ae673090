import Foundation
import RosterCore

/// Reads and writes plan files: the plan document's exact bytes, and their SHA-256.
public enum PlanFile {
    /// Writes the plan atomically (a temporary file, fsynced, renamed over the path) and
    /// returns the SHA-256 of the bytes written.
    public static func write(_ plan: Plan, to path: String) throws(SessionError) -> String {
        let data = Data(plan.renderedJSON().utf8)
        do {
            try DurableFile.replace(path, with: data)
        } catch {
            throw .planFile(path: path, reason: "cannot write it (\(error)); check the folder exists and is writable")
        }
        return StateDigest.sha256(data)
    }

    /// Reads a plan file and the SHA-256 of its bytes.
    ///
    /// - Throws: ``SessionError/planFile(path:reason:)`` for a missing file, a format
    ///   version this Roster does not read, or a document that is not a plan.
    public static func read(_ path: String) throws(SessionError) -> (plan: Plan, sha256: String) {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw .planFile(path: path, reason: "cannot read it (\(error.localizedDescription))")
        }
        struct Header: Decodable { var format_version: Int? }
        guard let header = try? JSONDecoder().decode(Header.self, from: data) else {
            throw .planFile(path: path, reason: "it is not JSON; give the file `roster plan --out` wrote")
        }
        guard header.format_version == Plan.currentFormatVersion else {
            throw .planFile(path: path, reason: "format_version \(header.format_version.map(String.init) ?? "missing") "
                            + "is not \(Plan.currentFormatVersion), the version this Roster reads; plan again with this Roster")
        }
        let plan: Plan
        do {
            plan = try Plan.decoder().decode(Plan.self, from: data)
        } catch {
            throw .planFile(path: path, reason: "it is not a valid plan document (\(error)); plan again")
        }
        if let problem = integrityProblem(in: plan) {
            throw .planFile(path: path, reason: "the plan file was edited: \(problem); plan again")
        }
        return (plan, StateDigest.sha256(data))
    }

    /// What makes a decoded plan one `roster plan` cannot have written, or `nil`.
    ///
    /// Every step must be exactly what ``PlanStep/init`` builds from its fields (so its id
    /// and precondition follow from them), step ids must be unique, a member removal's
    /// precondition must list the member's roles (those of its `member_roles`), and each
    /// step must name its own organization and that organization's id.
    static func integrityProblem(in plan: Plan) -> String? {
        var seen = Set<String>()
        var names = Set<String>()
        var ids = Set<String>()
        for organization in plan.organizations {
            // One entry per organization: the guards are evaluated per entry, so a repeated
            // organization would split its removals under several limits.
            guard names.insert(organization.name).inserted, ids.insert(organization.id).inserted else {
                return "the organization \(organization.name) (\(organization.id)) appears more than once"
            }
            if let problem = rangeProblem(in: organization) { return problem }
            for step in organization.steps {
                guard seen.insert(step.id).inserted else { return "the step id \(step.id) appears twice" }
                guard step.organization == organization.name, step.organizationID == organization.id else {
                    return "the step \(step.id) names the organization \(step.organization) (\(step.organizationID)), "
                        + "not \(organization.name) (\(organization.id))"
                }
                if step.action == .removeMember, step.precondition.roleIDs == nil {
                    return "the step \(step.id) has no precondition.role_ids"
                }
                let role = step.roleID.map { TenantRole(id: $0, name: step.roleName ?? "") }
                var rebuilt = PlanStep(
                    action: step.action, organization: step.organization, organizationID: step.organizationID,
                    userID: step.userID, email: step.email, role: role,
                    memberRoles: step.memberRoles ?? [], reason: step.reason, source: step.source)
                if step.action.isRole { rebuilt.roleName = step.roleName }
                guard rebuilt == step else {
                    return "the step \(step.id) does not match its fields (user_id \(step.userID), "
                        + "precondition user_id \(step.precondition.userID))"
                }
            }
        }
        return nil
    }

    /// The largest member count a plan may state (Auth0 organizations are far smaller).
    static let memberCountLimit = 100_000_000

    /// A guard setting or member count out of the range `roster plan` writes.
    private static func rangeProblem(in organization: OrganizationPlan) -> String? {
        let policy = organization.policy
        let name = organization.name
        guard (0 ... memberCountLimit).contains(organization.memberCount) else {
            return "\(name) has member_count \(organization.memberCount), outside 0...\(memberCountLimit)"
        }
        guard (0 ... 100).contains(policy.maxMemberRemovalPercent) else {
            return "\(name) has max_member_removal_percent \(policy.maxMemberRemovalPercent), outside 0...100"
        }
        guard policy.maxMemberRemovals >= 0, policy.maxRoleRemovals >= 0, policy.minRoleHolders.values.allSatisfy({ $0 >= 0 }) else {
            return "\(name) has a negative guard setting"
        }
        return nil
    }
}
