import Crypto
import Foundation

/// SHA-256 digests over canonical encodings: JSON with sorted keys, no whitespace, slashes
/// unescaped, every list in a defined order. Two equal states give equal digests whatever
/// order they were read or written in; comments, file names and line numbers do not count.
public enum StateDigest {
    /// Lower-case hex SHA-256 of some bytes.
    public static func sha256(_ data: some DataProtocol) -> String {
        SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }

    /// The digest of what a desired state means: per organization its name, pinned id,
    /// effective policy and members (principal as written, roles as written and sorted).
    public static func of(_ desired: DesiredState) -> String {
        sha256(canonicalJSON(CanonicalDesired(desired)))
    }

    /// The digest of the members and roles of an organization: its id and name, and per
    /// member (by user id) the sorted role ids. Emails and display names do not count.
    public static func of(_ organization: CurrentOrganization) -> String {
        sha256(canonicalJSON(CanonicalOrganization(organization)))
    }

    /// The canonical JSON bytes of a value.
    static func canonicalJSON(_ value: some Encodable) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Plain structs of strings, integers and booleans always encode.
        return (try? encoder.encode(value)) ?? Data()
    }
}

private struct CanonicalOrganization: Encodable {
    struct Member: Encodable {
        var user_id: String
        var role_ids: [String]
    }

    var id: String
    var name: String
    var members: [Member]?

    init(_ organization: CurrentOrganization) {
        id = organization.id
        name = organization.name
        members = organization.members?.sorted { $0.userID < $1.userID }.map {
            Member(user_id: $0.userID, role_ids: $0.roles.map(\.id).sorted())
        }
    }
}

private struct CanonicalDesired: Encodable {
    struct Member: Encodable {
        var principal: String
        var roles: [String]?
    }

    struct Organization: Encodable {
        var name: String
        var id: String?
        var members_mode: String
        var roles_mode: String
        var protected: [String]
        var max_member_removals: Int
        var max_member_removal_percent: Int
        var max_role_removals: Int
        var min_role_holders: [String: Int]
        var allow_empty: Bool
        var members: [Member]?
    }

    var format: Int = 1
    var organizations: [Organization]

    init(_ desired: DesiredState) {
        organizations = desired.organizations.sorted { $0.name < $1.name }.map { spec in
            let policy = spec.policy
            return Organization(
                name: spec.name, id: spec.id,
                members_mode: policy.members.rawValue, roles_mode: policy.roles.rawValue,
                protected: policy.protected.map(\.description).sorted(),
                max_member_removals: policy.maxMemberRemovals,
                max_member_removal_percent: policy.maxMemberRemovalPercent,
                max_role_removals: policy.maxRoleRemovals,
                min_role_holders: policy.minRoleHolders, allow_empty: policy.allowEmpty,
                members: spec.members?.map { Member(principal: $0.principal.description, roles: $0.roles?.map(\.description).sorted()) }
                    .sorted { $0.principal < $1.principal })
        }
    }
}
