import RosterCore

/// Reads the current state of the organizations a desired state manages. Read-only.
public protocol TenantReader: Sendable {
    /// Checks the token's scopes, then reads every managed organization (by name, or by id
    /// when pinned) with its members and their roles, resolves role names and member emails,
    /// and returns the state with every resolution problem as a located diagnostic.
    ///
    /// - Throws: ``ManagementAPIError`` for failures that end the run (missing scopes,
    ///   refused credentials, retries used up).
    func readCurrentState(of desired: DesiredState, progress: (any ProgressReporter)?) async throws -> TenantState
}
