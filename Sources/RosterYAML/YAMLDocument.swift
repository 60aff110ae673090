import RosterCore

/// One parsed YAML document as a located node tree, stored flat for speed: nodes in an
/// array, each collection's children as a contiguous range of another array, and every
/// scalar's text as a range of one byte buffer. Nodes are addressed by
/// ``YAMLDocument/NodeIndex``; a scalar becomes a `String` only when a reader asks for it.
public struct YAMLDocument: Sendable, Equatable {
    /// A node's position in ``nodes``.
    public typealias NodeIndex = Int32

    /// What a node is.
    public enum Kind: UInt8, Sendable {
        case scalar, mapping, sequence
    }

    /// How a scalar was written; a quoted scalar is always a string.
    public enum ScalarStyle: UInt8, Sendable {
        case plain, singleQuoted, doubleQuoted, literal, folded
    }

    /// The tag written on a node, limited to YAML's core schema (any other is rejected
    /// while parsing).
    public enum Tag: UInt8, Sendable {
        case none, str, int, bool, null, seq, map
    }

    /// One node.
    public struct Node: Sendable, Equatable {
        /// Scalar, mapping or sequence.
        public var kind: Kind
        /// The scalar's style; `.plain` for collections.
        public var style: ScalarStyle
        /// The explicit tag, if any.
        public var tag: Tag
        /// Whether the scalar's text holds a control character (U+0000 to U+001F, U+007F),
        /// which no identifier may; found while parsing, from the raw bytes.
        public var hasControlCharacter: Bool
        /// Whether the parser already reported an error on this node (a duplicate or merge
        /// key, a collection used as a key, an alias); the schema checks pass over it, so
        /// one mistake gives one diagnostic.
        public var isReported: Bool = false
        /// 1-based line of the node's start.
        public var line: UInt32
        /// 1-based column of the node's start.
        public var column: UInt32
        /// For a scalar, its text's first byte in ``YAMLDocument/text``; for a collection,
        /// its first child in ``YAMLDocument/children``.
        var start: UInt32
        /// For a scalar, its text's length in bytes; for a collection, its number of
        /// children (for a mapping, twice the number of pairs).
        var count: UInt32
    }

    /// The path of the file the document came from.
    public let file: String
    /// All nodes, in document order.
    public internal(set) var nodes: [Node] = []
    /// Children of every collection, each collection's children contiguous.
    var children: [NodeIndex] = []
    /// The text of every scalar, back to back.
    var text: [UInt8] = []
    /// The root node, or `nil` for a file with no document.
    public internal(set) var root: NodeIndex?

    init(file: String) { self.file = file }

    /// The node at `index`.
    @inline(__always)
    public subscript(index: NodeIndex) -> Node { nodes[Int(index)] }

    /// Where the node at `index` starts.
    public func location(of index: NodeIndex) -> SourceLocation {
        let node = nodes[Int(index)]
        return SourceLocation(file: file, line: Int(node.line), column: Int(node.column))
    }

    /// A scalar's text; empty for a collection.
    public func value(of index: NodeIndex) -> String {
        let node = nodes[Int(index)]
        guard node.kind == .scalar else { return "" }
        return text.withUnsafeBufferPointer { buffer in
            String(decoding: UnsafeBufferPointer(rebasing: buffer[Int(node.start)..<Int(node.start + node.count)]),
                   as: UTF8.self)
        }
    }

    /// Whether the node is a scalar whose text is exactly `literal`, compared byte by byte.
    public func scalar(_ index: NodeIndex, is literal: StaticString) -> Bool {
        let node = nodes[Int(index)]
        guard node.kind == .scalar, Int(node.count) == literal.utf8CodeUnitCount else { return false }
        return text.withUnsafeBufferPointer { buffer in
            memoryEqual(buffer.baseAddress! + Int(node.start), literal.utf8Start, Int(node.count))
        }
    }

    /// Whether the node is a scalar whose text is exactly `string`, compared byte by byte.
    public func scalar(_ index: NodeIndex, equals string: String) -> Bool {
        let node = nodes[Int(index)]
        guard node.kind == .scalar, Int(node.count) == string.utf8.count else { return false }
        var string = string
        return string.withUTF8 { other in
            text.withUnsafeBufferPointer { buffer in
                memoryEqual(buffer.baseAddress! + Int(node.start), other.baseAddress!, Int(node.count))
            }
        }
    }

    /// Whether two scalars have the same text (`a`, `'a'` and `"a"` do).
    func sameText(_ a: NodeIndex, _ b: NodeIndex) -> Bool {
        let x = nodes[Int(a)], y = nodes[Int(b)]
        guard x.count == y.count else { return false }
        return text.withUnsafeBufferPointer { buffer in
            memoryEqual(buffer.baseAddress! + Int(x.start), buffer.baseAddress! + Int(y.start), Int(x.count))
        }
    }

    /// A hash of a scalar's text.
    func textHash(_ index: NodeIndex) -> Int {
        let node = nodes[Int(index)]
        var hasher = Hasher()
        text.withUnsafeBytes { buffer in
            hasher.combine(bytes: UnsafeRawBufferPointer(rebasing: buffer[Int(node.start)..<Int(node.start + node.count)]))
        }
        return hasher.finalize()
    }

    /// The texts of a sequence whose items are all plain strings: scalars that are not null,
    /// not empty, tagged at most `!!str`, without control characters and not reported.
    /// `nil` when any item is not, so that the caller takes its slower, reporting path.
    func cleanStrings<T>(of index: NodeIndex, _ transform: (String) -> T) -> [T]? {
        let sequence = nodes[Int(index)]
        guard sequence.kind == .sequence else { return nil }
        let start = Int(sequence.start), end = start + Int(sequence.count)
        var strings: [T] = []
        strings.reserveCapacity(end - start)
        for child in children[start..<end] {
            let node = nodes[Int(child)]
            guard node.kind == .scalar, node.count > 0, !node.hasControlCharacter, !node.isReported,
                  node.tag == .str || (node.tag == .none && !isNull(child)) else { return nil }
            strings.append(transform(value(of: child)))
        }
        return strings
    }

    /// The key/value pairs of a mapping node, in document order.
    public func pairs(of index: NodeIndex) -> PairSequence {
        let node = nodes[Int(index)]
        precondition(node.kind == .mapping, "pairs(of:) on a non-mapping node")
        return PairSequence(children: children, start: Int(node.start), count: Int(node.count) / 2)
    }

    /// The items of a sequence node, in document order.
    public func items(of index: NodeIndex) -> ArraySlice<NodeIndex> {
        let node = nodes[Int(index)]
        precondition(node.kind == .sequence, "items(of:) on a non-sequence node")
        return children[Int(node.start)..<Int(node.start + node.count)]
    }

    /// The number of pairs (mapping) or items (sequence) of a collection node.
    public func count(of index: NodeIndex) -> Int {
        let node = nodes[Int(index)]
        switch node.kind {
        case .mapping: return Int(node.count) / 2
        case .sequence: return Int(node.count)
        case .scalar: return 0
        }
    }

    /// Whether this is a scalar that YAML's core schema reads as null: an untagged plain
    /// `~`, `null`, `Null`, `NULL` or empty scalar, or one tagged `!!null`.
    public func isNull(_ index: NodeIndex) -> Bool {
        let node = nodes[Int(index)]
        guard node.kind == .scalar, !node.isReported else { return false }
        if node.tag == .null { return true }
        guard node.tag == .none, node.style == .plain, node.count <= 4 else { return false }
        return node.count == 0 || scalar(index, is: "~") || scalar(index, is: "null")
            || scalar(index, is: "Null") || scalar(index, is: "NULL")
    }

    /// The key/value pairs of a mapping, as a random-access collection.
    public struct PairSequence: RandomAccessCollection, Sendable {
        let children: [NodeIndex]
        let start: Int
        public let count: Int

        public var startIndex: Int { 0 }
        public var endIndex: Int { count }

        public subscript(position: Int) -> (key: NodeIndex, value: NodeIndex) {
            (children[start + 2 * position], children[start + 2 * position + 1])
        }
    }
}

@inline(__always)
private func memoryEqual(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ count: Int) -> Bool {
    var index = 0
    while index < count {
        if a[index] != b[index] { return false }
        index += 1
    }
    return true
}
