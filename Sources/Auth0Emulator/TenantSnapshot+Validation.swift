import Foundation

extension TenantSnapshot {
    /// Every consistency problem in the snapshot, in document order; empty when it is usable.
    ///
    /// Checks: a non-empty domain; unique client ids, role ids, role names, user ids,
    /// organization ids and names; non-empty ids and secrets; members that are users,
    /// listed once per organization; member roles that exist, listed once per member.
    public func validate() -> [SnapshotProblem] {
        var problems: [SnapshotProblem] = []
        func add(_ components: [SnapshotProblem.Component], _ message: String) {
            problems.append(SnapshotProblem(path: SnapshotProblem.path(components), message: message))
        }

        if domain.trimmingCharacters(in: .whitespaces).isEmpty {
            add([.key("domain")], "must not be empty")
        } else if domain.contains("/") || domain.contains(":") {
            add([.key("domain")], "must be a bare host name such as \"acme.eu.auth0.com\", found \"\(domain)\"")
        }

        var clientIDs: [String: Int] = [:]
        for (index, client) in clients.enumerated() {
            let at: [SnapshotProblem.Component] = [.key("clients"), .index(index)]
            if client.clientID.isEmpty {
                add(at + [.key("client_id")], "must not be empty")
            } else if let first = clientIDs[client.clientID] {
                add(at + [.key("client_id")], "duplicate client id \"\(client.clientID)\" (first at $.clients[\(first)])")
            } else {
                clientIDs[client.clientID] = index
            }
            if client.clientSecret.isEmpty {
                add(at + [.key("client_secret")], "must not be empty")
            }
            for (scopeIndex, scope) in client.scopes.enumerated() where scope.isEmpty || scope.contains(" ") {
                add(at + [.key("scopes"), .index(scopeIndex)], "not a scope: \"\(scope)\"")
            }
        }

        var roleIDs: [String: Int] = [:]
        var roleNames: [String: Int] = [:]
        for (index, role) in roles.enumerated() {
            let at: [SnapshotProblem.Component] = [.key("roles"), .index(index)]
            if role.id.isEmpty {
                add(at + [.key("id")], "must not be empty")
            } else if let first = roleIDs[role.id] {
                add(at + [.key("id")], "duplicate role id \"\(role.id)\" (first at $.roles[\(first)])")
            } else {
                roleIDs[role.id] = index
            }
            if role.name.isEmpty {
                add(at + [.key("name")], "must not be empty")
            } else if let first = roleNames[role.name] {
                add(at + [.key("name")], "duplicate role name \"\(role.name)\" (first at $.roles[\(first)])")
            } else {
                roleNames[role.name] = index
            }
        }

        var userIDs: [String: Int] = [:]
        for (index, user) in users.enumerated() {
            let at: [SnapshotProblem.Component] = [.key("users"), .index(index), .key("user_id")]
            if user.userID.isEmpty {
                add(at, "must not be empty")
            } else if let first = userIDs[user.userID] {
                add(at, "duplicate user id \"\(user.userID)\" (first at $.users[\(first)])")
            } else {
                userIDs[user.userID] = index
            }
        }

        var orgIDs: [String: Int] = [:]
        var orgNames: [String: Int] = [:]
        for (orgIndex, organization) in organizations.enumerated() {
            let at: [SnapshotProblem.Component] = [.key("organizations"), .index(orgIndex)]
            if organization.id.isEmpty {
                add(at + [.key("id")], "must not be empty")
            } else if let first = orgIDs[organization.id] {
                add(at + [.key("id")], "duplicate organization id \"\(organization.id)\" (first at $.organizations[\(first)])")
            } else {
                orgIDs[organization.id] = orgIndex
            }
            if organization.name.isEmpty {
                add(at + [.key("name")], "must not be empty")
            } else if let first = orgNames[organization.name] {
                add(at + [.key("name")], "duplicate organization name \"\(organization.name)\" (first at $.organizations[\(first)])")
            } else {
                orgNames[organization.name] = orgIndex
            }

            var memberIDs: [String: Int] = [:]
            for (memberIndex, member) in organization.members.enumerated() {
                let memberAt = at + [.key("members"), .index(memberIndex)]
                if userIDs[member.userID] == nil {
                    add(memberAt + [.key("user_id")], "\"\(member.userID)\" is not a user of the tenant (not in $.users)")
                }
                if let first = memberIDs[member.userID] {
                    add(memberAt + [.key("user_id")], "duplicate member \"\(member.userID)\" (first at members[\(first)])")
                } else {
                    memberIDs[member.userID] = memberIndex
                }
                var seenRoles: Set<String> = []
                for (roleIndex, roleID) in member.roles.enumerated() {
                    let roleAt = memberAt + [.key("roles"), .index(roleIndex)]
                    if roleIDs[roleID] == nil {
                        add(roleAt, "unknown role id \"\(roleID)\" (not in $.roles)")
                    } else if !seenRoles.insert(roleID).inserted {
                        add(roleAt, "duplicate role \"\(roleID)\" for this member")
                    }
                }
            }
        }
        return problems
    }
}
