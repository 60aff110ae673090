import Dispatch
import Foundation
import Synchronization

/// Runs an action once on the first SIGINT or SIGTERM instead of the default immediate exit;
/// a second SIGINT or SIGTERM exits at once with the shell's status for that signal
/// (130 for SIGINT, 143 for SIGTERM), without waiting for the action to finish.
final class SignalWatcher {
    /// Whether a signal has already been received; shared by the handlers of both signals.
    private final class Received: Sendable {
        private let flag = Mutex(false)

        /// Marks a signal as received; true the first time only.
        func first() -> Bool {
            flag.withLock { received in
                defer { received = true }
                return !received
            }
        }
    }

    private static let signals = [SIGINT, SIGTERM]
    private let sources: [any DispatchSourceSignal]

    /// Starts watching; `action` runs on the first signal.
    init(action: @escaping @Sendable () async -> Void) {
        let queue = DispatchQueue(label: "roster.signals")
        let received = Received()
        sources = Self.signals.map { signalNumber in
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: queue)
            source.setEventHandler {
                if received.first() {
                    Task { await action() }
                } else {
                    exit(128 + signalNumber)
                }
            }
            source.resume()
            return source
        }
    }

    /// Stops watching and gives both signals back their default action.
    func cancel() {
        for source in sources { source.cancel() }
        for signalNumber in Self.signals { signal(signalNumber, SIG_DFL) }
    }
}
