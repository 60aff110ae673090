import Foundation
import RosterCore

extension ManagementAPIClient {
    /// One unit of work of a read.
    private enum Job: Sendable {
        case roles
        case email(String)
        case organization(OrganizationSpec)
    }

    /// What one job found.
    private enum Outcome: Sendable {
        case roles([TenantRole])
        case email(String, userIDs: [String])
        case organization(CurrentOrganization)
        /// An organization that was not found or whose pinned id names another one.
        case unusableOrganization(Diagnostic)
    }

    /// Reads every managed organization with bounded concurrency; see ``TenantReader``.
    ///
    /// Requests: the roles pages (only when some role is named or given by id), one
    /// `users-by-email` per distinct email, and per organization one lookup plus its member pages.
    public func readCurrentState(
        of desired: DesiredState, progress: (any ProgressReporter)? = nil
    ) async throws -> TenantState {
        try await checkScopes(for: .plan)
        let requests = ResolutionRequests(desired)
        var jobs: [Job] = requests.needsRoles ? [.roles] : []
        jobs += requests.emails.keys.sorted().map(Job.email)
        jobs += desired.organizations.map(Job.organization)
        let total = desired.organizations.count
        progress?.organizationsRead(0, of: total)

        var outcomes: [Outcome] = []
        var done = 0
        try await withThrowingTaskGroup(of: Outcome.self) { group in
            var pending = jobs[...]
            for _ in 0 ..< configuration.concurrency {
                guard let job = pending.popFirst() else { break }
                group.addTask { try await self.run(job, requests: requests) }
            }
            while let outcome = try await group.next() {
                outcomes.append(outcome)
                switch outcome {
                case .organization, .unusableOrganization:
                    done += 1
                    progress?.organizationsRead(done, of: total)
                case .roles, .email: break
                }
                if let job = pending.popFirst() {
                    group.addTask { try await self.run(job, requests: requests) }
                }
            }
        }
        guard outcomes.count == jobs.count else {
            throw ManagementAPIError.incompleteRead(expected: jobs.count, received: outcomes.count)
        }
        return assemble(outcomes, requests: requests)
    }

    private func run(_ job: Job, requests: ResolutionRequests) async throws -> Outcome {
        switch job {
        case .roles:
            return .roles(try await listRoles(
                resolving: Set(requests.roleNames.keys), ids: Set(requests.roleIDs.keys)))
        case .email(let email):
            return .email(email, userIDs: try await usersWithEmail(email))
        case .organization(let spec):
            return try await readOrganization(spec)
        }
    }

    /// Puts the outcomes together in a deterministic order with every problem located.
    private func assemble(_ outcomes: [Outcome], requests: ResolutionRequests) -> TenantState {
        let tenant = tenantName
        var organizations: [CurrentOrganization] = []
        var diagnostics: Set<Diagnostic> = []
        var resolution = Resolution()
        for outcome in outcomes {
            switch outcome {
            case .organization(let organization):
                organizations.append(organization)
            case .unusableOrganization(let diagnostic):
                diagnostics.insert(diagnostic)
            case .email(let email, let userIDs):
                let locations = requests.emails[email] ?? []
                switch userIDs.count {
                case 1: resolution.userIDsByEmail[email] = userIDs[0]
                case 0: for location in locations { diagnostics.insert(.emailWithoutUser(email, at: location, tenant: tenant)) }
                default:
                    for location in locations {
                        diagnostics.insert(.emailWithSeveralUsers(email, userIDs: userIDs, at: location, tenant: tenant))
                    }
                }
            case .roles(let roles):
                var byName: [String: String] = [:]
                for role in roles.sorted() where byName[role.name] == nil { byName[role.name] = role.id }
                let names = Dictionary(roles.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
                for (name, locations) in requests.roleNames {
                    if let id = byName[name] {
                        resolution.roleIDsByName[name] = id
                        resolution.roleNamesByID[id] = names[id]
                    } else {
                        for location in locations { diagnostics.insert(.unknownRole(name, at: location, tenant: tenant)) }
                    }
                }
                for (id, locations) in requests.roleIDs {
                    if let name = names[id] {
                        resolution.roleNamesByID[id] = name
                    } else {
                        for location in locations { diagnostics.insert(.unknownRoleID(id, at: location, tenant: tenant)) }
                    }
                }
            }
        }
        return TenantState(organizations: organizations, resolution: resolution, diagnostics: Array(diagnostics))
    }

    /// Finds one organization (by id when pinned, else by name) and lists its members when
    /// its membership is managed.
    private func readOrganization(_ spec: OrganizationSpec) async throws -> Outcome {
        let segments = spec.id.map { ["organizations", $0] } ?? ["organizations", "name", spec.name]
        let response = try await transport.send(.GET, segments, idempotent: true)
        if response.status == 404 {
            return .unusableOrganization(.organizationNotFound(
                name: spec.name, pinnedID: spec.id, at: spec.location, tenant: tenantName))
        }
        guard (200 ..< 300).contains(response.status) else { throw response.failure() }
        let organization = try response.decode(OrganizationBody.self)
        if let pinned = spec.id, organization.name != spec.name {
            return .unusableOrganization(.pinnedIDMismatch(
                name: spec.name, pinnedID: pinned, actualName: organization.name, at: spec.location))
        }
        let members = spec.members == nil ? nil : try await listMembers(organizationID: organization.id)
        return .organization(CurrentOrganization(id: organization.id, name: organization.name, members: members))
    }
}
