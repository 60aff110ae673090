import RosterCore
@_spi(Testing) import RosterYAML

/// One libFuzzer input: the bytes of one desired-state file. Loading must never crash,
/// hang or trip a sanitizer, and must either produce a valid state or at least one error
/// located in the file; parsing and loading through the pipeline must give what the plain
/// loop gives.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzLoader(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    let result = DesiredStateLoader().load(sources: [(path: "fuzz.yaml", bytes: bytes)])
    if !result.isValid {
        let located = result.diagnostics.contains { $0.severity == .error && $0.location?.file == "fuzz.yaml" }
        guard located else {
            fatalError("an invalid file without a located diagnostic")
        }
    }
    // Large files are parsed with libyaml on a thread of its own: the same input through
    // that pipeline, in chunks of a few events, must give the plain loop's tree exactly.
    var plain = YAMLParser()
    plain.pipelineMinimumSize = .max
    var piped = YAMLParser()
    piped.pipelineMinimumSize = 0
    piped.pipelineChunkSize = 1 + size % 5
    let a = plain.parse(bytes, file: "fuzz.yaml"), b = piped.parse(bytes, file: "fuzz.yaml")
    guard a.isComplete == b.isComplete, a.diagnostics == b.diagnostics, a.document == b.document else {
        fatalError("the pipelined parse differs from the plain one")
    }
    // And the whole load through it (organizations decoded while the tree is built).
    var pipelined = DesiredStateLoader()
    pipelined.pipelineMinimumSize = 0
    pipelined.pipelineChunkSize = 1 + size % 5
    let loaded = pipelined.load(sources: [(path: "fuzz.yaml", bytes: bytes)])
    guard loaded.state == result.state, loaded.diagnostics == result.diagnostics else {
        fatalError("the pipelined load differs from the plain one")
    }
    for diagnostic in result.diagnostics { _ = diagnostic.renderedText }
    let members = result.state.memberCount
    _ = DiagnosticReport(files: 1, organizations: result.state.organizations.count, members: members,
                         diagnostics: result.diagnostics).renderedJSON()
    return 0
}
