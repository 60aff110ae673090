/// The wire shapes of the objects the emulator returns, spelled out key by key as the
/// recordings in `Tests/Auth0EmulatorTests/Fixtures/auth0-recordings` show them.
enum JSONViews {
    /// `{id, name, display_name, branding?, metadata?}`.
    static func organization(_ record: TenantStore.OrganizationRecord) -> [String: JSONValue] {
        var object: [String: JSONValue] = ["id": .string(record.id), "name": .string(record.name)]
        if let displayName = record.displayName { object["display_name"] = .string(displayName) }
        if let branding = record.branding { object["branding"] = branding }
        if let metadata = record.metadata { object["metadata"] = metadata }
        return object
    }

    /// `{user_id, email?, picture?, name?}` as member lists show a member.
    static func member(_ user: TenantSnapshot.User) -> [String: JSONValue] {
        var object: [String: JSONValue] = ["user_id": .string(user.userID)]
        if let email = user.email { object["email"] = .string(email) }
        if let picture = user.picture { object["picture"] = .string(picture) }
        if let name = user.name { object["name"] = .string(name) }
        return object
    }

    /// `{id, name, description?}`.
    static func role(_ role: TenantSnapshot.Role) -> [String: JSONValue] {
        var object: [String: JSONValue] = ["id": .string(role.id), "name": .string(role.name)]
        if let description = role.description { object["description"] = .string(description) }
        return object
    }

    /// `{id, name}`: a role inlined in a member list with `fields=roles`.
    static func inlineRole(_ role: TenantSnapshot.Role) -> JSONValue {
        .object(["id": .string(role.id), "name": .string(role.name)])
    }

    /// `{user_id, email?, name?, picture?}` as `users-by-email` shows a user.
    static func user(_ user: TenantSnapshot.User) -> [String: JSONValue] {
        member(user)
    }
}
