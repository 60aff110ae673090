import RosterCore

extension DesiredStateDecoder {
    static let policyKeys = [
        "members", "roles", "protected", "max_member_removals", "max_member_removal_percent",
        "max_role_removals", "min_role_holders", "allow_empty", "additions",
    ]

    /// Decodes a `policy:` block. Returns `nil` after reporting any error in it.
    mutating func decodePolicy(_ node: YAMLDocument.NodeIndex) -> PolicyOverrides? {
        guard let pairs = reader.mapping(node, "policy") else { return nil }
        let known = reader.knownPairs(pairs, allowed: Self.policyKeys)
        var valid = known.count == pairs.count
        var overrides = PolicyOverrides()
        let count = 0...Int.max
        for (key, _, value) in known {
            let decoded: Bool
            switch key {
            case "members":
                overrides.members = mode(value, key)
                decoded = overrides.members != nil
            case "roles":
                overrides.roles = mode(value, key)
                decoded = overrides.roles != nil
            case "protected":
                overrides.protected = protectedList(value)
                decoded = overrides.protected != nil
            case "max_member_removals":
                overrides.maxMemberRemovals = reader.integer(value, key, in: count)
                decoded = overrides.maxMemberRemovals != nil
            case "max_member_removal_percent":
                overrides.maxMemberRemovalPercent = reader.integer(value, key, in: 0...100)
                decoded = overrides.maxMemberRemovalPercent != nil
            case "max_role_removals":
                overrides.maxRoleRemovals = reader.integer(value, key, in: count)
                decoded = overrides.maxRoleRemovals != nil
            case "min_role_holders":
                overrides.minRoleHolders = minRoleHolders(value)
                decoded = overrides.minRoleHolders != nil
            case "additions":
                overrides.additions = reader.bool(value, key)
                decoded = overrides.additions != nil
            default:
                overrides.allowEmpty = reader.bool(value, key)
                decoded = overrides.allowEmpty != nil
            }
            valid = valid && decoded
        }
        return valid ? overrides : nil
    }

    private mutating func mode(_ node: YAMLDocument.NodeIndex, _ key: String) -> MembershipMode? {
        let allowed = MembershipMode.allCases.map(\.rawValue)
        if reader.document.isNull(node) {
            reader.error("\(key) must be \(allowed.joined(separator: " or ")), found null", at: node)
            return nil
        }
        guard let text = reader.string(node, key) else { return nil }
        if let mode = MembershipMode(rawValue: text) { return mode }
        var message = "\(key) must be \(allowed.joined(separator: " or ")), found \(SourceText.quoted(text))"
        if let suggestion = KeySuggestion.closest(to: text, among: allowed) {
            message += "; did you mean \"\(suggestion)\"?"
        }
        reader.error(message, at: node)
        return nil
    }

    private mutating func protectedList(_ node: YAMLDocument.NodeIndex) -> [Principal]? {
        if reader.document.isNull(node) { return [] }
        guard let items = reader.sequence(node, "protected",
                                          notes: [.init("write `protected: [auth0|breakglass, ops@example.com]`")]) else {
            return nil
        }
        var principals: [Principal] = []
        // Exact entries, and entries as compared for "the same person" (emails without case).
        var seen = Set<Principal>(), seenKeys = Set<String>()
        var valid = true
        for item in items {
            guard let text = reader.string(item, "protected entry") else { valid = false; continue }
            guard let principal = Principal(parsing: text) else {
                reader.error("protected entry \(SourceText.quoted(text)) is neither a user id (provider|id) nor an email address",
                             at: item)
                valid = false
                continue
            }
            if !seenKeys.insert(principal.comparisonKey).inserted {
                reader.warning("\(SourceText.abbreviated(principal.description)) is listed twice in protected", at: item)
            }
            // An email spelt with other capitals is kept too: each spelling is looked up as
            // written, and protecting more is the safe side.
            if seen.insert(principal).inserted { principals.append(principal) }
        }
        return valid ? principals : nil
    }

    /// A mapping; null is an error, not "none": an organization's `min_role_holders`
    /// replaces the file's, so a value left out by mistake would drop every floor.
    private mutating func minRoleHolders(_ node: YAMLDocument.NodeIndex) -> [String: Int]? {
        let notes: [Diagnostic.Note] = reader.document.isNull(node)
            ? [.init("write `min_role_holders: {admin: 1}`, or `min_role_holders: {}` for no floor (an organization's replaces the file's)")]
            : [.init("write `min_role_holders: {admin: 1}`")]
        guard let pairs = reader.mapping(node, "min_role_holders", notes: notes) else { return nil }
        var result: [String: Int] = [:]
        var valid = true
        for (keyNode, value) in pairs where !reader.document[keyNode].isReported {
            guard let role = reader.string(keyNode, "role name in min_role_holders"),
                  let minimum = reader.integer(value, "min_role_holders.\(SourceText.abbreviated(role))", in: 0...Int.max)
            else { valid = false; continue }
            // Keys spelt alike byte for byte are refused while parsing; two spellings of one
            // name (a precomposed letter and its decomposed form) meet here, and one floor
            // must not silently replace the other.
            guard result[role] == nil else {
                reader.error("role \(SourceText.abbreviated(role)) is listed twice in min_role_holders (written two ways)",
                             at: keyNode, notes: [.init("keep one entry per role")])
                valid = false
                continue
            }
            result[role] = minimum
        }
        return valid ? result : nil
    }
}
