import Testing
import RosterCore
@testable import RosterYAML

@Suite("the strict YAML layer")
struct YAMLParserTests {
    @Test("a well-formed file becomes a located node tree")
    func locatedTree() throws {
        let result = parse("a: 1\nb:\n  - x\n  - 'y'\n")
        #expect(result.isComplete)
        #expect(result.diagnostics.isEmpty)
        let document = result.document
        let root = try #require(document.root)
        let pairs = document.pairs(of: root)
        #expect(pairs.count == 2)
        #expect(document.value(of: pairs[0].key) == "a")
        #expect(document.location(of: pairs[0].value) == SourceLocation(file: "test.yaml", line: 1, column: 4))
        let items = document.items(of: pairs[1].value)
        #expect(items.map { document.value(of: $0) } == ["x", "y"])
        #expect(document[items.last!].style == .singleQuoted)
        #expect(document.location(of: items.last!) == SourceLocation(file: "test.yaml", line: 4, column: 5))
    }

    @Test("a second document is an error at its start")
    func secondDocument() {
        let result = parse("a: 1\n---\nb: 2\n")
        #expect(!result.isComplete)
        #expect(result.diagnostics.errorSummaries == ["2:1: a desired-state file holds one document; a second one starts here"])
    }

    @Test("duplicate keys are errors naming both places, whatever their quoting", arguments: [
        "a: 1\na: 2\n", "a: 1\n'a': 2\n", "a: 1\n\"a\": 2\n", "{a: 1, \"a\": 2}\n",
    ])
    func duplicateKeys(yaml: String) throws {
        let result = parse(yaml)
        let diagnostic = try #require(result.diagnostics.first)
        #expect(result.diagnostics.count == 1)
        #expect(diagnostic.message == "duplicate key \"a\"")
        #expect(diagnostic.notes.first?.message == "first defined here")
        #expect(diagnostic.notes.first?.location?.column == 1 || diagnostic.notes.first?.location?.column == 2)
        #expect(diagnostic.notes.first?.location?.line == 1)
    }

    @Test("duplicates are found in large mappings too")
    func duplicateInLargeMapping() {
        var yaml = ""
        for i in 0..<50 { yaml += "k\(i): \(i)\n" }
        yaml += "k7: again\n"
        let result = parse(yaml)
        #expect(result.diagnostics.errorSummaries == ["51:1: duplicate key \"k7\""])
        #expect(result.diagnostics.first?.notes.first?.location?.line == 8)
    }

    @Test("keys must be scalars", arguments: ["? [a, b]\n: 1\n", "? {a: 1}\n: 2\n"])
    func collectionKeys(yaml: String) {
        let messages = parse(yaml).diagnostics.map(\.message)
        #expect(messages.count == 1)
        #expect(messages.first?.hasPrefix("a mapping key must be a scalar") == true)
    }

    @Test("anchors and aliases are refused where they stand")
    func anchorsAndAliases() {
        let result = parse("a: &x [1, 2]\nb: *x\n")
        #expect(result.diagnostics.errorSummaries == [
            "1:4: anchors (&x) are not allowed in desired-state files",
            "2:4: aliases (*name) are not allowed in desired-state files",
        ])
    }

    @Test("an alias bomb is refused without expanding anything")
    func aliasBomb() {
        var yaml = "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
        var previous = "a"
        for name in ["b", "c", "d", "e", "f", "g", "h", "i"] {
            yaml += "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ",") + "]\n"
            previous = name
        }
        let result = parse(yaml)
        // Expanded, this would be 9^9 strings; refused, it is a few dozen located errors.
        #expect(result.document.nodes.count < 200)
        #expect(result.diagnostics.count <= YAMLLimits.default.maxDiagnosticsPerFile + 1)
        #expect(result.diagnostics.first?.message.hasPrefix("anchors (&a)") == true)
        #expect(!load(yaml).isValid)
    }

    @Test("merge keys are refused")
    func mergeKey() {
        #expect(parse("a: {x: 1}\nb:\n  <<: {x: 2}\n").diagnostics.errorSummaries
            == ["3:3: merge keys (<<) are not allowed in desired-state files"])
        // A quoted "<<" is an ordinary key.
        #expect(parse("'<<': 1\n").diagnostics.isEmpty)
    }

    @Test("core tags are accepted", arguments: ["!!str 1", "!!int 3", "!!bool true", "!!null ''", "!!seq [a]", "!!map {a: 1}"])
    func coreTags(value: String) {
        #expect(parse("a: \(value)\n").diagnostics.isEmpty)
    }

    @Test("other tags are refused", arguments: [
        ("a: !foo x\n", "tag !foo is not allowed"),
        ("a: !!float 1.5\n", "tag !!float is not allowed"),
        ("a: !!binary aGk=\n", "tag !!binary is not allowed"),
        ("a: !!str [x]\n", "tag !!str cannot be used on a sequence"),
        ("a: !!seq x\n", "tag !!seq cannot be used on a scalar"),
        ("a: !!map [x]\n", "tag !!map cannot be used on a sequence"),
    ])
    func otherTags(yaml: String, message: String) {
        #expect(parse(yaml).diagnostics.map(\.message) == [message])
    }

    @Test("nesting deeper than the limit stops the parse at the limit")
    func depthLimit() {
        let result = parse(String(repeating: "[", count: 100_000))
        #expect(!result.isComplete)
        #expect(result.diagnostics.errorSummaries == ["1:65: nesting is deeper than 64 levels"])
    }

    @Test("nesting up to the limit is fine")
    func depthAtLimit() {
        let yaml = String(repeating: "[", count: 64) + String(repeating: "]", count: 64)
        #expect(parse(yaml).diagnostics.isEmpty)
    }

    @Test("a file over the size limit is refused before parsing")
    func sizeLimit() {
        let limits = YAMLLimits(maxDepth: 64, maxFileSize: 10, maxDiagnosticsPerFile: 100)
        let result = parse("a: 0123456789\n", limits: limits)
        #expect(result.diagnostics.errorSummaries == ["1:1: file is 14 bytes, over the limit of 10 bytes"])
        #expect(result.document.nodes.isEmpty)
    }

    @Test("a 100 MB scalar loads without trouble and is reported briefly")
    func hugeScalar() {
        let yaml = "version: 1\norganizations:\n  acme:\n    id: " + String(repeating: "x", count: 100_000_000) + "\n"
        let result = load(yaml)
        #expect(result.diagnostics.count == 1)
        let message = result.diagnostics.first?.message ?? ""
        #expect(message.hasSuffix("is not an Auth0 organization id"))
        #expect(message.count < 120)
    }

    @Test("tabs as indentation are a located error with a hint")
    func tabs() throws {
        let result = parse("a:\n\tb: 1\n")
        let diagnostic = try #require(result.diagnostics.first)
        #expect(diagnostic.location?.line == 2)
        #expect(diagnostic.notes.map(\.message).contains("a tab cannot indent YAML; indent with spaces"))
    }

    @Test("invalid UTF-8 is reported at its line and column")
    func invalidUTF8() throws {
        var bytes = Array("a: 1\nbb: x".utf8)
        bytes.append(0xFF)
        bytes += Array("\n".utf8)
        let result = YAMLParser().parse(bytes, file: "bad.yaml")
        let diagnostic = try #require(result.diagnostics.first)
        #expect(diagnostic.message == "invalid leading UTF-8 octet 0xFF")
        #expect(diagnostic.location == SourceLocation(file: "bad.yaml", line: 2, column: 6))
    }

    @Test("a raw control character is a located error")
    func controlCharacter() {
        let result = parse("a: 1\nb: x\u{7}y\n")
        #expect(result.diagnostics.errorSummaries == ["2:5: control characters are not allowed (U+0007)"])
    }

    @Test("UTF-16 files are refused; a UTF-8 byte-order mark is fine")
    func encodings() {
        let utf16: [UInt8] = [0xFF, 0xFE] + Array("a: 1\n".utf8).flatMap { [$0, 0] }
        #expect(YAMLParser().parse(utf16, file: "x.yaml").diagnostics.map(\.message)
            == ["file is UTF-16 encoded; desired-state files must be UTF-8"])
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("a: 1\n".utf8)
        let result = YAMLParser().parse(bom, file: "x.yaml")
        #expect(result.diagnostics.isEmpty)
        #expect(result.document.location(of: result.document.root!).line == 1)
    }

    @Test("a NUL escaped in a quoted scalar is kept by the parser and refused by the schema")
    func nulInQuotedScalar() {
        let yaml = "version: 1\norganizations:\n  acme:\n    members:\n      \"a\\0b@example.com\": [admin]\n"
        #expect(parse(yaml).diagnostics.isEmpty)
        #expect(load(yaml).diagnostics.errorSummaries
            == ["5:7: member \"a\\u{0}b@example.com\" contains a control character (U+0000)"])
    }

    @Test("libyaml's errors keep its problem, context and marks")
    func libyamlErrors() {
        let result = parse("a: [1, 2\nb: 3\n")
        #expect(!result.isComplete)
        #expect(result.diagnostics.errorSummaries
            == ["2:2: did not find expected ',' or ']' (while parsing a flow sequence at 1:4)"])
    }

    @Test("an empty file parses to no document")
    func emptyFile() {
        let result = parse("")
        #expect(result.isComplete)
        #expect(result.document.root == nil)
    }

    @Test("diagnostics per file are capped")
    func diagnosticCap() {
        let yaml = (0..<500).map { "k\($0): !foo x" }.joined(separator: "\n")
        let result = parse(yaml)
        #expect(result.diagnostics.count == YAMLLimits.default.maxDiagnosticsPerFile + 1)
        #expect(result.diagnostics.last?.message.hasPrefix("too many errors") == true)
    }
}
