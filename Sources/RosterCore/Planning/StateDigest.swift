import Crypto
import Foundation

/// SHA-256 digests over canonical encodings: JSON with sorted keys, no whitespace, slashes
/// unescaped, every list in a defined order. Two equal states give equal digests whatever
/// order they were read or written in; comments, file names and line numbers do not count.
public enum StateDigest {
    /// Lower-case hex SHA-256 of some bytes.
    public static func sha256(_ data: some DataProtocol) -> String {
        CanonicalJSONHasher.hex(SHA256.hash(data: data))
    }

    /// The digest of what a desired state means: per organization its name, pinned id,
    /// effective policy and members (principal as written, roles as written and sorted).
    ///
    /// The canonical JSON is streamed into the hash (``CanonicalJSONHasher``); the bytes are
    /// those of ``referenceOf(_:)-desired``, which the tests hold it to.
    public static func of(_ desired: DesiredState) -> String {
        var json = CanonicalJSONHasher()
        var cache = DesiredCache()
        json.raw(desiredPrefix)
        for (index, position) in desired.organizationOrder.enumerated() {
            append(desired.organizations[position], first: index == 0, to: &json, cache: &cache)
        }
        json.raw(desiredSuffix)
        return json.finalize()
    }

    /// What the desired state's canonical JSON starts and ends with; the organizations, in
    /// name order, go between (``append(_:first:to:cache:)``).
    static let desiredPrefix: StaticString = "{\"format\":1,\"organizations\":["
    static let desiredSuffix: StaticString = "]}"

    /// Canonical JSON written before, by what it was written for: each role list (the
    /// decoder shares one array between the members with the same role list) and each
    /// `min_role_holders`.
    struct DesiredCache {
        var roleLists = RoleListMemo<[UInt8]>()
        var holders: [[String: Int]: [UInt8]] = [:]
        /// The principals of the organization being written.
        var principals = UTF8Arena()
    }

    /// Appends one organization of the desired state's canonical JSON, after a comma unless
    /// it is the `first`. `principalsRead`: `cache.principals` holds the principals of
    /// `spec.members` already, in order (the planner reads them as it resolves them).
    static func append(_ spec: OrganizationSpec, first: Bool, to json: inout CanonicalJSONHasher,
                       cache: inout DesiredCache, principalsRead: Bool = false) {
        let policy = spec.policy
        json.raw(first ? "{\"additions\":" : ",{\"additions\":")
        json.bool(policy.additions)
        json.raw(",\"allow_empty\":")
        json.bool(policy.allowEmpty)
        if let id = spec.id {
            json.raw(",\"id\":")
            json.string(id)
        }
        json.raw(",\"max_member_removal_percent\":")
        json.integer(policy.maxMemberRemovalPercent)
        json.raw(",\"max_member_removals\":")
        json.integer(policy.maxMemberRemovals)
        json.raw(",\"max_role_removals\":")
        json.integer(policy.maxRoleRemovals)
        if let members = spec.members {
            json.raw(",\"members\":[")
            // The principals' bytes, sorted and written without a `String` operation each.
            if !principalsRead {
                cache.principals.removeAll()
                for index in members.indices { cache.principals.append(members[index].principal) }
            }
            let order = cache.principals.sortedPositions { members.map(\.principal.description) }
            for (position, memberIndex) in order.enumerated() {
                json.raw(position == 0 ? "{\"principal\":" : ",{\"principal\":")
                cache.principals.withBytes(at: memberIndex) { json.string(utf8: $0) }
                if let roles = members[memberIndex].roles {
                    json.json(cache.roleLists.value(for: roles) { roles in
                        var list = CanonicalJSONHasher(collecting: true)
                        list.raw(",\"roles\":")
                        list.sortedStrings(count: roles.count) { roles[$0].description }
                        return list.collected
                    })
                }
                json.raw("}")
            }
            json.raw("]")
        }
        json.raw(",\"members_mode\":")
        json.string(policy.members.rawValue)
        json.raw(",\"min_role_holders\":")
        if policy.minRoleHolders.isEmpty {
            json.raw("{}")
        } else {
            if cache.holders[policy.minRoleHolders] == nil {
                cache.holders[policy.minRoleHolders] = Array(canonicalJSON(policy.minRoleHolders))
            }
            json.json(cache.holders[policy.minRoleHolders]!)
        }
        json.raw(",\"name\":")
        json.string(spec.name)
        json.raw(",\"protected\":")
        json.strings(policy.protected.map(\.description).sorted())
        json.raw(",\"roles_mode\":")
        json.string(policy.roles.rawValue)
        json.raw("}")
    }

    /// The digest of the members and roles of an organization: its id and name, and per
    /// member (by user id) the sorted role ids. Emails and display names do not count.
    ///
    /// Streamed like ``of(_:)-desired``; the bytes are those of ``referenceOf(_:)-organization``.
    public static func of(_ organization: CurrentOrganization) -> String {
        var json = CanonicalJSONHasher()
        beginOrganization(organization, to: &json)
        if let members = organization.members {
            let inOrder = members.indices.dropFirst().allSatisfy { !(members[$0].userID < members[$0 - 1].userID) }
            // Through buffer pointers: the members and their roles are read in place, not
            // copied (copies of members cost more than the JSON and the hash together).
            (inOrder ? members : members.sorted { $0.userID < $1.userID }).withUnsafeBufferPointer { members in
                for position in members.indices { appendMember(roles: members[position].roles, userID: members[position].userID,
                                                           first: position == 0, to: &json) }
            }
        }
        return finishOrganization(organization, json: &json)
    }

    /// What an organization's canonical JSON starts with, up to its first member.
    static func beginOrganization(_ organization: CurrentOrganization, to json: inout CanonicalJSONHasher) {
        json.raw("{\"id\":")
        json.string(organization.id)
        if organization.members != nil { json.raw(",\"members\":[") }
    }

    /// One member of an organization's canonical JSON; members go in user id order.
    @inline(__always)
    static func appendMember(roles: [TenantRole], userID: String, first: Bool, to json: inout CanonicalJSONHasher) {
        json.raw(first ? "{\"role_ids\":" : ",{\"role_ids\":")
        roles.withUnsafeBufferPointer { roles in json.sortedStrings(count: roles.count) { roles[$0].id } }
        json.raw(",\"user_id\":")
        json.string(userID)
        json.raw("}")
    }

    /// What an organization's canonical JSON ends with, after its members; the digest.
    static func finishOrganization(_ organization: CurrentOrganization, json: inout CanonicalJSONHasher) -> String {
        if organization.members != nil { json.raw("]") }
        json.raw(",\"name\":")
        json.string(organization.name)
        json.raw("}")
        return json.finalize()
    }

    /// ``of(_:)-desired`` computed from `JSONEncoder`'s bytes: the definition the streamed
    /// digest is held to.
    static func referenceOf(_ desired: DesiredState) -> String {
        sha256(canonicalJSON(CanonicalDesired(desired)))
    }

    /// ``of(_:)-organization`` computed from `JSONEncoder`'s bytes.
    static func referenceOf(_ organization: CurrentOrganization) -> String {
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
        var additions: Bool
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
                min_role_holders: policy.minRoleHolders, allow_empty: policy.allowEmpty, additions: policy.additions,
                members: spec.members?.map { Member(principal: $0.principal.description, roles: $0.roles?.map(\.description).sorted()) }
                    .sorted { $0.principal < $1.principal })
        }
    }
}
