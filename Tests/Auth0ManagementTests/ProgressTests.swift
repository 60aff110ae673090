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

    @Test("on a terminal the line is rewritten in place and ended at the last organization")
    func terminal() {
        let written = Mutex<[String]>([])
        let reporter = TerminalProgressReporter(isTerminal: true) { text in written.withLock { $0.append(text) } }
        for done in 0 ... 2 { reporter.organizationsRead(done, of: 2) }
        #expect(written.withLock { $0 } == [
            "\r\u{1B}[2KReading organizations: 0/2", "\r\u{1B}[2KReading organizations: 1/2",
            "\r\u{1B}[2KReading organizations: 2/2\n",
        ])
    }

    @Test("when standard error is not a terminal nothing is written")
    func notTerminal() {
        let written = Mutex<[String]>([])
        let reporter = TerminalProgressReporter(isTerminal: false) { text in written.withLock { $0.append(text) } }
        for done in 0 ... 40 { reporter.organizationsRead(done, of: 40) }
        #expect(written.withLock { $0 }.isEmpty)
    }
}
