/// Carries out single changes on the tenant. Every method is safe to repeat: a change that
/// is already in place counts as done.
///
/// Additions (`POST` of members and member roles) will join these methods later.
public protocol TenantWriter: Sendable {
    /// Removes users from an organization with `DELETE /organizations/{id}/members`, in
    /// batches (50 ids per call by default, each body under 512,000 bytes). Auth0 ignores
    /// ids that are not members, so members already gone count as removed.
    func removeMembers(organizationID: String, userIDs: [String]) async throws -> RemovalOutcome

    /// Removes roles from one member with one `DELETE /organizations/{id}/members/{user}/roles`.
    /// A 404 because the member or a role is already gone counts as done.
    func removeRoles(organizationID: String, userID: String, roleIDs: [String]) async throws -> RemovalOutcome
}

/// How a removal went.
public enum RemovalOutcome: Sendable, Equatable {
    /// Auth0 accepted every call; `requests` is how many were made.
    case removed(requests: Int)
    /// Auth0 answered 404 because the member or role no longer exists; Auth0's message says which.
    case alreadyGone(message: String)
    /// Nothing to remove, no call made.
    case nothing
}
