/// The fewest requests Roster's reads and writes can take (docs/management-api.md, "How many
/// requests"): the benchmark's request counts must equal these exactly.
enum RequestFormula {
    /// Member pages of an organization of `members` members, 100 per page: Auth0 sends `next`
    /// on a short last page too, so the list ends with an empty page.
    static func memberPages(_ members: Int) -> Int { (members + 99) / 100 + 1 }

    /// Reading organizations of these member counts: a lookup and the member pages each,
    /// the role list when a role is named, one lookup per distinct email.
    static func read(memberCounts: [Int], roles: Int?, emails: Int = 0) -> Int {
        memberCounts.reduce(0) { $0 + 1 + memberPages($1) } + (roles.map { max(1, ($0 + 99) / 100) } ?? 0) + emails
    }

    /// A plan: one token request and the read.
    static func plan(memberCounts: [Int], roles: Int?, emails: Int = 0) -> Int {
        1 + read(memberCounts: memberCounts, roles: roles, emails: emails)
    }

    /// The writes of an apply: member removals in batches of `batch`, one call per member
    /// losing roles.
    static func writes(removed: [Int], roleStripped: [Int], batch: Int = 50) -> Int {
        removed.reduce(0) { $0 + ($1 + batch - 1) / batch } + roleStripped.reduce(0, +)
    }

    /// An apply: one token request, a fresh read of each organization before its writes,
    /// the writes, and one read-back of every changed organization.
    static func apply(before: [Int], after: [Int], removed: [Int], roleStripped: [Int]) -> Int {
        1 + read(memberCounts: before, roles: nil) + writes(removed: removed, roleStripped: roleStripped)
            + read(memberCounts: after, roles: nil)
    }
}
