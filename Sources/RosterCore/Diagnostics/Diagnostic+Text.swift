extension Diagnostic {
    /// Compiler-style text: `file:line:column: error: message`, then each note on an
    /// indented line of its own.
    public var renderedText: String {
        var text = Self.prefix(location) + "\(severity.rawValue): \(message)"
        for note in notes {
            text += "\n    " + Self.prefix(note.location) + "note: \(note.message)"
        }
        return text
    }

    private static func prefix(_ location: SourceLocation?) -> String {
        location.map { "\($0): " } ?? ""
    }
}
