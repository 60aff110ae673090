import CYAML
import RosterCore

/// Turns a file's bytes into a ``YAMLDocument`` through libyaml's event API, enforcing
/// Roster's strict subset of YAML: one document, no anchors or aliases, no merge keys, core
/// tags only, scalar and unique mapping keys, bounded depth.
public struct YAMLParser: Sendable {
    /// The bounds enforced.
    public var limits: YAMLLimits
    /// Files of at least this many bytes are parsed on a thread of their own while the tree
    /// is built (``EventPipeline``); the result is the same. For tests and the fuzzer.
    @_spi(Testing) public var pipelineMinimumSize = 256 * 1_024
    /// Events per chunk handed over by the parser thread. For tests and the fuzzer.
    @_spi(Testing) public var pipelineChunkSize = 4_096

    /// Creates a parser with the given limits.
    public init(limits: YAMLLimits = .default) {
        self.limits = limits
    }

    /// Parses `bytes`, read from `file`, and returns the tree and every problem found.
    public func parse(_ bytes: [UInt8], file: String) -> YAMLParseResult {
        bytes.withUnsafeBufferPointer { parse($0, file: file) }
    }

    /// Parses the bytes in `buffer`, read from `file`.
    public func parse(_ buffer: UnsafeBufferPointer<UInt8>, file: String) -> YAMLParseResult {
        var state = ParseState(file: file, limits: limits)
        if let problem = Self.encodingProblem(buffer) {
            state.error(problem, line: 1, column: 1)
            return state.result(complete: false)
        }
        if let (offset, name) = Self.hiddenLineBreak(buffer) {
            let (line, column) = SourceText.lineAndColumn(ofByte: offset, in: buffer)
            state.error("\(name) is a line break to YAML, though editors show none: what follows it on this line "
                        + "would be read as a line of its own", line: line, column: column,
                        notes: [.init("remove it; to YAML only \\n and \\r end a line in a desired-state file")])
            return state.result(complete: false)
        }
        if buffer.count > limits.maxFileSize {
            state.error("file is \(buffer.count) bytes, over the limit of \(limits.maxFileSize) bytes",
                        line: 1, column: 1)
            return state.result(complete: false)
        }
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else {
            state.error("libyaml could not initialise (out of memory)", line: 1, column: 1)
            return state.result(complete: false)
        }
        defer { yaml_parser_delete(&parser) }
        var empty: UInt8 = 0
        if let base = buffer.baseAddress {
            yaml_parser_set_input_string(&parser, base, buffer.count)
        } else {
            yaml_parser_set_input_string(&parser, &empty, 0)
        }
        // Typical desired state has about one node per 12 bytes and half its bytes in scalars;
        // reserving up front spares the arrays most of their regrowth.
        state.document.nodes.reserveCapacity(buffer.count / 12 + 16)
        state.document.children.reserveCapacity(buffer.count / 12 + 16)
        state.document.text.reserveCapacity(buffer.count / 2 + 16)
        let complete = buffer.count >= pipelineMinimumSize
            ? withUnsafeMutablePointer(to: &parser) { state.runPipelined($0, buffer: buffer, chunkSize: pipelineChunkSize) }
            : state.run(&parser, buffer: buffer)
        return state.result(complete: complete)
    }

    /// The first character libyaml reads as a line break that editors and reviewers do not
    /// show as one (YAML 1.1): U+0085 NEXT LINE, U+2028 LINE SEPARATOR, U+2029 PARAGRAPH
    /// SEPARATOR. Inside a comment, one would turn the rest of the line into YAML nobody
    /// reviewed. Found with `memchr` on their lead bytes, which ASCII text never holds.
    static func hiddenLineBreak(_ buffer: UnsafeBufferPointer<UInt8>) -> (offset: Int, name: String)? {
        func byte(_ offset: Int) -> UInt8 { offset < buffer.count ? buffer[offset] : 0 }
        let nextLine = firstOffset(of: 0xC2, in: buffer) { byte($0 + 1) == 0x85 }
        let separator = firstOffset(of: 0xE2, in: buffer) { byte($0 + 1) == 0x80 && (byte($0 + 2) == 0xA8 || byte($0 + 2) == 0xA9) }
        if let nextLine, separator.map({ nextLine < $0 }) ?? true { return (nextLine, "U+0085 (NEXT LINE)") }
        guard let separator else { return nil }
        return (separator, byte(separator + 2) == 0xA8 ? "U+2028 (LINE SEPARATOR)" : "U+2029 (PARAGRAPH SEPARATOR)")
    }

    /// The first offset of `lead` in `buffer` at which `matches` holds, found with `memchr`.
    static func firstOffset(of lead: UInt8, in buffer: UnsafeBufferPointer<UInt8>, where matches: (Int) -> Bool) -> Int? {
        guard let base = buffer.baseAddress else { return nil }
        var start = 0
        while start < buffer.count, let hit = memchr(base + start, Int32(lead), buffer.count - start) {
            let offset = UnsafeRawPointer(hit) - UnsafeRawPointer(base)
            if matches(offset) { return offset }
            start = offset + 1
        }
        return nil
    }

    /// Rejects encodings other than UTF-8 before libyaml sees them (libyaml would silently
    /// decode UTF-16 when a byte-order mark says so).
    static func encodingProblem(_ buffer: UnsafeBufferPointer<UInt8>) -> String? {
        guard buffer.count >= 2 else { return nil }
        if (buffer[0] == 0xFF && buffer[1] == 0xFE) || (buffer[0] == 0xFE && buffer[1] == 0xFF) {
            return "file is UTF-16 encoded; desired-state files must be UTF-8"
        }
        return nil
    }
}

/// The mutable state of one parse: the document under construction and the open collections.
struct ParseState {
    struct Frame {
        var node: YAMLDocument.NodeIndex
        var scratchStart: Int
    }

    var document: YAMLDocument
    var diagnostics: [Diagnostic] = []
    let limits: YAMLLimits
    var frames: [Frame] = []
    /// Children of the open collections, innermost last; moved to the document on close.
    var scratch: [YAMLDocument.NodeIndex] = []
    var documents = 0
    /// Organizations decoded while the tree is built (pipelined parses only), or `nil`.
    var predecoding: Predecoding?

    init(file: String, limits: YAMLLimits) {
        self.document = YAMLDocument(file: file)
        self.limits = limits
    }

    func result(complete: Bool) -> YAMLParseResult {
        YAMLParseResult(document: document, diagnostics: diagnostics, isComplete: complete,
                        predecoded: predecoding?.result)
    }

    mutating func error(_ message: String, line: Int, column: Int, notes: [Diagnostic.Note] = []) {
        let location = SourceLocation(file: document.file, line: line, column: column)
        diagnostics.append(.error(message, at: location, notes: notes))
    }

    mutating func error(_ message: String, at mark: yaml_mark_t, notes: [Diagnostic.Note] = []) {
        error(message, line: Int(mark.line) + 1, column: Int(mark.column) + 1, notes: notes)
    }

    var tooManyDiagnostics: Bool { diagnostics.count >= limits.maxDiagnosticsPerFile }

    /// Runs the event loop. Returns whether the whole stream was read.
    mutating func run(_ parser: inout yaml_parser_t, buffer: UnsafeBufferPointer<UInt8>) -> Bool {
        var event = yaml_event_t()
        while true {
            guard yaml_parser_parse(&parser, &event) == 1 else {
                reportLibYAMLError(parser, buffer: buffer)
                return false
            }
            let keepGoing = handle(&event)
            let type = event.type
            let mark = event.start_mark
            yaml_event_delete(&event)
            if let complete = outcome(keepGoing: keepGoing, type: type, mark: mark) { return complete }
        }
    }

    /// What follows a handled event: `nil` to read on, or whether the whole stream was read
    /// (`false` when the event stopped the parse, or too many problems were found).
    mutating func outcome(keepGoing: Bool, type: yaml_event_type_t, mark: yaml_mark_t) -> Bool? {
        if !keepGoing { return false }
        if type == YAML_STREAM_END_EVENT { return true }
        if tooManyDiagnostics {
            error("too many errors; stopped reading this file after \(limits.maxDiagnosticsPerFile)", at: mark)
            return false
        }
        return nil
    }

    /// Runs the event loop with libyaml on a thread of its own (``EventPipeline``): the
    /// same events handled in the same order, the same diagnostics. Returns whether the whole
    /// stream was read.
    mutating func runPipelined(_ parser: UnsafeMutablePointer<yaml_parser_t>, buffer: UnsafeBufferPointer<UInt8>,
                               chunkSize: Int) -> Bool {
        let pipeline = EventPipeline(parser: parser, eventsPerChunk: chunkSize)
        guard pipeline.start() else { return run(&parser.pointee, buffer: buffer) }
        predecoding = Predecoding()
        // `nil` while reading; once decided, the remaining events are passed over.
        var complete: Bool?
        var number = 0
        while true {
            let chunk = pipeline.chunk(number)
            chunk.pointee.text.withUnsafeBufferPointer { text in
                for index in 0 ..< chunk.pointee.count where complete == nil {
                    let compact = chunk.pointee.events[index]
                    let mark = yaml_mark_t(index: 0, line: Int(compact.line), column: Int(compact.column))
                    let keepGoing: Bool
                    if compact.kept >= 0 {
                        keepGoing = handle(&chunk.pointee.kept[Int(compact.kept)])
                    } else {
                        let value = UnsafeBufferPointer(rebasing: text[Int(compact.textStart) ..< Int(compact.textStart + compact.textCount)])
                        keepGoing = handle(EventFields(type: compact.type, mark: mark, value: value, style: compact.style))
                    }
                    complete = outcome(keepGoing: keepGoing, type: compact.type, mark: mark)
                }
            }
            let failed = chunk.pointee.failed, isLast = chunk.pointee.isLast
            if complete == false { pipeline.stop() }
            pipeline.release()
            if isLast {
                pipeline.finish()
                if failed, complete == nil {
                    reportLibYAMLError(parser.pointee, buffer: buffer)
                    complete = false
                }
                return complete ?? false
            }
            number += 1
        }
    }

    /// What the event loop reads of an event.
    struct EventFields {
        var type: yaml_event_type_t
        var mark: yaml_mark_t
        /// A scalar's bytes.
        var value = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
        var style = YAML_ANY_SCALAR_STYLE
        var anchor: UnsafeMutablePointer<yaml_char_t>?
        var tag: UnsafeMutablePointer<yaml_char_t>?
    }

    /// Handles one of libyaml's events; returns false when parsing must stop.
    mutating func handle(_ event: inout yaml_event_t) -> Bool {
        var fields = EventFields(type: event.type, mark: event.start_mark)
        switch event.type {
        case YAML_SCALAR_EVENT:
            let scalar = event.data.scalar
            fields.value = UnsafeBufferPointer(start: scalar.value, count: scalar.length)
            fields.style = scalar.style
            fields.anchor = scalar.anchor
            fields.tag = scalar.tag
        case YAML_MAPPING_START_EVENT:
            fields.anchor = event.data.mapping_start.anchor
            fields.tag = event.data.mapping_start.tag
        case YAML_SEQUENCE_START_EVENT:
            fields.anchor = event.data.sequence_start.anchor
            fields.tag = event.data.sequence_start.tag
        default:
            break
        }
        return handle(fields)
    }

    /// Handles one event; returns false when parsing must stop.
    mutating func handle(_ event: EventFields) -> Bool {
        switch event.type {
        case YAML_SCALAR_EVENT:
            checkAnchor(event.anchor, at: event.mark)
            let tag = resolveTag(event.tag, expected: .str, at: event.mark)
            appendScalar(event.value, style: Self.style(event.style), tag: tag, mark: event.mark)
            if predecoding != nil { predecodeAfterNode() }
        case YAML_MAPPING_START_EVENT, YAML_SEQUENCE_START_EVENT:
            let isMapping = event.type == YAML_MAPPING_START_EVENT
            checkAnchor(event.anchor, at: event.mark)
            let tag = resolveTag(event.tag, expected: isMapping ? .map : .seq, at: event.mark)
            if frames.count >= limits.maxDepth {
                error("nesting is deeper than \(limits.maxDepth) levels", at: event.mark,
                      notes: [.init("desired-state files need only a few levels; is this the right file?")])
                return false
            }
            if predecoding != nil { predecodeCollectionStarts(isMapping: isMapping) }
            let index = append(kind: isMapping ? .mapping : .sequence, style: .plain, tag: tag,
                               mark: event.mark)
            frames.append(Frame(node: index, scratchStart: scratch.count))
        case YAML_MAPPING_END_EVENT, YAML_SEQUENCE_END_EVENT:
            let frame = frames.removeLast()
            let start = document.children.count
            document.children.append(contentsOf: scratch[frame.scratchStart...])
            scratch.removeSubrange(frame.scratchStart...)
            document.nodes[Int(frame.node)].start = UInt32(start)
            document.nodes[Int(frame.node)].count = UInt32(document.children.count - start)
            if event.type == YAML_MAPPING_END_EVENT { checkKeys(of: frame.node) }
            if predecoding != nil { predecodeCollectionEnds() }
        case YAML_ALIAS_EVENT:
            error("aliases (*name) are not allowed in desired-state files", at: event.mark,
                  notes: [.init("write the value out in full; alias expansion can blow up a small file")])
            let index = append(kind: .scalar, style: .plain, tag: .null, mark: event.mark)
            document.nodes[Int(index)].isReported = true
            if predecoding != nil { predecodeAfterNode() }
        case YAML_DOCUMENT_START_EVENT:
            documents += 1
            if documents > 1 {
                error("a desired-state file holds one document; a second one starts here",
                      at: event.mark,
                      notes: [.init("split the documents into separate files")])
                return false
            }
        default:
            break  // stream start/end, document end
        }
        return true
    }

    @discardableResult
    mutating func append(kind: YAMLDocument.Kind, style: YAMLDocument.ScalarStyle, tag: YAMLDocument.Tag,
                         mark: yaml_mark_t, start: Int = 0, count: Int = 0,
                         hasControlCharacter: Bool = false) -> YAMLDocument.NodeIndex {
        let index = YAMLDocument.NodeIndex(document.nodes.count)
        document.nodes.append(YAMLDocument.Node(
            kind: kind, style: style, tag: tag, hasControlCharacter: hasControlCharacter,
            line: UInt32(truncatingIfNeeded: mark.line + 1), column: UInt32(truncatingIfNeeded: mark.column + 1),
            start: UInt32(truncatingIfNeeded: start), count: UInt32(truncatingIfNeeded: count)))
        if frames.isEmpty {
            if document.root == nil { document.root = index }
        } else {
            scratch.append(index)
        }
        return index
    }

    /// Appends a scalar, copying its bytes into the document's text buffer.
    mutating func appendScalar(_ bytes: UnsafeBufferPointer<UInt8>, style: YAMLDocument.ScalarStyle,
                               tag: YAMLDocument.Tag, mark: yaml_mark_t) {
        let start = document.text.count
        document.text.append(contentsOf: bytes)
        append(kind: .scalar, style: style, tag: tag, mark: mark, start: start, count: bytes.count,
               hasControlCharacter: Self.containsControlCharacter(bytes)
                   || style == .doubleQuoted && Self.containsC1ControlCharacter(bytes))
    }

    /// Whether the bytes hold a C1 control character (U+0080 to U+009F: `0xC2` then `0x80`
    /// to `0x9F`). libyaml refuses them written as they are, so only a double-quoted
    /// scalar's escapes (`"\x85"`, `"\u0080"`) can hold one.
    static func containsC1ControlCharacter(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        YAMLParser.firstOffset(of: 0xC2, in: bytes) { $0 + 1 < bytes.count && (0x80 ... 0x9F).contains(bytes[$0 + 1]) } != nil
    }

    /// Whether any byte is below 0x20 or is 0x7F. Eight bytes at a time: a word has a byte
    /// below 0x20 when `(w - 0x20...) & ~w & 0x80...` is not zero, and a byte 0x7F when
    /// the same test for zero holds for `w ^ 0x7F...` (both exact for "any byte").
    static func containsControlCharacter(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        guard let base = bytes.baseAddress else { return false }
        let raw = UnsafeRawPointer(base)
        var index = 0
        var found = false
        while index + 8 <= bytes.count {
            let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: index, as: UInt64.self))
            let deleted = word ^ (ones &* 0x7F)
            found = found || ((word &- ones &* 0x20) & ~word & highs) != 0 || ((deleted &- ones) & ~deleted & highs) != 0
            index += 8
        }
        while index < bytes.count {
            let byte = bytes[index]
            found = found || byte < 0x20 || byte == 0x7F
            index += 1
        }
        return found
    }

    static func style(_ style: yaml_scalar_style_t) -> YAMLDocument.ScalarStyle {
        switch style {
        case YAML_SINGLE_QUOTED_SCALAR_STYLE: return .singleQuoted
        case YAML_DOUBLE_QUOTED_SCALAR_STYLE: return .doubleQuoted
        case YAML_LITERAL_SCALAR_STYLE: return .literal
        case YAML_FOLDED_SCALAR_STYLE: return .folded
        default: return .plain
        }
    }
}
