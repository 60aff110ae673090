import RosterCore

/// What parsing one file produced.
public struct YAMLParseResult: Sendable {
    /// The document, possibly partial when ``isComplete`` is false.
    public var document: YAMLDocument
    /// Problems found while parsing, in the order found.
    public var diagnostics: [Diagnostic]
    /// Whether the whole file was parsed. When false (a syntax error, a limit, a second
    /// document), the tree is partial and should not be checked against the schema.
    public var isComplete: Bool
    /// Organizations decoded while the tree was built, for the schema decoder.
    var predecoded: PredecodedOrganizations?

    init(document: YAMLDocument, diagnostics: [Diagnostic], isComplete: Bool, predecoded: PredecodedOrganizations? = nil) {
        self.document = document
        self.diagnostics = diagnostics
        self.isComplete = isComplete
        self.predecoded = predecoded
    }
}
