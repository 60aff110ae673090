import Foundation
import Logging
import Synchronization

/// Every line logged through a logger it made, with metadata, for asserting what logs hold.
final class CapturedLogs: Sendable {
    private let lines = Mutex<[String]>([])

    /// All lines so far: level, message and metadata.
    var all: [String] { lines.withLock { $0 } }

    /// A logger at trace level that records into this capture.
    func logger(label: String = "roster-tests") -> Logger {
        var logger = Logger(label: label) { _ in Handler(capture: self) }
        logger.logLevel = .trace
        return logger
    }

    fileprivate func append(_ line: String) { lines.withLock { $0.append(line) } }

    private struct Handler: LogHandler {
        let capture: CapturedLogs
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            let merged = metadata.merging(event.metadata ?? [:]) { $1 }
            let rendered = merged.keys.sorted().map { "\($0)=\(merged[$0]!)" }.joined(separator: " ")
            capture.append("\(event.level) \(event.message) \(rendered)" + (event.error.map { " error=\($0)" } ?? ""))
        }
    }
}
