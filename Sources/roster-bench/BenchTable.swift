import Foundation

/// The benchmark's report: scenario, measured, limit, ratio, target, verdict.
struct BenchTable {
    /// What a row's ratio is checked against.
    enum Target {
        /// A timing or size: the ratio must be at most this. Never decides the exit status.
        case atMost(Double)
        /// A request count: measured must equal the limit exactly. A miss fails the run.
        case exact
        /// Shown for information; no verdict.
        case detail
    }

    struct Row {
        var scenario: String
        var measured: String
        var limit: String
        var ratio: Double
        var target: Target
    }

    private(set) var rows: [Row] = []

    mutating func add(_ scenario: String, measured: String, limit: String, ratio: Double, target: Target) {
        rows.append(Row(scenario: scenario, measured: measured, limit: limit, ratio: ratio, target: target))
    }

    /// Adds a request-count row: measured against the minimum, which it must equal.
    mutating func addCount(_ scenario: String, measured: Int, minimum: Int) {
        add(scenario, measured: "\(measured) requests", limit: "minimum \(minimum)",
            ratio: minimum == 0 ? 1 : Double(measured) / Double(minimum), target: .exact)
        if measured != minimum { countMismatches.append("\(scenario): \(measured) requests, minimum \(minimum)") }
    }

    /// Request counts that differ from their minimum.
    private(set) var countMismatches: [String] = []

    /// A Markdown table. In a quick run timing verdicts say "smoke" (timings of tiny inputs
    /// prove nothing); request counts are checked in every run.
    func render(quick: Bool) -> String {
        var lines = ["| scenario | measured | limit | ratio | target | result |", "|---|---|---|---|---|---|"]
        for row in rows {
            let target: String
            let verdict: String
            switch row.target {
            case .atMost(let bound):
                target = "≤ " + String(format: "%.2fx", bound)
                verdict = quick ? "smoke" : (row.ratio <= bound ? "pass" : "FAIL")
            case .exact:
                target = "= 1.00x"
                verdict = row.ratio == 1 && !countMismatches.contains(where: { $0.hasPrefix(row.scenario + ":") })
                    ? "pass" : "FAIL"
            case .detail:
                target = "(detail)"
                verdict = ""
            }
            lines.append("| \(row.scenario) | \(row.measured) | \(row.limit) | "
                + String(format: "%.2fx", row.ratio) + " | \(target) | \(verdict) |")
        }
        return lines.joined(separator: "\n")
    }
}
