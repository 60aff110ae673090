import Foundation
import RosterCore

extension ManagementAPIClient {
    /// Every member of an organization with its roles, from one checkpoint-paged list:
    /// `GET /organizations/{id}/members?fields=user_id,email,name,roles&include_fields=true&take=100`,
    /// then `&from=<next>` until an answer has no `next`.
    ///
    /// Auth0 puts `next` on every non-empty page, even a short last one, and answers the page
    /// after it with `{"members": []}` (recordings 06 to 08). Only the absence of `next` ends
    /// the list, so `n` members take `ceil(n / 100) + 1` pages (1 when there are none).
    func listMembers(organizationID: String) async throws -> [CurrentMember] {
        var members: [CurrentMember] = []
        var seen = Set<String>()
        var from: String?
        repeat {
            var query = [
                ("fields", "user_id,email,name,roles"), ("include_fields", "true"),
                ("take", String(configuration.memberPageSize)),
            ]
            if let from { query.append(("from", from)) }
            let response = try await transport.send(.GET, ["organizations", organizationID, "members"], query: query)
            guard (200 ..< 300).contains(response.status) else { throw response.failure() }
            let page = try response.decode(MemberPageBody.self)
            for member in page.members where seen.insert(member.userID).inserted {
                members.append(CurrentMember(
                    userID: member.userID, email: member.email, name: member.name,
                    roles: (member.roles ?? []).map { TenantRole(id: $0.id, name: $0.name) }))
            }
            if let next = page.next, next == from {
                throw ManagementAPIError.unexpectedResponse(
                    endpoint: response.endpoint, status: response.status, reason: "the paging cursor did not advance")
            }
            from = page.next
        } while from != nil
        return members
    }

    /// Every role of the tenant: `GET /roles?per_page=100&page=N&include_totals=true` until
    /// `total` roles are read. Auth0 serves offset pages up to the 1,000th record only; past
    /// that, the names still unresolved are looked up with `name_filter` (a substring match,
    /// so the names are compared exactly here).
    func listRoles(resolving names: Set<String>) async throws -> [TenantRole] {
        var roles: [TenantRole] = []
        var perPage = configuration.rolePageSize
        var page = 0
        var total = Int.max
        while roles.count < total {
            if (page + 1) * perPage > 1_000 { break }
            let response = try await transport.send(.GET, ["roles"], query: [
                ("per_page", String(perPage)), ("page", String(page)), ("include_totals", "true"),
            ])
            guard (200 ..< 300).contains(response.status) else { throw response.failure() }
            let body = try response.decode(RolePageBody.self)
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
        let known = Set(roles.map(\.name))
        for name in names.sorted() where !known.contains(name) {
            let response = try await transport.send(.GET, ["roles"], query: [
                ("name_filter", name), ("per_page", "100"), ("include_totals", "true"),
            ])
            guard (200 ..< 300).contains(response.status) else { throw response.failure() }
            let body = try response.decode(RolePageBody.self)
            roles += body.roles.filter { $0.name == name }.map { TenantRole(id: $0.id, name: $0.name) }
        }
        return roles
    }

    /// The ids of the users with this email: `GET /users-by-email?email=...` (a bare array).
    func usersWithEmail(_ email: String) async throws -> [String] {
        let response = try await transport.send(.GET, ["users-by-email"], query: [("email", email)])
        guard (200 ..< 300).contains(response.status) else { throw response.failure() }
        return Array(Set(try response.decode([UserBody].self).map(\.userID))).sorted()
    }
}
