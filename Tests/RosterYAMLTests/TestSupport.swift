import Foundation
import RosterCore
@testable import RosterYAML

/// Loads one in-memory file named `file` through the whole loader.
func load(_ yaml: String, file: String = "test.yaml", limits: YAMLLimits = .default) -> DesiredStateLoader.Result {
    DesiredStateLoader(limits: limits).load(sources: [(file, Array(yaml.utf8))])
}

/// Parses bytes through the strict YAML layer only.
func parse(_ yaml: String, limits: YAMLLimits = .default) -> YAMLParseResult {
    YAMLParser(limits: limits).parse(Array(yaml.utf8), file: "test.yaml")
}

extension Array where Element == Diagnostic {
    /// The errors, rendered compiler style, for readable assertions.
    var errorTexts: [String] { filter { $0.severity == .error }.map(\.renderedText) }
    /// The warnings' messages.
    var warningMessages: [String] { filter { $0.severity == .warning }.map(\.message) }
    /// `line:column: message` of every error, without the file name.
    var errorSummaries: [String] {
        filter { $0.severity == .error }.map { d in
            d.location.map { "\($0.line):\($0.column): \(d.message)" } ?? d.message
        }
    }
}

/// The folder of this test target's fixtures.
let fixturesDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

/// The repository's root folder.
let repositoryRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
