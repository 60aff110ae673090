import Foundation
import Testing
import RosterCore
@testable import RosterYAML

/// The official YAML test suite (inputs in Fixtures/yaml-test-suite): every case either
/// parses or fails with located errors, never a crash or a hang; every invalid case is
/// rejected, except those libyaml 0.2.5 itself accepts.
@Suite("the YAML test suite")
struct YAMLTestSuiteTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let path: String
        let isError: Bool
        var testDescription: String { path }
    }

    static let suiteDirectory = fixturesDirectory.appendingPathComponent("yaml-test-suite")

    static let cases: [Case] = {
        let index = (try? String(contentsOf: suiteDirectory.appendingPathComponent("index.tsv"), encoding: .utf8)) ?? ""
        return index.split(separator: "\n").dropFirst().map { line in
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            return Case(path: String(fields[0]), isError: fields[1] == "1")
        }
    }()

    /// Path to libyaml 0.2.5's verdict, for the cases where it disagrees with the suite.
    static let libyamlVerdicts: [String: String] = {
        let text = (try? String(contentsOf: suiteDirectory.appendingPathComponent("libyaml-0.2.5-failures.tsv"),
                                encoding: .utf8)) ?? ""
        var verdicts: [String: String] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") && !line.hasPrefix("path\t") {
            let fields = line.split(separator: "\t")
            verdicts[String(fields[0])] = String(fields[1])
        }
        return verdicts
    }()

    static func input(_ testCase: Case) throws -> [UInt8] {
        let url = suiteDirectory.appendingPathComponent("data").appendingPathComponent(testCase.path)
            .appendingPathComponent("in.yaml")
        return Array(try Data(contentsOf: url))
    }

    @Test("the fixtures are all there")
    func fixtures() {
        #expect(Self.cases.count == 402)
        #expect(Self.cases.filter(\.isError).count == 94)
        #expect(Self.libyamlVerdicts.count == 72)
    }

    @Test("every case yields a tree or located errors", arguments: cases)
    func everyCase(testCase: Case) throws {
        let bytes = try Self.input(testCase)
        let result = YAMLParser().parse(bytes, file: "in.yaml")
        for diagnostic in result.diagnostics {
            let location = try #require(diagnostic.location, "\(diagnostic.message)")
            #expect(location.line >= 1 && location.column >= 1)
        }
        if !result.isComplete {
            #expect(result.diagnostics.containsErrors, "the parse stopped without saying why")
        }
        if testCase.isError && Self.libyamlVerdicts[testCase.path] != "false-accept" {
            #expect(result.diagnostics.containsErrors, "an invalid case was accepted")
        }
        // The whole loader on the same input: diagnostics, never a crash.
        let loaded = DesiredStateLoader().load(sources: [("in.yaml", bytes)])
        #expect(loaded.diagnostics.allSatisfy { $0.location != nil })
    }

    @Test("the counts: invalid cases rejected, valid cases refused only by Roster's stricter rules")
    func counts() throws {
        var invalidRejected = 0, invalidAccepted = 0, validParsed = 0, validRefused = 0
        var acceptedPaths: [String] = []
        for testCase in Self.cases {
            let result = YAMLParser().parse(try Self.input(testCase), file: "in.yaml")
            let rejected = result.diagnostics.containsErrors
            switch (testCase.isError, rejected) {
            case (true, true): invalidRejected += 1
            case (true, false): invalidAccepted += 1; acceptedPaths.append(testCase.path)
            case (false, false): validParsed += 1
            case (false, true): validRefused += 1
            }
        }
        print("yaml-test-suite: invalid rejected \(invalidRejected), invalid accepted \(invalidAccepted) \(acceptedPaths), valid parsed \(validParsed), valid refused \(validRefused)")
        // Every invalid case Roster accepts is one libyaml 0.2.5 is known to accept.
        #expect(acceptedPaths.allSatisfy { Self.libyamlVerdicts[$0] == "false-accept" })
        #expect(invalidRejected + invalidAccepted == 94)
        // libyaml 0.2.5 accepts 16 invalid cases; Roster's stricter rules reject 4 of them.
        #expect(invalidAccepted == 12)
        // Valid YAML that Roster refuses by design: anchors, aliases, non-core tags, several
        // documents, collection keys, duplicate keys, and libyaml's own false errors.
        #expect(validParsed == 191 && validRefused == 117)
    }
}
