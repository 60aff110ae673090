import Auth0Emulator
import Foundation
import RosterCore

/// A generated tenant and desired state whose plan has a known size: per organization,
/// `memberRemovals` members to remove and `roleRemovals` roles to take from kept members,
/// plus kept members left alone and a protected member the files do not list. The tenant
/// the plan should leave is known too, so a run can be compared with it exactly.
struct SoakScenario {
    let seed: UInt64
    let organizations: Int
    let memberRemovals: Int
    let roleRemovals: Int
    /// The tenant before apply.
    private(set) var tenant: TenantSnapshot
    /// The tenant a complete apply must leave: nothing more, nothing less.
    private(set) var expected: TenantSnapshot
    /// Desired-state files: relative path to YAML.
    private(set) var files: [String: String] = [:]

    static let roles = ["admin", "billing", "viewer", "support", "auditor", "owner"]
    static let protectedUser = "auth0|soak-breakglass"

    /// The number of steps the plan has.
    var steps: Int { organizations * (memberRemovals + roleRemovals) }

    init(seed: UInt64, organizations: Int, memberRemovals: Int, roleRemovals: Int, keptUnchanged: Int = 5) throws {
        self.seed = seed
        self.organizations = organizations
        self.memberRemovals = memberRemovals
        self.roleRemovals = roleRemovals
        var random = SeededGenerator(seed: seed)
        let acme = try AcmeTenant.snapshot()
        let roles = Self.roles.enumerated().map { TenantSnapshot.Role(id: "rol_\($1)\($0)", name: $1) }
        var tenant = TenantSnapshot(domain: acme.domain, clients: acme.clients, roles: roles)
        var expected = tenant
        tenant.users.append(.init(userID: Self.protectedUser, email: "breakglass@soak.example"))
        expected.users = tenant.users
        for index in 0 ..< organizations {
            let name = String(format: "org-%03d", index)
            let id = "org_soak\(seed)x\(index)"
            var before: [TenantSnapshot.Member] = [], after: [TenantSnapshot.Member] = []
            var declared: [(String, [String])] = []
            func user(_ kind: String, _ number: Int) -> String {
                let userID = "auth0|\(name)-\(kind)-\(number)"
                let email = "\(name).\(kind).\(number)@soak.example"
                tenant.users.append(.init(userID: userID, email: email))
                expected.users.append(.init(userID: userID, email: email))
                return userID
            }
            func someRoles(_ count: Int) -> [TenantSnapshot.Role] {
                Array(roles.shuffled(using: &random).prefix(count))
            }
            for number in 0 ..< memberRemovals {
                before.append(.init(userID: user("gone", number), roles: someRoles(Int.random(in: 0 ... 2, using: &random)).map(\.id)))
            }
            // Role removals: members keep some roles and lose one or two others.
            var left = roleRemovals, number = 0
            while left > 0 {
                let losing = min(left, Int.random(in: 1 ... 2, using: &random))
                let held = someRoles(losing + Int.random(in: 0 ... 2, using: &random))
                let userID = user("kept", number)
                before.append(.init(userID: userID, roles: held.map(\.id)))
                let keeps = Array(held.dropFirst(losing))
                after.append(.init(userID: userID, roles: keeps.map(\.id)))
                declared.append((userID, keeps.map(\.name)))
                left -= losing
                number += 1
            }
            for number in 0 ..< keptUnchanged {
                let held = someRoles(Int.random(in: 0 ... 2, using: &random))
                let userID = user("same", number)
                before.append(.init(userID: userID, roles: held.map(\.id)))
                after.append(.init(userID: userID, roles: held.map(\.id)))
                declared.append((userID, held.map(\.name)))
            }
            let protected = TenantSnapshot.Member(userID: Self.protectedUser, roles: [roles[0].id])
            before.append(protected)
            after.append(protected)
            before.shuffle(using: &random)
            tenant.organizations.append(.init(id: id, name: name, members: before))
            let order = Dictionary(uniqueKeysWithValues: before.enumerated().map { ($1.userID, $0) })
            expected.organizations.append(.init(id: id, name: name, members: after.sorted { order[$0.userID]! < order[$1.userID]! }))
            files["orgs/\(name).yaml"] = Self.yaml(name: name, id: id, members: declared)
        }
        self.tenant = tenant
        self.expected = expected
    }

    /// One organization's file: guards raised for the soak's sizes, the protected member
    /// unlisted, every other kept member with exactly its roles.
    static func yaml(name: String, id: String, members: [(String, [String])]) -> String {
        var text = """
            version: 1
            policy:
              protected: [\(protectedUser)]
              max_member_removals: 100000
              max_member_removal_percent: 100
              max_role_removals: 100000
            organizations:
              \(name):
                id: \(id)
                members:

            """
        for (userID, roles) in members {
            text += "      \(userID): [\(roles.joined(separator: ", "))]\n"
        }
        return text
    }

    /// Writes the desired-state files into a new temporary folder and returns its path.
    func writeFiles() throws -> URL {
        let folder = try AcmeTenant.folder()
        for (path, text) in files {
            let url = folder.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        return folder
    }

    /// A snapshot with each member's roles sorted, so that two tenants holding the same
    /// memberships compare equal whatever order the roles were granted in.
    static func normalized(_ snapshot: TenantSnapshot) -> TenantSnapshot {
        var copy = snapshot
        for index in copy.organizations.indices {
            copy.organizations[index].members = copy.organizations[index].members.map { .init(userID: $0.userID, roles: $0.roles.sorted()) }
        }
        return copy
    }
}

/// SplitMix64, for reproducible scenarios and kill points.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed &+ 0x5EED }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
