import Auth0Management
import Synchronization
import Testing

@Suite("Progress")
struct ProgressTests {
    /// Records every call.
    final class Recorder: ProgressReporter {
        let calls = Mutex<[String]>([])
        func organizationsRead(_ done: Int, of total: Int) { calls.withLock { $0.append("\(done)/\(total)") } }
    }

    @Test("the reader reports organizations done out of the total, from 0 to all")
    func reported() async throws {
        let snapshot = TestTenant.snapshot(organizations: 9, memberCount: { $0 * 20 })
        try await ClientHarness.with(snapshot) { harness in
            let recorder = Recorder()
            _ = try await harness.client().readCurrentState(
                of: TestTenant.desired(organizations: snapshot.organizations.map(\.name)), progress: recorder)
            #expect(recorder.calls.withLock { $0 } == (0 ... 9).map { "\($0)/9" })
        }
    }
}
