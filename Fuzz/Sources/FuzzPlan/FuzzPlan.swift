import Foundation
import RosterCore

/// One libFuzzer input: the bytes of a plan file. Reading must never crash, hang or trip a
/// sanitizer; a plan it accepts must render, and its own rendering must read back equal.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPlan(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = data.map { Data(UnsafeBufferPointer(start: $0, count: size)) } ?? Data()
    guard let plan = try? PlanDocument.decode(bytes) else { return 0 }
    _ = plan.renderedText(color: true)
    _ = plan.renderedMarkdown(maskEmails: true)
    let rendered = Data(plan.renderedJSON().utf8)
    guard let again = try? PlanDocument.decode(rendered) else {
        fatalError("an accepted plan whose own rendering is refused")
    }
    guard again == plan else { fatalError("an accepted plan that does not read back equal") }
    return 0
}
