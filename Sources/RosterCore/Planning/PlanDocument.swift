import Foundation

/// Reads a plan document's bytes into a ``Plan`` that `roster plan` could have written:
/// JSON, this Roster's format version, every field decodable, and every step consistent
/// with its own fields. Pure: no file, no clock.
public enum PlanDocument {
    /// Why bytes are not a plan this Roster accepts, phrased for a person to act on.
    public struct Problem: Error, Sendable, Equatable, CustomStringConvertible {
        /// What is wrong and what to do.
        public var reason: String
        /// Creates a problem.
        public init(_ reason: String) { self.reason = reason }
        public var description: String { reason }
    }

    /// Decodes and checks a plan document.
    ///
    /// - Throws: ``Problem`` for bytes that are not JSON, another format version, a
    ///   document that is not a plan, or a plan whose steps were edited.
    public static func decode(_ data: Data) throws(Problem) -> Plan {
        struct Header: Decodable { var format_version: Int }
        guard let document = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) else {
            throw Problem("it is not JSON; give the file `roster plan --out` wrote")
        }
        // Another JSON file (a tenant snapshot, a drift report) is not an old plan.
        guard let fields = document as? [String: Any], fields["format_version"] != nil else {
            throw Problem("it is not a Roster plan (it has no format_version); give the file `roster plan --out` wrote")
        }
        guard let header = try? JSONDecoder().decode(Header.self, from: data) else {
            throw Problem("its format_version is not a whole number; give the file `roster plan --out` wrote")
        }
        guard header.format_version == Plan.currentFormatVersion else {
            throw Problem("format_version \(header.format_version) is not \(Plan.currentFormatVersion), the version this "
                          + "Roster reads; plan again with this Roster")
        }
        let plan: Plan
        do {
            plan = try Plan.decoder().decode(Plan.self, from: data)
        } catch {
            throw Problem("it is not a valid plan document (\(error)); plan again")
        }
        // `roster plan` writes whole seconds; a fraction would not survive the plan's own
        // rendering, so the plan read would not be the plan shown.
        guard plan.createdAt.timeIntervalSince1970.rounded(.down) == plan.createdAt.timeIntervalSince1970 else {
            throw Problem("the plan file was edited: created_at has a fraction of a second, which `roster plan` "
                          + "never writes; plan again")
        }
        if let problem = integrityProblem(in: plan) {
            throw Problem("the plan file was edited: \(problem); plan again")
        }
        return plan
    }

    /// What makes a decoded plan one `roster plan` cannot have written, or `nil`.
    ///
    /// Every step must be exactly what ``PlanStep/init`` builds from its fields (so its id
    /// and precondition follow from them), step ids must be unique, a member removal's
    /// precondition must list the member's roles (those of its `member_roles`), and each
    /// step must name its own organization and that organization's id.
    public static func integrityProblem(in plan: Plan) -> String? {
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
