import Foundation

/// One line of an apply journal (JSON lines). The first line of a journal names the plan;
/// every other line is the result of one step. Field names are a public contract
/// (docs/plan-format.md).
public struct JournalEntry: Sendable, Hashable, Codable {
    /// The kinds of line.
    public enum Kind: String, Sendable, Hashable, Codable {
        /// The journal's first line: which plan it belongs to.
        case plan
        /// The result of one step.
        case step
    }

    /// What a step came to.
    public enum Result: String, Sendable, Hashable, Codable {
        /// Written and fsynced just before the step's write call. A step with `started` and
        /// no later result may or may not have run: it is never run again from this journal.
        case started
        /// Carried out (or found already done by Auth0). Final: never repeated.
        case done
        /// Its precondition no longer held, so it was not run. Final: never repeated.
        case skipped
        /// It failed after the client's retries. Run again on the next apply.
        case failed

        /// Whether a resumed apply leaves the step alone as finished.
        public var isFinal: Bool { self == .done || self == .skipped }
    }

    /// Which kind of line.
    public var kind: Kind
    /// The SHA-256 of the plan file this journal belongs to.
    public var planSHA256: String
    /// The step, on step lines.
    public var stepID: String?
    /// The result, on step lines.
    public var result: Result?
    /// What happened, for people.
    public var detail: String?
    /// When the line was written.
    public var at: Date

    /// Creates an entry.
    public init(kind: Kind, planSHA256: String, stepID: String? = nil, result: Result? = nil, detail: String? = nil,
                at: Date) {
        self.kind = kind
        self.planSHA256 = planSHA256
        self.stepID = stepID
        self.result = result
        self.detail = detail
        self.at = at
    }

    enum CodingKeys: String, CodingKey {
        case kind = "type"
        case planSHA256 = "plan_sha256"
        case stepID = "step_id"
        case result, detail, at
    }
}
