import Foundation
import Testing
import RosterCore
@_spi(Testing) @testable import RosterYAML

/// Large files are parsed with libyaml on a thread of its own (``EventPipeline``) and their
/// organizations decoded in runs on every core. Both must give exactly what the plain loop
/// and one run give: the same tree, the same diagnostics in the same order, the same state.
@Suite("Pipelined parsing and decoding in runs")
struct PipelineEquivalenceTests {
    /// Every input the other tests use: the YAML test suite, the fuzz fixtures, the
    /// examples, and a generated file with a mistake of every kind.
    static let inputs: [(name: String, bytes: [UInt8])] = {
        var inputs: [(String, [UInt8])] = YAMLTestSuiteTests.cases.compactMap { testCase in
            (try? YAMLTestSuiteTests.input(testCase)).map { (testCase.path, $0) }
        }
        let root = fixturesDirectory.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        for folder in [fixturesDirectory.appendingPathComponent("fuzz"), root.appendingPathComponent("examples")] {
            let files = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)
            while let url = files?.nextObject() as? URL {
                guard url.pathExtension == "yaml", let data = try? Data(contentsOf: url) else { continue }
                inputs.append((url.lastPathComponent, Array(data)))
            }
        }
        inputs.append(("generated-valid", Array(generated(mistakes: false).utf8)))
        inputs.append(("generated-mistakes", Array(generated(mistakes: true).utf8)))
        for (name, tail) in [("second-document", "---\nversion: 1\n"), ("syntax-error", "  bad: [unclosed\n"),
                             ("deep", String(repeating: "[", count: 80) + String(repeating: "]", count: 80) + "\n"),
                             // Organizations decoded while the tree is built must give way to
                             // what the whole file says: a policy after them, a repeated
                             // organization, a second `organizations:`, an unknown root key.
                             ("repeated-organization", "  org-3:\n    members: {auth0|x: [viewer]}\n"),
                             ("second-organizations", "organizations:\n  other: {members: {auth0|y: ~}}\n"),
                             ("unknown-root-key", "colour: blue\n")] {
            inputs.append((name, Array((generated(mistakes: false) + tail).utf8)))
        }
        let body = generated(mistakes: true).split(separator: "\n", omittingEmptySubsequences: false).dropFirst(3)
        for (name, head) in [("version-2", "version: 2\n"),
                             ("removals-first", "policy:\n  max_member_removals: 3\nversion: 1\n"),
                             ("policy-first", "policy: {protected: [a@b.c]}\nversion: 1\n"),
                             ("bad-policy-first", "version: 1\npolicy: {max_member_removals: -1}\n"),
                             ("organizations-list", "version: 1\norganizations:\n  - org-1\nother:\n")] {
            inputs.append((name, Array((head + body.joined(separator: "\n")).utf8)))
        }
        // A file-level policy after the organizations: decoded before it, they must be
        // decoded again with it.
        inputs.append(("policy-after-organizations",
                       Array(("version: 1\n" + body.joined(separator: "\n") + "policy:\n  max_member_removals: 3\n").utf8)))
        return inputs
    }()

    /// Forty organizations in the forms real files mix; with `mistakes`, an unknown key, a
    /// duplicate member, an anchor, an alias, a tag, a bad role list, an empty member list.
    static func generated(mistakes: Bool) -> String {
        var text = "version: 1\npolicy:\n  protected: [auth0|breakglass]\norganizations:\n"
        for org in 0 ..< 40 {
            text += "  org-\(org):\n    id: org_\(org)abc\n    members:\n"
            for member in 0 ..< 12 {
                switch member % 3 {
                case 0: text += "      auth0|u\(org)x\(member): [admin, viewer]\n"
                case 1: text += "      user\(org).\(member)@example.com:\n        roles:\n          - billing\n"
                default: text += "      google-oauth2|\(org)\(member):\n"
                }
            }
            guard mistakes else { continue }
            switch org % 8 {
            case 1: text += "    colour: blue\n"
            case 2: text += "      auth0|u\(org)x0: [admin]\n"
            case 3: text += "      auth0|anchored: &a [viewer]\n      auth0|aliased: *a\n"
            case 4: text += "      auth0|tagged: !!str viewer\n      auth0|tagged2: !custom [viewer]\n"
            case 5: text += "      auth0|roles: [admin, admin, \"\"]\n"
            case 6: text += "      not a principal: [viewer]\n"
            default: break
            }
        }
        return text
    }

    static func parse(_ bytes: [UInt8], pipelined: Bool, chunkSize: Int = 4_096, limits: YAMLLimits = .default) -> YAMLParseResult {
        var parser = YAMLParser(limits: limits)
        parser.pipelineMinimumSize = pipelined ? 0 : .max
        parser.pipelineChunkSize = chunkSize
        return parser.parse(bytes, file: "in.yaml")
    }

    static func expectSame(_ a: YAMLParseResult, _ b: YAMLParseResult, _ name: String) {
        #expect(a.isComplete == b.isComplete, "\(name)")
        #expect(a.diagnostics == b.diagnostics, "\(name)")
        #expect(a.document.nodes == b.document.nodes, "\(name)")
        #expect(a.document.children == b.document.children, "\(name)")
        #expect(a.document.text == b.document.text, "\(name)")
        #expect(a.document.root == b.document.root, "\(name)")
        #expect(a.document == b.document, "\(name)")
    }

    @Test("the inputs are there, and include failures of every kind")
    func inputsCover() {
        #expect(Self.inputs.count >= 402 + 10 + 2 + 3 + 3 + 5 + 1)
        let results = Self.inputs.map { Self.parse($0.bytes, pipelined: true, chunkSize: 3) }
        #expect(results.contains { !$0.isComplete })
        #expect(results.contains { $0.diagnostics.contains { $0.message.contains("second one starts here") } })
        #expect(results.contains { $0.diagnostics.contains { $0.message.contains("nesting is deeper") } })
        #expect(results.contains { $0.diagnostics.contains { $0.message.contains("anchors") } })
        #expect(results.contains { $0.diagnostics.contains { $0.message.contains("tag !custom") } })
    }

    @Test("the pipeline gives the plain loop's tree and diagnostics", arguments: [1, 2, 7, 4_096])
    func sameParse(chunkSize: Int) {
        for (name, bytes) in Self.inputs {
            Self.expectSame(Self.parse(bytes, pipelined: true, chunkSize: chunkSize), Self.parse(bytes, pipelined: false), name)
        }
    }

    @Test("a pipeline stopped by too many errors stops where the plain loop stops")
    func tooManyErrors() {
        let limits = YAMLLimits(maxDepth: 64, maxFileSize: 1 << 20, maxDiagnosticsPerFile: 3)
        let bytes = Array((0 ..< 50).map { "k: &a\($0) v\n" }.joined().utf8)
        for chunkSize in [1, 5, 4_096] {
            let pipelined = Self.parse(bytes, pipelined: true, chunkSize: chunkSize, limits: limits)
            Self.expectSame(pipelined, Self.parse(bytes, pipelined: false, limits: limits), "chunks of \(chunkSize)")
            #expect(!pipelined.isComplete)
            #expect(pipelined.diagnostics.last?.message.hasPrefix("too many errors") == true)
        }
    }

    @Test("a file over both thresholds loads as it does on one thread")
    func defaultThresholds() {
        // 1,000 organizations of 12 members: over 256 KiB and 50,000 nodes.
        var text = ""
        for copy in 0 ..< 25 {
            let organizations = Self.generated(mistakes: copy == 7).split(separator: "\n", omittingEmptySubsequences: false)
                .dropFirst(4).joined(separator: "\n")
            text += organizations.replacingOccurrences(of: "  org-", with: "  c\(copy)-org-")
        }
        let bytes = Array(("version: 1\norganizations:\n" + text).utf8)
        #expect(bytes.count > 256 * 1_024)
        var oneThread = DesiredStateLoader()
        oneThread.parallel = false
        let a = DesiredStateLoader().load(sources: [("big.yaml", bytes)]), b = oneThread.load(sources: [("big.yaml", bytes)])
        #expect(a.state == b.state)
        #expect(a.diagnostics == b.diagnostics)
        #expect(a.state.organizations.count >= 960 && !a.diagnostics.isEmpty)
        #expect(YAMLParser().parse(bytes, file: "big.yaml").document.nodes.count > DesiredStateDecoder.nodesPerRun)
    }

    @Test("organizations decoded in runs give the state and diagnostics of one run", arguments: [2, 3, 8, 40])
    func sameDecode(runs: Int) {
        for (name, bytes) in Self.inputs {
            var one = DesiredStateLoader()
            one.pipelineMinimumSize = .max
            one.decodeRuns = 1
            var split = DesiredStateLoader()
            split.pipelineMinimumSize = 0
            split.pipelineChunkSize = 5
            split.decodeRuns = runs
            let a = one.load(sources: [(name, bytes)]), b = split.load(sources: [(name, bytes)])
            #expect(a.state == b.state, "\(name)")
            #expect(a.diagnostics == b.diagnostics, "\(name)")
        }
        // The generated files do reach the decoder: one loads, the other has its mistakes.
        var loader = DesiredStateLoader()
        loader.decodeRuns = runs
        let valid = loader.load(sources: [("v.yaml", Array(Self.generated(mistakes: false).utf8))])
        #expect(valid.isValid && valid.state.organizations.count == 40 && valid.state.memberCount == 480)
        let mistakes = loader.load(sources: [("m.yaml", Array(Self.generated(mistakes: true).utf8))])
        #expect(mistakes.diagnostics.filter { $0.severity == .error }.count >= 10)
    }
}
