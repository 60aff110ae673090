import Auth0Management
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Shows `Reading organizations: 3/40` on one line of a terminal, rewritten in place, and
/// nothing at all when the output is not a terminal (a pipe, a CI log).
///
/// It lives in the CLI because only the CLI writes to the terminal; the library only calls
/// ``ProgressReporter``.
public struct TerminalProgressReporter: ProgressReporter {
    private let isTerminal: Bool
    private let sink: @Sendable (String) -> Void

    /// A reporter writing to `write` when `isTerminal` is true.
    public init(isTerminal: Bool, write: @escaping @Sendable (String) -> Void) {
        self.isTerminal = isTerminal
        self.sink = write
    }

    /// A reporter on standard error, active only when standard error is a terminal.
    public static func standardError() -> TerminalProgressReporter {
        TerminalProgressReporter(isTerminal: isatty(STDERR_FILENO) == 1) { text in
            Console.err(text, terminator: "")
        }
    }

    /// Rewrites the line; ends it when the last organization is read.
    public func organizationsRead(_ done: Int, of total: Int) {
        guard isTerminal, total > 0 else { return }
        sink("\r\u{1B}[2KReading organizations: \(done)/\(total)" + (done == total ? "\n" : ""))
    }
}
