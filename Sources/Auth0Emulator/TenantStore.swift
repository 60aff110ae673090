import Foundation
import Logging

/// The emulator's state, shared by all requests: organizations, members, roles, users.
///
/// Members carry a sequence number assigned when they join, which orders the member list
/// and anchors checkpoint cursors, so a removal between two pages never skips anyone.
actor TenantStore {
    /// One membership as the store keeps it.
    struct MemberRecord: Sendable, Equatable {
        var userID: String
        var roles: [String]
        var sequence: Int
    }

    /// One organization as the store keeps it.
    struct OrganizationRecord: Sendable {
        var id: String
        var name: String
        var displayName: String?
        var branding: JSONValue?
        var metadata: JSONValue?
        var members: [MemberRecord]
        var sequence: Int
    }

    private let domain: String
    private let clients: [TenantSnapshot.Client]
    let roles: [TenantSnapshot.Role]
    private let rolesByID: [String: TenantSnapshot.Role]
    private let users: [TenantSnapshot.User]
    private let usersByID: [String: TenantSnapshot.User]
    private var organizations: [OrganizationRecord]
    private var nextSequence: Int
    private var consistency: ConsistencyWindow
    private let persistURL: URL?
    private let logger: Logger

    /// Loads a validated snapshot.
    init(snapshot: TenantSnapshot, consistencyDelay: Duration, persistURL: URL?, logger: Logger) {
        domain = snapshot.domain
        clients = snapshot.clients
        roles = snapshot.roles
        rolesByID = Dictionary(snapshot.roles.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        users = snapshot.users
        usersByID = Dictionary(snapshot.users.map { ($0.userID, $0) }, uniquingKeysWith: { first, _ in first })
        var sequence = 0
        organizations = snapshot.organizations.map { organization in
            sequence += 1
            let orgSequence = sequence
            let members = organization.members.map { member -> MemberRecord in
                sequence += 1
                return MemberRecord(userID: member.userID, roles: member.roles, sequence: sequence)
            }
            return OrganizationRecord(
                id: organization.id, name: organization.name, displayName: organization.displayName,
                branding: organization.branding, metadata: organization.metadata,
                members: members, sequence: orgSequence)
        }
        nextSequence = sequence + 1
        consistency = ConsistencyWindow(delay: consistencyDelay)
        self.persistURL = persistURL
        self.logger = logger
    }

    // MARK: Reads

    /// The client with this id.
    func client(id: String) -> TenantSnapshot.Client? {
        clients.first { $0.clientID == id }
    }

    /// The tenant's domain.
    var tenantDomain: String { domain }

    /// All organizations in list order.
    func allOrganizations() -> [OrganizationRecord] { organizations }

    /// The organization with this id.
    func organization(id: String) throws(Auth0Error) -> OrganizationRecord {
        guard let found = organizations.first(where: { $0.id == id }) else { throw .organizationNotFound }
        return found
    }

    /// The organization with this name.
    func organization(name: String) throws(Auth0Error) -> OrganizationRecord {
        guard let found = organizations.first(where: { $0.name == name }) else { throw .organizationNotFound }
        return found
    }

    /// The members as a reader sees them now (possibly lagging behind writes).
    func visibleMembers(organizationID: String) throws(Auth0Error) -> [MemberRecord] {
        let current = try organization(id: organizationID).members
        return consistency.visible(organizationID: organizationID, current: current)
    }

    /// The user with this id.
    func user(id: String) -> TenantSnapshot.User? { usersByID[id] }

    /// The role with this id.
    func role(id: String) -> TenantSnapshot.Role? { rolesByID[id] }

    /// Users whose email is exactly this one; like Auth0, the match is case-sensitive.
    func users(email: String) -> [TenantSnapshot.User] {
        users.filter { $0.email == email }
    }

    /// A member's roles in an organization, as a reader sees them now.
    func visibleMemberRoles(organizationID: String, userID: String) throws(Auth0Error) -> [TenantSnapshot.Role] {
        _ = try organization(id: organizationID)
        guard usersByID[userID] != nil else { throw Self.noSuchUser(userID) }
        let members = try visibleMembers(organizationID: organizationID)
        guard let member = members.first(where: { $0.userID == userID }) else {
            throw Self.notAMember(userID)
        }
        return member.roles.compactMap { rolesByID[$0] }
    }

    /// The current state as a snapshot.
    func snapshot() -> TenantSnapshot {
        TenantSnapshot(
            domain: domain, clients: clients, roles: roles, users: users,
            organizations: organizations.map { record in
                TenantSnapshot.Organization(
                    id: record.id, name: record.name, displayName: record.displayName,
                    branding: record.branding, metadata: record.metadata,
                    members: record.members.map { TenantSnapshot.Member(userID: $0.userID, roles: $0.roles) })
            })
    }

    // MARK: Writes

    /// Adds members; users already members are left as they are.
    func addMembers(organizationID: String, userIDs: [String]) throws(Auth0Error) {
        let index = try organizationIndex(organizationID)
        for userID in userIDs where usersByID[userID] == nil { throw Self.noSuchUser(userID) }
        try update(index) { members in
            var present = Set(members.map(\.userID))
            for userID in userIDs where present.insert(userID).inserted {
                members.append(MemberRecord(userID: userID, roles: [], sequence: nextSequence))
                nextSequence += 1
            }
        }
    }

    /// Removes members and their roles in this organization; non-members are ignored.
    func removeMembers(organizationID: String, userIDs: [String]) throws(Auth0Error) {
        let index = try organizationIndex(organizationID)
        for userID in userIDs where usersByID[userID] == nil { throw Self.noSuchUser(userID) }
        let removed = Set(userIDs)
        try update(index) { members in members.removeAll { removed.contains($0.userID) } }
    }

    /// Assigns roles to a member; roles already held are left as they are.
    func addMemberRoles(organizationID: String, userID: String, roleIDs: [String]) throws(Auth0Error) {
        let (index, position) = try memberPosition(organizationID, userID)
        for roleID in roleIDs where rolesByID[roleID] == nil { throw Self.noSuchRole(roleID) }
        try update(index) { members in
            var held = Set(members[position].roles)
            for roleID in roleIDs where held.insert(roleID).inserted {
                members[position].roles.append(roleID)
            }
        }
    }

    /// Removes roles from a member; roles not held are ignored.
    func removeMemberRoles(organizationID: String, userID: String, roleIDs: [String]) throws(Auth0Error) {
        let (index, position) = try memberPosition(organizationID, userID)
        for roleID in roleIDs where rolesByID[roleID] == nil { throw Self.noSuchRole(roleID) }
        let removed = Set(roleIDs)
        try update(index) { members in members[position].roles.removeAll { removed.contains($0) } }
    }

    // MARK: Helpers

    private func organizationIndex(_ id: String) throws(Auth0Error) -> Int {
        guard let index = organizations.firstIndex(where: { $0.id == id }) else { throw .organizationNotFound }
        return index
    }

    private func memberPosition(_ organizationID: String, _ userID: String) throws(Auth0Error) -> (Int, Int) {
        let index = try organizationIndex(organizationID)
        guard usersByID[userID] != nil else { throw Self.noSuchUser(userID) }
        guard let position = organizations[index].members.firstIndex(where: { $0.userID == userID }) else {
            throw Self.notAMember(userID)
        }
        return (index, position)
    }

    /// Applies a change to one organization's members, writes the state back when
    /// persistence is on, and records the change for the consistency window.
    ///
    /// A failed write changes nothing: the members and the sequence counter are restored
    /// and no consistency entry is kept.
    private func update(_ index: Int, _ change: (inout [MemberRecord]) -> Void) throws(Auth0Error) {
        let before = organizations[index].members
        let sequenceBefore = nextSequence
        change(&organizations[index].members)
        guard organizations[index].members != before else { return }
        do {
            try persist()
        } catch {
            organizations[index].members = before
            nextSequence = sequenceBefore
            throw error
        }
        consistency.recordWrite(organizationID: organizations[index].id, before: before,
                                after: organizations[index].members)
    }

    private func persist() throws(Auth0Error) {
        guard let persistURL else { return }
        do {
            try SnapshotWriter.replace(persistURL, with: snapshot().encodedJSON())
        } catch {
            logger.error("could not write the state file", metadata: ["path": "\(persistURL.path)", "error": "\(error)"])
            throw Auth0Error(.internalServerError, "The emulator could not write its state file")
        }
    }

    static func noSuchUser(_ id: String) -> Auth0Error {
        Auth0Error(.notFound, "No such user with id: \(id)")
    }

    static func noSuchRole(_ id: String) -> Auth0Error {
        Auth0Error(.notFound, "No such role with id: \(id)")
    }

    static func notAMember(_ id: String) -> Auth0Error {
        Auth0Error(.notFound, "The user \(id) is not a member of the organization")
    }
}
