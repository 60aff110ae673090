/// The Management API scopes the emulated endpoints check, as Auth0 documents them.
enum Scope {
    static let readOrganizations = "read:organizations"
    static let readOrganizationMembers = "read:organization_members"
    static let createOrganizationMembers = "create:organization_members"
    static let deleteOrganizationMembers = "delete:organization_members"
    static let readOrganizationMemberRoles = "read:organization_member_roles"
    static let createOrganizationMemberRoles = "create:organization_member_roles"
    static let deleteOrganizationMemberRoles = "delete:organization_member_roles"
    static let readRoles = "read:roles"
    static let readUsers = "read:users"
}
