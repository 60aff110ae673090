import Foundation

/// Writes reports and exported files: atomically (a temporary file, fsynced, renamed over
/// the path), so that a pipeline never reads half a file.
public enum OutputFile {
    /// Writes `text` to `path`, replacing what was there.
    ///
    /// - Throws: ``SessionError/outputFile(path:reason:)`` saying what to check.
    public static func write(_ text: String, to path: String) throws(SessionError) {
        do {
            try DurableFile.replace(path, with: Data(text.utf8))
        } catch {
            throw .outputFile(path: path, reason: "cannot write it (\(error)); check the folder exists and is writable")
        }
    }
}
