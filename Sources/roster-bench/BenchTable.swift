import Foundation
/// The benchmark's report: scenario, measured, limit, ratio, target, verdict.
struct BenchTable {
    struct Row {
        var scenario: String
        var measured: String
        var limit: String
        var ratio: Double
        var target: Double?
    }

    var rows: [Row] = []

    mutating func add(scenario: String, measured: String, limit: String, ratio: Double, target: Double?) {
        rows.append(Row(scenario: scenario, measured: measured, limit: limit, ratio: ratio, target: target))
    }

    /// A Markdown table; in a quick run the verdict column says "smoke" (timings of tiny inputs
    /// prove nothing).
    func render(quick: Bool) -> String {
        var lines = ["| scenario | measured | limit | ratio | target | result |", "|---|---|---|---|---|---|"]
        for row in rows {
            let target = row.target.map { "≤ " + String(format: "%.2fx", $0) } ?? "(detail)"
            let verdict = row.target.map { quick ? "smoke" : (row.ratio <= $0 ? "pass" : "FAIL") } ?? ""
            lines.append("| \(row.scenario) | \(row.measured) | \(row.limit) | "
                + String(format: "%.2fx", row.ratio) + " | \(target) | \(verdict) |")
        }
        return lines.joined(separator: "\n")
    }
}
