import RosterCore

/// One parsed YAML document as a located node tree, stored flat for speed: nodes in an
/// array, each collection's children as a range of another array. Nodes are addressed by
/// ``YAMLDocument/NodeIndex``.
public struct YAMLDocument: Sendable {
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
    public struct Node: Sendable {
        /// Scalar, mapping or sequence.
        public var kind: Kind
        /// The scalar's style; `.plain` for collections.
        public var style: ScalarStyle
        /// The explicit tag, if any.
        public var tag: Tag
        /// 1-based line of the node's start.
        public var line: UInt32
        /// 1-based column of the node's start.
        public var column: UInt32
        /// Whether the scalar's text holds a control character (U+0000 to U+001F, U+007F),
        /// which no identifier may; found while parsing, from the raw bytes.
        public var hasControlCharacter: Bool
        /// The scalar's text; empty for collections.
        public var value: String
        /// First child in ``YAMLDocument/children``.
        var childStart: Int32
        /// Number of children (for a mapping, twice the number of pairs).
        var childCount: Int32
    }

    /// The path of the file the document came from.
    public let file: String
    /// All nodes, in document order.
    public internal(set) var nodes: [Node] = []
    /// Children of every collection, each collection's children contiguous.
    var children: [NodeIndex] = []
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

    /// The key/value pairs of a mapping node, in document order.
    public func pairs(of index: NodeIndex) -> PairSequence {
        let node = nodes[Int(index)]
        precondition(node.kind == .mapping, "pairs(of:) on a non-mapping node")
        return PairSequence(children: children, start: Int(node.childStart), count: Int(node.childCount) / 2)
    }

    /// The items of a sequence node, in document order.
    public func items(of index: NodeIndex) -> ArraySlice<NodeIndex> {
        let node = nodes[Int(index)]
        precondition(node.kind == .sequence, "items(of:) on a non-sequence node")
        let start = Int(node.childStart)
        return children[start..<start + Int(node.childCount)]
    }

    /// The number of pairs (mapping) or items (sequence) of a collection node.
    public func count(of index: NodeIndex) -> Int {
        let node = nodes[Int(index)]
        return node.kind == .mapping ? Int(node.childCount) / 2 : Int(node.childCount)
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

extension YAMLDocument.Node {
    /// Whether this is a scalar that YAML's core schema reads as null: an untagged plain
    /// `~`, `null`, `Null`, `NULL` or empty scalar, or one tagged `!!null`.
    public var isNull: Bool {
        guard kind == .scalar else { return false }
        if tag == .null { return true }
        guard tag == .none, style == .plain else { return false }
        switch value {
        case "", "~", "null", "Null", "NULL": return true
        default: return false
        }
    }
}
