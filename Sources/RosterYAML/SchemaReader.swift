import RosterCore

/// Typed access to a ``YAMLDocument``'s nodes. Scalars are typed by the field that receives
/// them, YAML 1.2 core schema at most: a string field takes the raw text, a boolean field
/// only `true`/`false`, an integer field only decimal digits. Every mismatch is a located
/// error appended to ``diagnostics``, and the accessor returns `nil`.
struct SchemaReader {
    let document: YAMLDocument
    var diagnostics: [Diagnostic] = []

    init(document: YAMLDocument) {
        self.document = document
    }

    func location(_ node: YAMLDocument.NodeIndex) -> SourceLocation {
        document.location(of: node)
    }

    mutating func error(_ message: String, at node: YAMLDocument.NodeIndex, notes: [Diagnostic.Note] = []) {
        diagnostics.append(.error(message, at: location(node), notes: notes))
    }

    mutating func warning(_ message: String, at node: YAMLDocument.NodeIndex, notes: [Diagnostic.Note] = []) {
        diagnostics.append(.warning(message, at: location(node), notes: notes))
    }

    /// How a node reads in a message: `a mapping`, `null`, `the integer 3`, `"text"`.
    func describe(_ index: YAMLDocument.NodeIndex) -> String {
        let node = document[index]
        switch node.kind {
        case .mapping: return "a mapping"
        case .sequence: return "a sequence"
        case .scalar:
            if document.isNull(index) { return "null" }
            return SourceText.quoted(document.value(of: index))
        }
    }

    /// The pairs of a mapping node, or an error naming what was found instead.
    mutating func mapping(_ node: YAMLDocument.NodeIndex, _ field: @autoclosure () -> String,
                          notes: [Diagnostic.Note] = []) -> YAMLDocument.PairSequence? {
        guard !document[node].isReported else { return nil }
        guard document[node].kind == .mapping else {
            error("\(field()) must be a mapping, found \(describe(node))", at: node, notes: notes)
            return nil
        }
        return document.pairs(of: node)
    }

    /// The items of a sequence node, or an error naming what was found instead.
    mutating func sequence(_ node: YAMLDocument.NodeIndex, _ field: @autoclosure () -> String,
                           notes: [Diagnostic.Note] = []) -> ArraySlice<YAMLDocument.NodeIndex>? {
        guard !document[node].isReported else { return nil }
        guard document[node].kind == .sequence else {
            error("\(field()) must be a sequence, found \(describe(node))", at: node, notes: notes)
            return nil
        }
        return document.items(of: node)
    }

    /// A string field: any scalar's raw text, except null and scalars tagged as another type.
    /// Empty text and control characters are refused (they are never valid identifiers).
    mutating func string(_ index: YAMLDocument.NodeIndex, _ field: @autoclosure () -> String) -> String? {
        let node = document[index]
        guard !node.isReported else { return nil }
        guard node.kind == .scalar, !document.isNull(index), node.tag == .none || node.tag == .str else {
            error("\(field()) must be a string, found \(describe(index))", at: index)
            return nil
        }
        let value = document.value(of: index)
        if value.isEmpty {
            error("\(field()) must not be empty", at: index)
            return nil
        }
        if node.hasControlCharacter,
           let control = value.unicodeScalars.first(where: { $0.value < 0x20 || (0x7F ... 0x9F).contains($0.value) }) {
            error("\(field()) \(SourceText.quoted(value)) contains a control character (\(SourceText.codePoint(control.value)))",
                  at: index)
            return nil
        }
        return value
    }

    /// A boolean field: only `true` and `false` (YAML 1.2 core).
    mutating func bool(_ index: YAMLDocument.NodeIndex, _ field: @autoclosure () -> String) -> Bool? {
        let node = document[index]
        guard !node.isReported else { return nil }
        if node.kind == .scalar, node.style == .plain, node.tag == .none || node.tag == .bool {
            if document.scalar(index, is: "true") { return true }
            if document.scalar(index, is: "false") { return false }
        }
        var notes: [Diagnostic.Note] = []
        if node.kind == .scalar {
            switch document.value(of: index).lowercased() {
            case "yes", "no", "on", "off", "y", "n", "true", "false":
                notes.append(.init("YAML 1.1 spellings (yes, no, on, off, True ...) are not booleans here; write true or false"))
            default: break
            }
            if node.style != .plain { notes.append(.init("a quoted value is a string; remove the quotes")) }
        }
        error("\(field()) must be true or false, found \(describe(index))", at: index, notes: notes)
        return nil
    }

    /// An integer field: decimal digits with an optional sign, in `range`.
    mutating func integer(_ index: YAMLDocument.NodeIndex, _ field: @autoclosure () -> String, in range: ClosedRange<Int>) -> Int? {
        let node = document[index]
        guard !node.isReported else { return nil }
        guard node.kind == .scalar, node.style == .plain, node.tag == .none || node.tag == .int,
              let value = Self.decimal(document.value(of: index)) else {
            var notes: [Diagnostic.Note] = []
            if node.kind == .scalar, node.style == .plain, Self.hasLeadingZero(document.value(of: index)) {
                notes.append(.init("leading zeros are ambiguous (YAML 1.1 reads them as octal); write the number without them"))
            } else if node.kind == .scalar, node.style != .plain, Self.decimal(document.value(of: index)) != nil {
                notes.append(.init("a quoted value is a string; remove the quotes"))
            }
            error("\(field()) must be a decimal integer, found \(describe(index))", at: index, notes: notes)
            return nil
        }
        guard range.contains(value) else {
            let bounds = range.upperBound == Int.max
                ? "at least \(range.lowerBound)" : "between \(range.lowerBound) and \(range.upperBound)"
            error("\(field()) must be \(bounds), found \(value)", at: index)
            return nil
        }
        return value
    }

    /// Parses `[-+]?(0|[1-9][0-9]*)`; `nil` for anything else or on overflow.
    static func decimal(_ text: String) -> Int? {
        var utf8 = Substring(text).utf8[...]
        var negative = false
        if let first = utf8.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") {
            negative = first == UInt8(ascii: "-")
            utf8 = utf8.dropFirst()
        }
        guard let first = utf8.first, !(first == UInt8(ascii: "0") && utf8.count > 1) else { return nil }
        var value = 0
        for byte in utf8 {
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
            let (times, o1) = value.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times.addingReportingOverflow(Int(byte - UInt8(ascii: "0")))
            if o1 || o2 { return nil }
            value = sum
        }
        return negative ? -value : value
    }

    static func hasLeadingZero(_ text: String) -> Bool {
        let digits = text.drop { $0 == "-" || $0 == "+" }
        return digits.count > 1 && digits.first == "0" && digits.allSatisfy { $0.isASCII && $0.isNumber }
    }

    /// The pairs of a mapping whose keys must come from `allowed`. Unknown keys are errors
    /// with a suggestion; keys that are not strings are errors. Returns the known pairs.
    mutating func knownPairs(_ pairs: YAMLDocument.PairSequence, allowed: [String])
        -> [(key: String, keyNode: YAMLDocument.NodeIndex, value: YAMLDocument.NodeIndex)] {
        var result: [(key: String, keyNode: YAMLDocument.NodeIndex, value: YAMLDocument.NodeIndex)] = []
        for (keyNode, value) in pairs {
            guard document[keyNode].kind == .scalar, !document[keyNode].isReported else { continue }
            if let key = allowed.first(where: { document.scalar(keyNode, equals: $0) }) {
                result.append((key, keyNode, value))
                continue
            }
            let key = document.value(of: keyNode)
            var message = "unknown key \(SourceText.quoted(key))"
            if let suggestion = KeySuggestion.closest(to: key, among: allowed) {
                message += "; did you mean \"\(suggestion)\"?"
            }
            error(message, at: keyNode, notes: [.init("valid keys here: " + allowed.joined(separator: ", "))])
        }
        return result
    }
}
