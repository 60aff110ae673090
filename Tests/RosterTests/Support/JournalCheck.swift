import Foundation
import Roster
import Testing

/// The journal invariants every apply must keep, however it ended.
enum JournalCheck {
    /// The entries of a journal. With `allowTornLastLine`, a last line without its newline
    /// (cut short by a kill, and dropped by the next apply) is left out.
    static func entries(_ path: String, allowTornLastLine: Bool = false) throws -> [JournalEntry] {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        var lines = data.split(separator: 0x0A, omittingEmptySubsequences: false)
        if lines.last?.isEmpty == true { lines.removeLast() } else if allowTornLastLine, !lines.isEmpty { lines.removeLast() }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try lines.enumerated().map { index, line in
            do {
                return try decoder.decode(JournalEntry.self, from: Data(line))
            } catch {
                throw JournalProblem(description: "\(path): line \(index + 1) does not parse: \(String(decoding: line, as: UTF8.self))")
            }
        }
    }

    /// Every line parses; the first names the plan and is the only plan line; every line is
    /// for the same plan; no step is recorded done or skipped twice, and none is started
    /// again after a final result. Returns the steps with a final result.
    @discardableResult
    static func expectSound(_ path: String, steps: Int? = nil, sourceLocation: SourceLocation = #_sourceLocation) throws -> Set<String> {
        let entries = try entries(path)
        #expect(entries.first?.kind == .plan, "the first line names the plan", sourceLocation: sourceLocation)
        #expect(entries.filter { $0.kind == .plan }.count == 1, "one plan line", sourceLocation: sourceLocation)
        #expect(Set(entries.map(\.planSHA256)).count == 1, "one plan", sourceLocation: sourceLocation)
        var final = Set<String>()
        for entry in entries where entry.kind == .step {
            let id = try #require(entry.stepID, sourceLocation: sourceLocation)
            let result = try #require(entry.result, sourceLocation: sourceLocation)
            #expect(!final.contains(id), "\(id) recorded again (\(result)) after a final result", sourceLocation: sourceLocation)
            if result.isFinal { final.insert(id) }
        }
        if let steps { #expect(final.count == steps, "every step has a final result", sourceLocation: sourceLocation) }
        return final
    }
}

/// A journal line that does not parse.
struct JournalProblem: Error, CustomStringConvertible {
    var description: String
}
