import RosterCore

/// What a desired state asks the tenant to resolve: role names, role ids and member emails,
/// each with every place that uses it.
struct ResolutionRequests: Sendable {
    /// Role name to the places that use it (member roles and `min_role_holders`).
    var roleNames: [String: Set<SourceLocation>] = [:]
    /// Role id to the places that use it.
    var roleIDs: [String: Set<SourceLocation>] = [:]
    /// Email (as written) to the member entries that use it.
    var emails: [String: Set<SourceLocation>] = [:]

    /// Collects the role names, role ids and emails used by the organizations whose
    /// membership is managed; organizations with `members` unset are skipped.
    init(_ desired: DesiredState) {
        for organization in desired.organizations {
            guard let members = organization.members else { continue }
            for name in organization.policy.minRoleHolders.keys {
                roleNames[name, default: []].insert(organization.location)
            }
            for member in members {
                if case .email(let email) = member.principal {
                    emails[email, default: []].insert(member.location)
                }
                for role in member.roles ?? [] {
                    switch role {
                    case .name(let name): roleNames[name, default: []].insert(member.location)
                    case .id(let id): roleIDs[id, default: []].insert(member.location)
                    }
                }
            }
        }
    }

    /// Whether the roles must be listed: when some role is named or given by id, so that a
    /// mistyped id is reported at its file location rather than planned around.
    var needsRoles: Bool { !roleNames.isEmpty || !roleIDs.isEmpty }
}
