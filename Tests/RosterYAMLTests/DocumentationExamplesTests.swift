import Foundation
import Testing
import RosterCore
@testable import RosterYAML

/// The examples in the documentation are checked by the loader: a fenced `yaml` block is a
/// whole desired-state file that must be valid, unless its first line is `# invalid`, in
/// which case it must be rejected. Every desired state under `examples/*/orgs` must be valid.
@Suite("documentation examples")
struct DocumentationExamplesTests {
    struct Block: Sendable, CustomTestStringConvertible {
        let file: String
        let line: Int
        let text: String
        var testDescription: String { "\(file):\(line)" }
    }

    static let documents = ["README.md"] + ((try? FileManager.default.contentsOfDirectory(
        atPath: repositoryRoot.appendingPathComponent("docs").path)) ?? [])
        .filter { $0.hasSuffix(".md") }.sorted().map { "docs/" + $0 }

    static let blocks: [Block] = documents.flatMap { document -> [Block] in
        let url = repositoryRoot.appendingPathComponent(document)
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
        var blocks: [Block] = []
        var current: (line: Int, lines: [String])?
        for (number, line) in text.components(separatedBy: "\n").enumerated() {
            if current == nil, line == "```yaml" {
                current = (number + 2, [])
            } else if let open = current {
                if line == "```" {
                    blocks.append(Block(file: document, line: open.line, text: open.lines.joined(separator: "\n") + "\n"))
                    current = nil
                } else {
                    current?.lines.append(line)
                }
            }
        }
        return blocks
    }

    @Test("the documentation has yaml examples to check")
    func thereAreExamples() {
        #expect(Self.blocks.count >= 10)
        #expect(Self.blocks.contains { $0.file == "docs/format.md" })
    }

    @Test("every yaml block is valid, or rejected when marked # invalid", arguments: blocks)
    func block(_ block: Block) {
        let result = DesiredStateLoader().load(sources: [("\(block.file):\(block.line)", Array(block.text.utf8))])
        if block.text.hasPrefix("# invalid\n") {
            #expect(result.diagnostics.containsErrors, "a block marked # invalid was accepted")
        } else {
            #expect(result.diagnostics.errorTexts == [])
        }
    }

    @Test("every example desired state is valid")
    func examples() throws {
        let examples = repositoryRoot.appendingPathComponent("examples")
        let folders = try FileManager.default.contentsOfDirectory(atPath: examples.path).sorted()
            .map { examples.appendingPathComponent($0).appendingPathComponent("orgs").path }
            .filter { FileManager.default.fileExists(atPath: $0) }
        #expect(!folders.isEmpty)
        for folder in folders {
            let result = DesiredStateLoader().load(paths: [folder])
            #expect(result.diagnostics.errorTexts == [], "\(folder)")
            #expect(!result.state.organizations.isEmpty)
        }
    }

    @Test("the JSON Schema names exactly the keys the loader accepts")
    func schemaMatchesLoader() throws {
        let data = try Data(contentsOf: repositoryRoot.appendingPathComponent("docs/roster.schema.json"))
        let schema = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        var propertySets: [Set<String>] = []
        func collect(_ value: Any) {
            if let object = value as? [String: Any] {
                if let properties = object["properties"] as? [String: Any] { propertySets.append(Set(properties.keys)) }
                object.values.forEach(collect)
            } else if let array = value as? [Any] {
                array.forEach(collect)
            }
        }
        collect(schema)
        for keys in [DesiredStateDecoder.rootKeys, DesiredStateDecoder.organizationKeys,
                     DesiredStateDecoder.memberKeys, DesiredStateDecoder.policyKeys] {
            #expect(propertySets.contains(Set(keys)), "no schema object with exactly \(keys)")
        }
        #expect(propertySets.allSatisfy { set in
            [DesiredStateDecoder.rootKeys, DesiredStateDecoder.organizationKeys, DesiredStateDecoder.memberKeys,
             DesiredStateDecoder.policyKeys].contains { Set($0) == set }
        }, "the schema has an object the loader does not know: \(propertySets)")
    }
}
