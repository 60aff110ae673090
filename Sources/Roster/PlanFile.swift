import Foundation
import RosterCore

/// Reads and writes plan files: the plan document's exact bytes, and their SHA-256.
public enum PlanFile {
    /// Writes the plan atomically (a temporary file, fsynced, renamed over the path) and
    /// returns the SHA-256 of the bytes written.
    public static func write(_ plan: Plan, to path: String) throws(SessionError) -> String {
        let data = Data(plan.renderedJSON().utf8)
        do {
            try DurableFile.replace(path, with: data)
        } catch {
            throw .planFile(path: path, reason: "cannot write it (\(error)); check the folder exists and is writable")
        }
        return StateDigest.sha256(data)
    }

    /// Reads a plan file and the SHA-256 of its bytes.
    ///
    /// - Throws: ``SessionError/planFile(path:reason:)`` for a missing file, a format
    ///   version this Roster does not read, or a document that is not a plan.
    public static func read(_ path: String) throws(SessionError) -> (plan: Plan, sha256: String) {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
            throw .planFile(path: path, reason: "it is a folder; give the file `roster plan --out` wrote")
        }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw .planFile(path: path, reason: "cannot read it (\(error.localizedDescription))")
        }
        let plan: Plan
        do {
            plan = try PlanDocument.decode(data)
        } catch {
            throw .planFile(path: path, reason: error.reason)
        }
        return (plan, StateDigest.sha256(data))
    }
}
