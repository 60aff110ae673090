import Foundation
import RosterCore
import RosterYAML
import Testing

/// Inputs that crashed, hung or tripped a sanitizer in the loader's fuzzer, and hostile
/// inputs written by hand (Fixtures/fuzz; `scripts/fuzz loader` adds to them). Each must
/// load without crashing, and an invalid one must have an error located in the file.
@Suite("Loader fuzz regressions")
struct FuzzRegressionTests {
    static let folder = fixturesDirectory.appendingPathComponent("fuzz")
    static let inputs: [String] = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()

    @Test("a hostile or once-crashing file loads to a state or to located errors", arguments: inputs)
    func loads(_ name: String) throws {
        let bytes = Array(try Data(contentsOf: Self.folder.appendingPathComponent(name)))
        let result = DesiredStateLoader().load(sources: [(path: name, bytes: bytes)])
        if !result.isValid {
            #expect(result.diagnostics.contains { $0.severity == .error && $0.location?.file == name })
        }
        #expect(result.diagnostics.count <= YAMLLimits.default.maxDiagnosticsPerFile + 1)
    }

    @Test("the regression folder is not empty")
    func present() {
        #expect(Self.inputs.count >= 10)
    }
}
