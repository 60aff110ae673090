import Foundation
import Testing

/// Reads a JUnit XML file with a real JUnit consumer, junitparser (Python, from PyPI), as
/// CI systems read it. `scripts/ensure-deps` installs it into `.build/junit-venv`, and
/// `scripts/test` points `ROSTER_JUNIT_PYTHON` at that interpreter; a bare `swift test`
/// looks in `.build/junit-venv` too. When it is missing the test fails and says so: it
/// never passes without having read the file.
enum JUnitReader {
    /// One test case as junitparser sees it.
    struct Case: Decodable, Equatable {
        var name: String
        var classname: String
        /// `passed`, `failure`, `error` or `skipped`.
        var result: String
        var message: String?
    }

    /// One test suite as junitparser sees it.
    struct Suite: Decodable {
        var name: String
        var tests: Int
        var failures: Int
        var errors: Int
        var skipped: Int
        var cases: [Case]
    }

    /// The interpreter with junitparser, or `nil` (an issue is recorded then).
    static func python(sourceLocation: Testing.SourceLocation = #_sourceLocation) -> String? {
        let candidates = [ProcessInfo.processInfo.environment["ROSTER_JUNIT_PYTHON"],
                          repositoryRoot.appendingPathComponent(".build/junit-venv/bin/python3").path].compactMap { $0 }
        if let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) { return found }
        Issue.record("""
            No JUnit reader: neither ROSTER_JUNIT_PYTHON nor .build/junit-venv/bin/python3 exists. \
            Run scripts/ensure-deps (it installs junitparser from PyPI into .build/junit-venv), or run the tests \
            with scripts/test.
            """, sourceLocation: sourceLocation)
        return nil
    }

    static let script = """
        import json, sys
        from junitparser import JUnitXml, TestSuite, Failure, Error, Skipped
        xml = JUnitXml.fromfile(sys.argv[1])
        suites = [xml] if isinstance(xml, TestSuite) else list(xml)
        out = []
        for suite in suites:
            cases = []
            for case in suite:
                results = case.result
                kind, message = "passed", None
                for r in results:
                    if isinstance(r, Failure): kind = "failure"
                    elif isinstance(r, Error): kind = "error"
                    elif isinstance(r, Skipped): kind = "skipped"
                    message = r.message
                cases.append({"name": case.name, "classname": case.classname, "result": kind, "message": message})
            out.append({"name": suite.name, "tests": suite.tests, "failures": suite.failures,
                        "errors": suite.errors, "skipped": suite.skipped, "cases": cases})
        print(json.dumps(out))
        """

    /// The suites in the JUnit file at `path`, read by junitparser.
    static func read(_ path: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) async throws -> [Suite]? {
        guard let python = python(sourceLocation: sourceLocation) else { return nil }
        let output = try await ChildProcess.run(python, ["-c", script, path])
        guard output.status == 0 else {
            Issue.record("junitparser could not read \(path) (exit \(output.status); if junitparser is missing, run scripts/ensure-deps): \(output.stderr)",
                         sourceLocation: sourceLocation)
            return nil
        }
        return try JSONDecoder().decode([Suite].self, from: Data(output.stdout.utf8))
    }
}
