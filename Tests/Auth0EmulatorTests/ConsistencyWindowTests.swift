@testable import Auth0Emulator
import Testing

@Suite("Consistency window")
struct ConsistencyWindowTests {
    typealias Record = TenantStore.MemberRecord

    static let original = [
        Record(userID: "a", roles: ["r1"], sequence: 1),
        Record(userID: "b", roles: [], sequence: 2),
        Record(userID: "c", roles: ["r2"], sequence: 3),
    ]

    @Test("pending writes are undone newest first, restoring members, roles and order")
    func undo() {
        var window = ConsistencyWindow(delay: .seconds(600))
        var current = Self.original
        func write(_ change: (inout [Record]) -> Void) {
            let before = current
            change(&current)
            window.recordWrite(organizationID: "org", before: before, after: current)
        }
        write { $0.removeAll { $0.userID == "a" } }
        write { $0.append(Record(userID: "d", roles: [], sequence: 4)) }
        write { $0[0].roles = ["r3"] }
        write { $0.append(Record(userID: "a", roles: [], sequence: 5)) }
        #expect(window.visible(organizationID: "org", current: current) == Self.original)
        #expect(window.visible(organizationID: "other", current: current) == current)
    }

    @Test("a pending write keeps only what it changed, not the whole list")
    func memoryPerWrite() {
        var window = ConsistencyWindow(delay: .seconds(600))
        let big = (0 ..< 10_000).map { Record(userID: "u\($0)", roles: [], sequence: $0) }
        var after = big
        after.removeLast()
        window.recordWrite(organizationID: "org", before: big, after: after)
        #expect(window.pendingChangeCount(organizationID: "org") == 1)
    }

    @Test("writes become visible after the delay and are then forgotten")
    func expiry() async throws {
        var window = ConsistencyWindow(delay: .milliseconds(20))
        var after = Self.original
        after.removeFirst()
        window.recordWrite(organizationID: "org", before: Self.original, after: after)
        #expect(window.visible(organizationID: "org", current: after) == Self.original)
        try await Task.sleep(for: .milliseconds(60))
        #expect(window.visible(organizationID: "org", current: after) == after)
        window.recordWrite(organizationID: "org", before: after, after: Self.original)
        #expect(window.pendingCount(organizationID: "org") == 1, "the visible write was dropped")
    }
}
