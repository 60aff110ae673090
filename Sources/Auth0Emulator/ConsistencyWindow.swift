/// Makes member-list writes visible to readers only after a delay, like Auth0's eventual
/// consistency (removals take seconds to show).
///
/// For each write it keeps only its inverse: the member records the write removed or
/// changed, and the user ids it added or changed, plus the instant the write becomes
/// visible. A reader sees the current list with the inverses of every write not yet
/// visible undone, newest first. Memory per pending write is proportional to what the write
/// changed (at most ``IDListBody/maximumIDs`` members), never a copy of the whole list.
/// Writes that are already visible are forgotten at the next write to the organization.
struct ConsistencyWindow: Sendable {
    private struct PendingWrite: Sendable {
        var visibleAt: ContinuousClock.Instant
        /// Records present before the write and absent or different after it.
        var removed: [TenantStore.MemberRecord]
        /// User ids present after the write and absent or different before it.
        var added: Set<String>
    }

    private let delay: Duration
    private var pending: [String: [PendingWrite]] = [:]

    /// Creates a window; a zero delay makes every write visible at once.
    init(delay: Duration) {
        self.delay = delay
    }

    /// Records a write to an organization's members, by its inverse.
    mutating func recordWrite(
        organizationID: String, before: [TenantStore.MemberRecord], after: [TenantStore.MemberRecord]
    ) {
        guard delay > .zero else { return }
        let now = ContinuousClock.now
        let beforeByID = Dictionary(before.map { ($0.userID, $0) }, uniquingKeysWith: { first, _ in first })
        let afterByID = Dictionary(after.map { ($0.userID, $0) }, uniquingKeysWith: { first, _ in first })
        let removed = before.filter { afterByID[$0.userID] != $0 }
        let added = Set(after.lazy.filter { beforeByID[$0.userID] != $0 }.map(\.userID))
        var writes = pending[organizationID, default: []]
        writes.removeAll { $0.visibleAt <= now }
        writes.append(PendingWrite(visibleAt: now.advanced(by: delay), removed: removed, added: added))
        pending[organizationID] = writes
    }

    /// The member list a reader sees now.
    func visible(organizationID: String, current: [TenantStore.MemberRecord]) -> [TenantStore.MemberRecord] {
        guard delay > .zero, let writes = pending[organizationID] else { return current }
        let now = ContinuousClock.now
        let hidden = writes.filter { $0.visibleAt > now }
        guard !hidden.isEmpty else { return current }
        var byID = Dictionary(current.map { ($0.userID, $0) }, uniquingKeysWith: { first, _ in first })
        for write in hidden.reversed() {
            for userID in write.added { byID[userID] = nil }
            for record in write.removed { byID[record.userID] = record }
        }
        // Sequence numbers follow list order, so sorting by them restores it.
        return byID.values.sorted { $0.sequence < $1.sequence }
    }

    /// How many writes to an organization are remembered (for tests).
    func pendingCount(organizationID: String) -> Int { pending[organizationID]?.count ?? 0 }

    /// How many member records and ids the remembered writes hold (for tests).
    func pendingChangeCount(organizationID: String) -> Int {
        pending[organizationID]?.reduce(0) { $0 + $1.removed.count + $1.added.count } ?? 0
    }
}
