/// Carries out single changes on the tenant. Every method is safe to repeat: a change that
/// is already in place counts as done.
public protocol TenantWriter: Sendable {
    /// Adds users to an organization with `POST /organizations/{id}/members`, in batches (10
    /// ids per call by default, Auth0's documented limit). Auth0 ignores users who already
    /// are members.
    func addMembers(organizationID: String, userIDs: [String]) async throws -> WriteOutcome

    /// Gives roles to one member with one `POST /organizations/{id}/members/{user}/roles`.
    /// Roles already held are left as they are.
    func addRoles(organizationID: String, userID: String, roleIDs: [String]) async throws -> WriteOutcome

    /// Removes users from an organization with `DELETE /organizations/{id}/members`, in
    /// batches (50 ids per call by default, each body under 512,000 bytes). Auth0 ignores
    /// ids that are not members, so members already gone count as removed.
    func removeMembers(organizationID: String, userIDs: [String]) async throws -> WriteOutcome

    /// Removes roles from one member with one `DELETE /organizations/{id}/members/{user}/roles`.
    /// A 404 `No such role with id: ...` (a role deleted from the tenant, recording 12)
    /// counts as done; any other 404 (for example a member no longer in the organization) is
    /// an error, since Auth0 was never seen to send it.
    func removeRoles(organizationID: String, userID: String, roleIDs: [String]) async throws -> WriteOutcome

    /// The most user ids ``removeMembers(organizationID:userIDs:)`` sends in one call. A
    /// caller that journals results per call gives it at most this many ids at a time, so
    /// that a failed call never hides the calls before it that succeeded.
    var memberRemovalBatchSize: Int { get }

    /// The most user ids ``addMembers(organizationID:userIDs:)`` sends in one call, for the
    /// same reason.
    var memberAdditionBatchSize: Int { get }
}

extension TenantWriter {
    /// 50, Auth0's documented limit for one member removal call.
    public var memberRemovalBatchSize: Int { 50 }

    /// 10, Auth0's documented limit for one member addition call.
    public var memberAdditionBatchSize: Int { 10 }
}

/// How a write went.
public enum WriteOutcome: Sendable, Equatable {
    /// Auth0 accepted every call; `requests` is how many were made.
    case written(requests: Int)
    /// Auth0 answered 404 `No such role` because the role no longer exists; Auth0's message says which.
    case alreadyGone(message: String)
    /// Nothing to remove, no call made.
    case nothing
}
