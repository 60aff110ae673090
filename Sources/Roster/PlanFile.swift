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

    /// The largest plan file read: 1 GiB (a step takes about 400 bytes).
    public static let maximumSize: Int64 = 1 << 30

    /// Reads a plan file and the SHA-256 of its bytes.
    ///
    /// - Throws: ``SessionError/planFile(path:reason:)`` for a missing file, a folder, a
    ///   file that is not regular or is over ``maximumSize``, a format version this Roster
    ///   does not read, or a document that is not a plan.
    ///
    /// With `expectedSHA256`, a file whose bytes hash to anything else is refused before it is
    /// decoded: a tampered file is never parsed.
    public static func read(_ path: String, expectedSHA256: String? = nil) throws(SessionError) -> (plan: Plan, sha256: String) {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
            throw .planFile(path: path, reason: "it is a folder; give the file `roster plan --out` wrote")
        }
        // A regular file of a bounded size: a device, a pipe or a file given by mistake is
        // refused before anything is read into memory.
        if let attributes = try? FileManager.default.attributesOfItem(atPath: path) {
            if let type = attributes[.type] as? FileAttributeType, type != .typeRegular {
                throw .planFile(path: path, reason: "it is not a regular file; give the file `roster plan --out` wrote")
            }
            if let size = (attributes[.size] as? NSNumber)?.int64Value, size > maximumSize {
                throw .planFile(path: path, reason: "it is \(size) bytes; a plan file is at most \(maximumSize) bytes (1 GiB)")
            }
        }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw .planFile(path: path, reason: "cannot read it (\(error.localizedDescription))")
        }
        let sha256 = StateDigest.sha256(data)
        if let expectedSHA256, expectedSHA256 != sha256 {
            throw .digestMismatch(path: path, expected: expectedSHA256, actual: sha256)
        }
        let plan: Plan
        do {
            plan = try PlanDocument.decode(data)
        } catch {
            throw .planFile(path: path, reason: error.reason)
        }
        return (plan, sha256)
    }
}
