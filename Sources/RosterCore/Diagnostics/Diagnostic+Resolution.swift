/// The problems found when the desired state is resolved against the tenant, each located at
/// the entry that caused it and saying what to do.
extension Diagnostic {
    /// A role name that no role of the tenant has.
    public static func unknownRole(_ name: String, at location: SourceLocation?, tenant: String) -> Diagnostic {
        .error("unknown role \"\(name)\": no role of \(tenant) has this exact name (names are case-sensitive)",
               at: location, notes: [Note("create the role in Auth0 first, or fix the name")])
    }

    /// A role id that no role of the tenant has.
    public static func unknownRoleID(_ id: String, at location: SourceLocation?, tenant: String) -> Diagnostic {
        .error("unknown role id \"\(id)\": \(tenant) has no role with this id", at: location,
               notes: [Note("use the role's name, or copy its id from Auth0 Dashboard > User Management > Roles")])
    }

    /// An email that no user of the tenant has.
    public static func emailWithoutUser(_ email: String, at location: SourceLocation?, tenant: String) -> Diagnostic {
        .error("no user of \(tenant) has the email \"\(email)\"", at: location, notes: [
            Note("fix the email, or name the member by user id"),
            Note("Auth0 matches emails case-sensitively and Roster looks each one up exactly as written; check "
                 + "its capitals against the user's email in Auth0, or name the member by user id"),
        ])
    }

    /// An email that several users share: the member must be named by user id.
    public static func emailWithSeveralUsers(
        _ email: String, userIDs: [String], at location: SourceLocation?, tenant: String
    ) -> Diagnostic {
        .error("\(userIDs.count) users of \(tenant) have the email \"\(email)\": \(userIDs.sorted().joined(separator: ", "))",
               at: location, notes: [Note("name the member by one of these user ids instead of the email")])
    }

    /// A pinned organization id whose organization has another name.
    public static func pinnedIDMismatch(
        name: String, pinnedID: String, actualName: String, at location: SourceLocation?
    ) -> Diagnostic {
        .error("organization \"\(name)\" pins id \(pinnedID), but that organization is named \"\(actualName)\" in the tenant",
               at: location, notes: [Note("fix the name or the id; nothing is read or changed for this organization")])
    }

    /// An organization the tenant does not have.
    public static func organizationNotFound(
        name: String, pinnedID: String?, at location: SourceLocation?, tenant: String
    ) -> Diagnostic {
        let what = pinnedID.map { "no organization with id \($0)" } ?? "no organization named \"\(name)\""
        return .error("\(tenant) has \(what)", at: location,
                      notes: [Note("create the organization in Auth0 first, or fix the \(pinnedID == nil ? "name" : "id")")])
    }
}
