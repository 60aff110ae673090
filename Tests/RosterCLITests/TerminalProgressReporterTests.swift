@testable import RosterCLI
import Synchronization
import Testing

@Suite("Terminal progress")
struct TerminalProgressReporterTests {
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
