import Foundation

extension DiagnosticReport {
    /// Pretty-printed JSON with sorted keys: stable for tools and diffs.
    public func renderedJSON() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Encoding plain structs of strings and integers cannot fail.
        let data = (try? encoder.encode(self)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    /// The one-line summary `roster validate` prints.
    public var summaryLine: String {
        let counts = "\(Self.plural(summary.files, "file")), \(Self.plural(summary.organizations, "organization")), "
            + Self.plural(summary.members, "member")
        if valid {
            let warnings = summary.warnings > 0 ? " with \(Self.plural(summary.warnings, "warning"))" : ""
            return "valid\(warnings): \(counts)"
        }
        var problems = Self.plural(summary.errors, "error")
        if summary.warnings > 0 { problems += ", \(Self.plural(summary.warnings, "warning"))" }
        return "invalid: \(problems) in \(Self.plural(summary.files, "file"))"
    }

    static func plural(_ count: Int, _ noun: String) -> String {
        "\(count) \(noun)\(count == 1 ? "" : "s")"
    }
}
