import Foundation
import RosterCore

extension ManagementAPIClient {
    /// The most member pages read for one organization: 10,000 pages of 100, a million
    /// members. A list still going past it ends the run with an error rather than loop.
    public static let maximumMemberPages = 10_000

    /// Every member of an organization with its roles, from one checkpoint-paged list:
    /// `GET /organizations/{id}/members?fields=user_id,email,name,roles&include_fields=true&take=100`,
    /// then `&from=<next>` until an answer has no `next`.
    ///
    /// Auth0 puts `next` on every non-empty page, even a short last one, and answers the page
    /// after it with `{"members": []}` (recordings 06 to 08), so `n` members take
    /// `ceil(n / 100) + 1` pages (1 when there are none). The list always ends: an empty page
    /// ends it whatever its `next` says, a cursor seen before is an error, and so is going
    /// past ``maximumMemberPages``.
    func listMembers(organizationID: String) async throws -> [CurrentMember] {
        var members: [CurrentMember] = []
        var seen = Set<String>()
        var paging = CheckpointPaging(
            limit: Self.maximumMemberPages, limitReason: "Roster reads at most \(Self.maximumMemberPages) pages of one organization")
        while true {
            var query = [
                ("fields", "user_id,email,name,roles"), ("include_fields", "true"),
                ("take", String(configuration.memberPageSize)),
            ]
            if let from = paging.from { query.append(("from", from)) }
            let response = try await transport.send(
                .GET, ["organizations", organizationID, "members"], query: query, idempotent: true)
            guard (200 ..< 300).contains(response.status) else { throw response.failure() }
            let page = try response.decode(MemberPageBody.self)
            // A page holds at most what was asked for: a tenant answering more could make
            // the read grow without bound.
            guard page.members.count <= configuration.memberPageSize else {
                throw ManagementAPIError.unexpectedResponse(
                    endpoint: response.endpoint, status: response.status,
                    reason: "a page of \(page.members.count) members, asked for at most \(configuration.memberPageSize)",
                    message: nil, errorCode: nil)
            }
            for member in page.members where seen.insert(member.userID).inserted {
                members.append(CurrentMember(
                    userID: member.userID, email: member.email, name: member.name,
                    roles: (member.roles ?? []).map { TenantRole(id: $0.id, name: $0.name) }))
            }
            guard try paging.advance(empty: page.members.isEmpty, next: page.next, endpoint: response.endpoint) else { break }
        }
        return members
    }

    /// Every role of the tenant: `GET /roles?per_page=100&page=N&include_totals=true` until
    /// `total` roles are read. Auth0 serves offset pages up to the 1,000th record only; past
    /// that, the names still unresolved are looked up with `name_filter` (a substring match,
    /// paged through, and compared exactly here), and the ids still unresolved with
    /// `GET /roles/{id}` (404: no such role).
    func listRoles(resolving names: Set<String>, ids: Set<String>) async throws -> [TenantRole] {
        var roles: [TenantRole] = []
        var perPage = configuration.rolePageSize
        var page = 0
        var total = Int.max
        while roles.count < total {
            if (page + 1) * perPage > Self.offsetRecordLimit { break }
            let response = try await transport.send(.GET, ["roles"], query: [
                ("per_page", String(perPage)), ("page", String(page)), ("include_totals", "true"),
            ], idempotent: true)
            guard (200 ..< 300).contains(response.status) else { throw response.failure() }
            let body = try response.decode(RolePageBody.self)
            guard body.roles.count <= perPage else {
                throw ManagementAPIError.unexpectedResponse(
                    endpoint: response.endpoint, status: response.status,
                    reason: "a page of \(body.roles.count) roles, asked for at most \(perPage)", message: nil, errorCode: nil)
            }
            roles += body.roles.map { TenantRole(id: $0.id, name: $0.name) }
            total = body.total ?? roles.count
            let size = body.limit.map { max(1, $0) } ?? perPage
            if body.roles.count < size { break }  // a short page is the last
            if size < perPage {
                perPage = size  // the tenant caps pages below what was asked: follow its size
                page = roles.count / perPage
            } else {
                page += 1
            }
        }
        guard roles.count < total else { return roles }
        let knownNames = Set(roles.map(\.name))
        for name in names.sorted() where !knownNames.contains(name) {
            roles += try await rolesNamed(name)
        }
        let knownIDs = Set(roles.map(\.id))
        for id in ids.sorted() where !knownIDs.contains(id) {
            if let role = try await role(id: id) { roles.append(role) }
        }
        return roles
    }

    /// The offset paging limit of Auth0's list endpoints: records past the 1,000th are not served.
    static var offsetRecordLimit: Int { 1_000 }

    /// The roles named exactly `name`, through every page of `GET /roles?name_filter=...`.
    private func rolesNamed(_ name: String) async throws -> [TenantRole] {
        var found: [TenantRole] = []
        var read = 0
        var page = 0
        let perPage = configuration.rolePageSize
        while (page + 1) * perPage <= Self.offsetRecordLimit {
            let response = try await transport.send(.GET, ["roles"], query: [
                ("name_filter", name), ("per_page", String(perPage)), ("page", String(page)), ("include_totals", "true"),
            ], idempotent: true)
            guard (200 ..< 300).contains(response.status) else { throw response.failure() }
            let body = try response.decode(RolePageBody.self)
            read += body.roles.count
            found += body.roles.filter { $0.name == name }.map { TenantRole(id: $0.id, name: $0.name) }
            let size = body.limit.map { max(1, $0) } ?? perPage
            if body.roles.isEmpty || body.roles.count < size || read >= (body.total ?? read) { break }
            page += 1
        }
        return found
    }

    /// One role by id, `GET /roles/{id}`; nil when Auth0 answers 404.
    private func role(id: String) async throws -> TenantRole? {
        let response = try await transport.send(.GET, ["roles", id], idempotent: true)
        if response.status == 404 { return nil }
        guard (200 ..< 300).contains(response.status) else { throw response.failure() }
        let body = try response.decode(RoleBody.self)
        return TenantRole(id: body.id, name: body.name)
    }

    /// The ids of the users with this email:
    /// `GET /users-by-email?email=...&fields=user_id&include_fields=true` (a bare array).
    func usersWithEmail(_ email: String) async throws -> [String] {
        let response = try await transport.send(
            .GET, ["users-by-email"], query: [("email", email), ("fields", "user_id"), ("include_fields", "true")],
            idempotent: true)
        guard (200 ..< 300).contains(response.status) else { throw response.failure() }
        return Array(Set(try response.decode([UserBody].self).map(\.userID))).sorted()
    }
}
