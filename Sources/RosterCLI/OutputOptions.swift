import ArgumentParser
import Foundation
import Logging
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How results are shown: colour (only at a terminal, never with `NO_COLOR` or
/// `--no-color`) and the log level on standard error.
struct OutputOptions: ParsableArguments {
    @Flag(name: .long, help: "Never colour the output (NO_COLOR in the environment does the same).")
    var noColor = false

    @Option(name: .long, help: "Log level on standard error: trace, debug, info, notice, warning, error.")
    var logLevel: String = "warning"

    func validate() throws {
        if Logger.Level(rawValue: logLevel) == nil { throw ValidationError("unknown --log-level \(logLevel)") }
    }

    /// Whether standard output gets ANSI colour.
    var useColor: Bool {
        let noColorVariable = ProcessInfo.processInfo.environment["NO_COLOR"].map { !$0.isEmpty } ?? false
        return !noColor && !noColorVariable && isatty(STDOUT_FILENO) == 1
    }

    /// A logger on standard error at the chosen level.
    func logger() -> Logger {
        var logger = Logger(label: "roster") { StreamLogHandler.standardError(label: $0) }
        logger.logLevel = Logger.Level(rawValue: logLevel) ?? .warning
        return logger
    }
}
