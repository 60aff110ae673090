import Foundation
import Testing

/// The example documents in docs/plan-format.md and docs/drift-format.md are what the
/// commands they name print for the bundled example (the time of the run and the globex
/// organization, which the examples leave out, aside): a change of the format or of the
/// digests shows here, not in a reader's pipeline.
@Suite("Documented example plan and drift report")
struct DocumentedExampleTests {
    @Test("the example in the format's document is what the command prints", arguments: [
        ("docs/plan-format.md", "plan"), ("docs/drift-format.md", "drift"),
    ])
    func example(document: String, command: String) async throws {
        let text = try String(contentsOf: repositoryRoot.appendingPathComponent(document), encoding: .utf8)
        let lead = "An example, from `roster \(command) examples/acme/orgs --emulator examples/acme/tenant.json --format json`"
        let start = try #require(text.range(of: lead), "\(document) has no example introduced by: \(lead)")
        let open = try #require(text.range(of: "```json\n", range: start.upperBound ..< text.endIndex))
        let close = try #require(text.range(of: "```", range: open.upperBound ..< text.endIndex))
        let documented = try Self.comparable(Data(text[open.upperBound ..< close.lowerBound].utf8))

        let output = try await RosterProcess.run(
            [command, "examples/acme/orgs", "--emulator", "examples/acme/tenant.json", "--format", "json"],
            in: repositoryRoot, environment: [:])
        #expect(output.status == (command == "plan" ? 0 : 2), "\(output.stderr)")
        let printed = try Self.comparable(Data(output.stdout.utf8))
        #expect(documented == printed, "\(document) differs from `roster \(command)`:\n\(output.stdout)")
    }

    /// The document without `created_at` and without the globex organization.
    static func comparable(_ data: Data) throws -> NSDictionary {
        var object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        object["created_at"] = nil
        let organizations = try #require(object["organizations"] as? [[String: Any]])
        object["organizations"] = organizations.filter { $0["name"] as? String != "globex" }
        return object as NSDictionary
    }
}
