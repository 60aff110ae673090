import Foundation
import Testing

/// Every command given broken input exits 1 with one error that names what is wrong and
/// where, and never a crash or a stack trace. Rows live in `BrokenInput+Rows.swift`.
@Suite("Broken input: one located, actionable error, exit 1")
struct BrokenInputTests {
    static let crashMarkers = ["Fatal error", "Stack dump", "Current stack trace", "Backtrace", "#0 0x", "SIGSEGV", "SIGILL"]

    @Test("a command given broken input exits 1 with one error naming the problem", arguments: BrokenInput.all)
    func brokenInput(_ row: BrokenInput) async throws {
        let folder = try temporaryFolder([:])
        defer { try? FileManager.default.removeItem(at: folder) }
        let workspace = BrokenInput.Workspace(folder: folder)
        try await row.setup(workspace)
        let output = try await RosterProcess.run(row.arguments(workspace), in: folder, environment: [:])
        let report = "stdout:\n\(output.stdout)\nstderr:\n\(output.stderr)"
        #expect(output.status == 1, "\(report)")
        for marker in Self.crashMarkers { #expect(!output.stderr.contains(marker), "\(report)") }
        let errors = output.stderr.split(separator: "\n").filter(Self.isError)
        #expect(errors.count == 1, "one error line, not \(errors.count):\n\(report)")
        #expect(errors.first?.contains(row.mentions) == true, "the error names \(row.mentions):\n\(report)")
        // The usage text of `roster` itself helps only with a command name it does not know;
        // after any other mistake it points away from the problem.
        #expect(!output.stderr.contains("Usage: roster <subcommand>") || row.arguments(workspace) == ["frobnicate"], "\(report)")
    }

    /// `error: ...`, `file:line:column: error: ...` or ArgumentParser's `Error: ...`; not
    /// plan's closing count of the desired state's errors listed above it.
    static func isError(_ line: Substring) -> Bool {
        if line.hasPrefix("error: the desired state has ") { return false }
        return line.hasPrefix("error: ") || line.hasPrefix("Error: ") || line.contains(": error: ")
    }
}
