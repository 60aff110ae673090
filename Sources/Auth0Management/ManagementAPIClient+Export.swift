import Foundation
import RosterCore

extension ManagementAPIClient {
    /// The most organization pages read: 10,000 pages of 100.
    public static let maximumOrganizationPages = 10_000

    /// Reads whole organizations for `roster export`: every organization of the tenant (or
    /// those named, looked up by name), each with all its members and their roles, and the
    /// tenant's roles. Read-only; checks the read scopes first.
    ///
    /// - Returns: the membership, and the names asked for that the tenant does not have.
    public func readMembership(
        of names: [String], progress: (any ProgressReporter)? = nil
    ) async throws -> (membership: TenantMembership, missing: [String]) {
        try await checkScopes(for: .plan)
        var found: [(id: String, name: String)] = []
        var missing: [String] = []
        if names.isEmpty {
            found = try await listOrganizations()
        } else {
            for name in names {
                let response = try await transport.send(.GET, ["organizations", "name", name], idempotent: true)
                if response.status == 404 { missing.append(name); continue }
                guard (200 ..< 300).contains(response.status) else { throw response.failure() }
                let body = try response.decode(OrganizationBody.self)
                found.append((body.id, body.name))
            }
        }
        progress?.organizationsRead(0, of: found.count)
        var organizations: [CurrentOrganization] = []
        for (index, organization) in found.enumerated() {
            let members = try await listMembers(organizationID: organization.id)
            organizations.append(CurrentOrganization(id: organization.id, name: organization.name, members: members))
            progress?.organizationsRead(index + 1, of: found.count)
        }
        let roles = try await listRoles(resolving: [], ids: [])
        return (TenantMembership(organizations: organizations, roles: roles), missing)
    }

    /// Every organization of the tenant: `GET /organizations?take=100` then `&from=<next>`
    /// (checkpoint paging, which has no 1,000-record limit) until a page has no `next` or
    /// is empty. A cursor seen twice, or more than ``maximumOrganizationPages``, is an error.
    func listOrganizations() async throws -> [(id: String, name: String)] {
        var organizations: [(id: String, name: String)] = []
        var seen = Set<String>()
        var paging = CheckpointPaging(
            limit: Self.maximumOrganizationPages,
            limitReason: "Roster reads at most \(Self.maximumOrganizationPages) pages of organizations")
        while true {
            var query = [("take", "100")]
            if let from = paging.from { query.append(("from", from)) }
            let response = try await transport.send(.GET, ["organizations"], query: query, idempotent: true)
            guard (200 ..< 300).contains(response.status) else { throw response.failure() }
            let page = try response.decode(OrganizationPageBody.self)
            for organization in page.organizations where seen.insert(organization.id).inserted {
                organizations.append((organization.id, organization.name))
            }
            guard try paging.advance(empty: page.organizations.isEmpty, next: page.next, endpoint: response.endpoint) else { break }
        }
        return organizations
    }
}
