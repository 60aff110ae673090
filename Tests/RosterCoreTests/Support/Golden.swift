import Foundation
import Testing

/// Compares text with a golden file under `Snapshots/`. With `ROSTER_UPDATE_SNAPSHOTS=1`
/// in the environment the file is (re)written instead, and the test records an issue so that
/// an update never passes silently.
func assertGolden(_ text: String, _ name: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Snapshots").appendingPathComponent(name)
    if ProcessInfo.processInfo.environment["ROSTER_UPDATE_SNAPSHOTS"] == "1" {
        try Data(text.utf8).write(to: url)
        Issue.record("wrote \(name); run again without ROSTER_UPDATE_SNAPSHOTS", sourceLocation: sourceLocation)
        return
    }
    let expected = try String(contentsOf: url, encoding: .utf8)
    #expect(text == expected, "\(name) differs; rerun with ROSTER_UPDATE_SNAPSHOTS=1 to update", sourceLocation: sourceLocation)
}
