import Dispatch
import Foundation

/// Runs an action once on SIGINT or SIGTERM instead of the default immediate exit.
final class SignalWatcher {
    private let sources: [any DispatchSourceSignal]

    /// Starts watching; `action` runs on the first signal.
    init(action: @escaping @Sendable () async -> Void) {
        let queue = DispatchQueue(label: "roster.signals")
        sources = [SIGINT, SIGTERM].map { signalNumber in
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: queue)
            source.setEventHandler { Task { await action() } }
            source.resume()
            return source
        }
    }

    /// Stops watching.
    func cancel() {
        for source in sources { source.cancel() }
    }
}
