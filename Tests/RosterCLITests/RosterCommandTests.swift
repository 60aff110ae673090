import Foundation
import Testing

@Suite("roster")
struct RosterCommandTests {
    @Test("--version prints the version")
    func version() throws {
        let output = try RosterProcess.run(["--version"])
        #expect(output.status == 0)
        #expect(output.stdout.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty == false)
        #expect(output.stdout.first?.isNumber == true)
    }

    @Test("help lists the commands with examples", arguments: [["help"], ["--help"], ["help", "validate"]])
    func help(arguments: [String]) throws {
        let output = try RosterProcess.run(arguments)
        #expect(output.status == 0)
        #expect(output.stdout.contains("validate"))
        #expect(output.stdout.contains("Examples:") || output.stdout.contains("EXAMPLES"))
    }
}
