import RosterCore

extension DesiredStateDecoder {
    static let memberKeys = ["roles"]

    /// Decodes `members:`. Returns `nil` when membership is not managed (`members: ~`) or when
    /// the value is not a mapping (an error is reported then).
    mutating func decodeMembers(_ node: YAMLDocument.NodeIndex, organization: String,
                                policy: Policy) -> [MemberSpec]? {
        if reader.document.isNull(node) {
            reader.warning("members of \"\(organization)\" is null; its membership is not managed", at: node,
                           notes: [.init("list the members, or remove the key; `members: {}` with `allow_empty: true` removes everyone")])
            return nil
        }
        guard let pairs = reader.mapping(node, "members of \"\(organization)\"",
                                         notes: [.init("write each member as a key: `jane@example.com: [viewer]`")]) else {
            return nil
        }
        if pairs.isEmpty, !policy.allowEmpty {
            reader.error("members of \"\(organization)\" is empty, which would remove every member", at: node,
                         notes: [.init("if that is what you mean, set `policy: {allow_empty: true}` on the organization")])
            return nil
        }
        var members: [MemberSpec] = []
        members.reserveCapacity(pairs.count)
        var keys: [YAMLDocument.NodeIndex] = []
        keys.reserveCapacity(pairs.count)
        var anyMixedCaseEmail = false, anyNonASCII = false
        var valid = true
        for (keyNode, value) in pairs where !reader.document[keyNode].isReported {
            guard let text = reader.string(keyNode, "member") else { valid = false; continue }
            guard let (principal, isASCII) = Principal.parse(text) else {
                reader.error("member \(SourceText.quoted(text)) is neither a user id (provider|id) nor an email address",
                             at: keyNode)
                valid = false
                continue
            }
            if principal.isMixedCaseEmail { anyMixedCaseEmail = true }
            if !isASCII { anyNonASCII = true }
            // The member's name for messages is built only for a message.
            guard let roles = decodeMemberRoles(value, member: SourceText.abbreviated(text)) else {
                valid = false
                continue
            }
            members.append(MemberSpec(principal: principal, roles: roles, location: reader.location(keyNode)))
            keys.append(keyNode)
        }
        // The parser caught keys written identically. Two emails that differ only in case need
        // one of them written with capitals, and two spellings of one character (a
        // precomposed letter and its decomposed form) a character beyond ASCII, so the search
        // runs only when there is one.
        if anyMixedCaseEmail || anyNonASCII {
            var seen: [String: YAMLDocument.NodeIndex] = [:]
            for (member, keyNode) in zip(members, keys) {
                if let first = seen[member.principal.comparisonKey] {
                    reportDuplicate(member.principal, keyNode, first: first, organization: organization)
                    valid = false
                } else {
                    seen[member.principal.comparisonKey] = keyNode
                }
            }
        }
        return valid ? members : nil
    }

    private mutating func reportDuplicate(_ principal: Principal, _ node: YAMLDocument.NodeIndex,
                                          first: YAMLDocument.NodeIndex, organization: String) {
        let text = SourceText.abbreviated(principal.description)
        switch principal {
        case .email:
            reader.error("member \(text) is declared twice in \"\(organization)\" (emails that differ only in case)",
                         at: node, notes: [.init("first declared here", at: reader.location(first)),
                                           .init("if they are two users, name them by user id")])
        case .userID:
            reader.error("member \(text) is declared twice in \"\(organization)\" (one user id written two ways)",
                         at: node, notes: [.init("first declared here", at: reader.location(first)),
                                           .init("keep one entry per user")])
        }
    }

    /// A member's value: null (roles not managed), a list of roles, or `{roles: ...}`.
    /// Returns `nil` after reporting an error, `.some(nil)` when roles are not managed.
    private mutating func decodeMemberRoles(_ node: YAMLDocument.NodeIndex,
                                            member: @autoclosure () -> String) -> [RoleReference]?? {
        switch reader.document[node].kind {
        case .scalar:
            if reader.document.isNull(node) { return .some(nil) }
            reader.error("roles of \(member()) must be a list of roles, a mapping with `roles`, or null; found \(reader.describe(node))",
                         at: node, notes: [.init("write a single role as a list: `[\(reader.document.value(of: node))]`")])
            return nil
        case .sequence:
            return decodeRoleList(node, member: member()).map { .some($0) }
        case .mapping:
            // `{roles: [...]}`; `roles: ~` or `{}` leave the member's roles unmanaged.
            let known = reader.knownPairs(reader.document.pairs(of: node), allowed: Self.memberKeys)
            var valid = known.count == reader.document.count(of: node)
            var roles: [RoleReference]?
            for (_, _, value) in known where !reader.document.isNull(value) {
                guard reader.sequence(value, "roles of \(member())") != nil,
                      let decoded = decodeRoleList(value, member: member()) else {
                    valid = false
                    continue
                }
                roles = decoded
            }
            return valid ? .some(roles) : nil
        }
    }

    private mutating func decodeRoleList(_ node: YAMLDocument.NodeIndex, member: @autoclosure () -> String) -> [RoleReference]? {
        // The common case, all plain role names and no repeats, without the reporting path;
        // a list written before is not decoded again.
        let document = reader.document
        let fast = roleLists.roles(of: node, in: document) {
            document.cleanStrings(of: node, RoleReference.init).flatMap { Self.hasRepeats($0) ? nil : $0 }
        }
        if let fast { return fast }
        let items = reader.document.items(of: node)
        var roles: [RoleReference] = []
        var seen = Set<RoleReference>()
        roles.reserveCapacity(items.count)
        var valid = true
        for (position, item) in zip(items.indices, items) {
            guard let text = reader.string(item, "role of \(member())") else { valid = false; continue }
            let role = RoleReference(text)
            if !seen.insert(role).inserted {
                let first = items[items.startIndex..<position].first { reader.document.sameText($0, item) }
                reader.error("role \(SourceText.quoted(text)) is listed twice for \(member())", at: item,
                             notes: [.init("first listed here", at: first.map { reader.location($0) })])
                valid = false
                continue
            }
            roles.append(role)
        }
        return valid ? roles : nil
    }

    /// Whether a role is listed twice: pairwise for the usual short lists, hashed for long
    /// ones, so a hostile list of a million roles stays linear.
    static func hasRepeats(_ roles: [RoleReference]) -> Bool {
        if roles.count <= 8 {
            return roles.indices.contains { i in roles[..<i].contains(roles[i]) }
        }
        return Set(roles).count != roles.count
    }
}
