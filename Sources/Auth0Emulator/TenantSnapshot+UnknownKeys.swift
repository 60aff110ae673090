extension TenantSnapshot {
    /// The keys each kind of snapshot object may have. `branding` and `metadata` are free-form
    /// and not checked.
    enum KnownKeys {
        static let snapshot: Set<String> = ["domain", "clients", "roles", "users", "organizations"]
        static let client: Set<String> = ["client_id", "client_secret", "scopes"]
        static let role: Set<String> = ["id", "name", "description"]
        static let user: Set<String> = ["user_id", "email", "name", "picture"]
        static let organization: Set<String> = ["id", "name", "display_name", "branding", "metadata", "members"]
        static let member: Set<String> = ["user_id", "roles"]
    }

    /// Every key the snapshot format does not know, at its JSON path, with a did-you-mean
    /// suggestion when a known key is close. An unknown key is an error rather than ignored:
    /// a misspelled `organisations` would otherwise serve an empty tenant, and `--persist`
    /// would erase it from the file.
    static func unknownKeyProblems(in json: JSONValue) -> [SnapshotProblem] {
        var problems: [SnapshotProblem] = []
        func check(_ value: JSONValue?, _ known: Set<String>, at path: [SnapshotProblem.Component]) {
            guard let object = value?.objectValue else { return }
            for key in object.keys.sorted() where !known.contains(key) {
                var message = "unknown field \"\(key)\""
                if let suggestion = closestKey(to: key, in: known) {
                    message += "; did you mean \"\(suggestion)\"?"
                }
                problems.append(SnapshotProblem(path: SnapshotProblem.path(path + [.key(key)]), message: message))
            }
        }
        func checkEach(_ value: JSONValue?, _ known: Set<String>, at path: [SnapshotProblem.Component],
                       nested: ((JSONValue, [SnapshotProblem.Component]) -> Void)? = nil) {
            guard let items = value?.arrayValue else { return }
            for (index, item) in items.enumerated() {
                check(item, known, at: path + [.index(index)])
                nested?(item, path + [.index(index)])
            }
        }
        check(json, KnownKeys.snapshot, at: [])
        let top = json.objectValue ?? [:]
        checkEach(top["clients"], KnownKeys.client, at: [.key("clients")])
        checkEach(top["roles"], KnownKeys.role, at: [.key("roles")])
        checkEach(top["users"], KnownKeys.user, at: [.key("users")])
        checkEach(top["organizations"], KnownKeys.organization, at: [.key("organizations")]) { organization, path in
            checkEach(organization.objectValue?["members"], KnownKeys.member, at: path + [.key("members")])
        }
        return problems
    }

    /// The known key nearest to `key` (by edit distance, ignoring case), when it is close
    /// enough to be a likely misspelling.
    static func closestKey(to key: String, in known: Set<String>) -> String? {
        let lowered = key.lowercased()
        let scored = known.map { candidate in (candidate, editDistance(lowered, candidate.lowercased())) }
        guard let best = scored.min(by: { $0.1 < $1.1 || ($0.1 == $1.1 && $0.0 < $1.0) }) else { return nil }
        let allowed = best.0.count <= 3 ? 1 : max(2, min(3, best.0.count / 3))
        return best.1 <= allowed ? best.0 : nil
    }

    /// Levenshtein distance between two strings, by Unicode scalars.
    static func editDistance(_ lhs: String, _ rhs: String) -> Int {
        let left = Array(lhs.unicodeScalars)
        let right = Array(rhs.unicodeScalars)
        if left.isEmpty { return right.count }
        if right.isEmpty { return left.count }
        var previous = Array(0 ... right.count)
        var current = [Int](repeating: 0, count: right.count + 1)
        for i in 1 ... left.count {
            current[0] = i
            for j in 1 ... right.count {
                let cost = left[i - 1] == right[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            swap(&previous, &current)
        }
        return previous[right.count]
    }
}
