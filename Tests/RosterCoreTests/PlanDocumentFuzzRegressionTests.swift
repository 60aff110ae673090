import Foundation
import RosterCore
import Testing

/// Plan files that crashed, hung or tripped a sanitizer in the plan reader's fuzzer, and
/// hostile ones written by hand (Fixtures/fuzz; `scripts/fuzz plan` adds to them). Each is
/// refused with a reason, or read as a plan whose own rendering reads back equal.
@Suite("Plan reader fuzz regressions")
struct PlanDocumentFuzzRegressionTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/fuzz")
    static let inputs: [String] = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()

    @Test("a hostile or once-crashing plan file is refused with a reason or reads back equal", arguments: inputs)
    func reads(_ name: String) throws {
        let data = try Data(contentsOf: Self.folder.appendingPathComponent(name))
        do {
            let plan = try PlanDocument.decode(data)
            _ = plan.renderedText(color: true)
            _ = plan.renderedMarkdown(maskEmails: true)
            #expect(try PlanDocument.decode(Data(plan.renderedJSON().utf8)) == plan)
        } catch {
            #expect(!error.reason.isEmpty)
            #expect(error.reason.contains("plan"), "\(error.reason)")
        }
    }

    @Test("the regression folder is not empty")
    func present() {
        #expect(Self.inputs.count >= 10)
    }
}
