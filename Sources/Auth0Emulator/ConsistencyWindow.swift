/// Makes member-list writes visible to readers only after a delay, like Auth0's eventual
/// consistency (removals take seconds to show).
///
/// For each write it keeps the member list from before the write and the instant the write
/// becomes visible; a reader sees the list from before the oldest write not yet visible.
struct ConsistencyWindow: Sendable {
    private struct PendingWrite: Sendable {
        var visibleAt: ContinuousClock.Instant
        var before: [TenantStore.MemberRecord]
    }

    private let delay: Duration
    private var pending: [String: [PendingWrite]] = [:]

    /// Creates a window; a zero delay makes every write visible at once.
    init(delay: Duration) {
        self.delay = delay
    }

    /// Records a write to an organization's members.
    mutating func recordWrite(organizationID: String, before: [TenantStore.MemberRecord]) {
        guard delay > .zero else { return }
        let now = ContinuousClock.now
        var writes = pending[organizationID, default: []].filter { $0.visibleAt > now }
        writes.append(PendingWrite(visibleAt: now.advanced(by: delay), before: before))
        pending[organizationID] = writes
    }

    /// The member list a reader sees now.
    func visible(organizationID: String, current: [TenantStore.MemberRecord]) -> [TenantStore.MemberRecord] {
        guard delay > .zero, let writes = pending[organizationID] else { return current }
        let now = ContinuousClock.now
        return writes.first(where: { $0.visibleAt > now })?.before ?? current
    }
}
