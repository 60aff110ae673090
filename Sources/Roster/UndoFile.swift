import Foundation
import RosterCore

/// The undo plan an apply leaves next to its journal (`FILE.undo`).
public enum UndoFile {
    /// What was written.
    public struct Written: Sendable {
        /// The undo plan's path.
        public var path: String
        /// The SHA-256 of its bytes, for `roster apply FILE.undo --plan-sha256`.
        public var sha256: String
        /// The undo plan.
        public var plan: Plan
    }

    /// Writes the inverse of every step the journal records as done (in this run and the
    /// runs before it) to `planPath + ".undo"`, replacing an earlier one. Writes nothing
    /// when no step is done. A role removal Auth0 answered "No such role" for has no
    /// inverse: the role itself is gone from the tenant.
    public static func write(for plan: Plan, planSHA256: String, planPath: String, journal: Journal,
                             now: Date = Date()) async throws(SessionError) -> Written? {
        let finished = await journal.finished
        let done = Set(finished.filter { $0.value.result == .done && !($0.value.detail ?? "").hasPrefix("already gone") }.keys)
        let createdAt = Date(timeIntervalSince1970: now.timeIntervalSince1970.rounded(.down))
        guard let undo = plan.undo(planSHA256: planSHA256, done: done, createdAt: createdAt) else { return nil }
        let path = planPath + ".undo"
        let sha256 = try PlanFile.write(undo, to: path)
        return Written(path: path, sha256: sha256, plan: undo)
    }
}
