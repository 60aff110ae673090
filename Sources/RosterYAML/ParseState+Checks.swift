import CYAML
import RosterCore

extension ParseState {
    static let coreTags: [String: YAMLDocument.Tag] = [
        "tag:yaml.org,2002:str": .str, "tag:yaml.org,2002:int": .int,
        "tag:yaml.org,2002:bool": .bool, "tag:yaml.org,2002:null": .null,
        "tag:yaml.org,2002:seq": .seq, "tag:yaml.org,2002:map": .map,
    ]

    /// Anchors serve only aliases, which are refused; an anchor is refused where it stands.
    mutating func checkAnchor(_ anchor: UnsafeMutablePointer<yaml_char_t>?, at mark: yaml_mark_t) {
        guard let anchor else { return }
        let name = String(cString: anchor)
        error("anchors (&\(SourceText.abbreviated(name))) are not allowed in desired-state files", at: mark,
              notes: [.init("remove the anchor; aliases are refused too")])
    }

    /// Maps a written tag onto the core schema; any other tag, or a collection tag on the
    /// wrong kind of node, is an error.
    mutating func resolveTag(_ raw: UnsafeMutablePointer<yaml_char_t>?, expected: YAMLDocument.Tag,
                             at mark: yaml_mark_t) -> YAMLDocument.Tag {
        guard let raw else { return .none }
        let text = String(cString: raw)
        guard let tag = Self.coreTags[text] else {
            let shown = text.hasPrefix("tag:yaml.org,2002:") ? "!!" + text.dropFirst(18) : text
            error("tag \(shown) is not allowed", at: mark,
                  notes: [.init("only the core tags !!str, !!int, !!bool, !!null, !!seq and !!map are accepted")])
            return .none
        }
        let isCollectionTag = tag == .seq || tag == .map
        let isCollection = expected != .str
        if isCollectionTag != isCollection || (isCollection && tag != expected) {
            let what = expected == .str ? "a scalar" : (expected == .map ? "a mapping" : "a sequence")
            error("tag !!\(Self.tagName(tag)) cannot be used on \(what)", at: mark)
            return .none
        }
        return tag
    }

    static func tagName(_ tag: YAMLDocument.Tag) -> String {
        switch tag {
        case .none: return ""
        case .str: return "str"
        case .int: return "int"
        case .bool: return "bool"
        case .null: return "null"
        case .seq: return "seq"
        case .map: return "map"
        }
    }

    /// Keys must be scalars, not merge keys, and unique (`a`, `'a'` and `"a"` are one key).
    mutating func checkKeys(of mapping: YAMLDocument.NodeIndex) {
        let pairs = document.pairs(of: mapping)
        for (key, _) in pairs {
            let node = document[key]
            if node.kind != .scalar {
                error("a mapping key must be a scalar, not a \(node.kind == .mapping ? "mapping" : "sequence")",
                      line: Int(node.line), column: Int(node.column))
                document.nodes[Int(key)].isReported = true
            } else if node.style == .plain, node.tag == .none, document.scalar(key, is: "<<") {
                error("merge keys (<<) are not allowed in desired-state files",
                      line: Int(node.line), column: Int(node.column),
                      notes: [.init("write the keys out in full")])
                document.nodes[Int(key)].isReported = true
            }
        }
        if pairs.count <= 8 {
            for i in 1..<max(1, pairs.count) {
                let key = pairs[i].key
                guard document[key].kind == .scalar else { continue }
                for j in 0..<i where document[pairs[j].key].kind == .scalar && document.sameText(pairs[j].key, key) {
                    reportDuplicate(key, first: pairs[j].key)
                    break
                }
            }
        } else {
            var table = KeyTable(capacity: pairs.count)
            for (key, _) in pairs where document[key].kind == .scalar {
                if let first = table.insert(key, in: document) { reportDuplicate(key, first: first) }
            }
        }
    }

    private mutating func reportDuplicate(_ key: YAMLDocument.NodeIndex, first: YAMLDocument.NodeIndex) {
        document.nodes[Int(key)].isReported = true
        let node = document[key]
        error("duplicate key \(SourceText.quoted(document.value(of: key)))", line: Int(node.line), column: Int(node.column),
              notes: [.init("first defined here", at: document.location(of: first))])
    }

    /// Reports libyaml's own error with its problem, context and marks.
    mutating func reportLibYAMLError(_ parser: yaml_parser_t, buffer: UnsafeBufferPointer<UInt8>) {
        let problem = parser.problem.map { String(cString: $0) } ?? "unknown libyaml error"
        switch parser.error {
        case YAML_READER_ERROR:
            let (line, column) = SourceText.lineAndColumn(ofByte: Int(parser.problem_offset), in: buffer)
            var message = problem
            if parser.problem_value != -1 {
                let value = UInt32(truncatingIfNeeded: parser.problem_value)
                message += problem.contains("octet")
                    ? " 0x" + String(value, radix: 16, uppercase: true) : " (\(SourceText.codePoint(value)))"
            }
            error(message, line: line, column: column,
                  notes: [.init("desired-state files must be UTF-8 text without control characters")])
        case YAML_MEMORY_ERROR:
            error("libyaml ran out of memory", line: 1, column: 1)
        default:
            var message = problem
            if let context = parser.context {
                let mark = parser.context_mark
                message += " (\(String(cString: context)) at \(mark.line + 1):\(mark.column + 1))"
            }
            var notes: [Diagnostic.Note] = []
            let mark = parser.problem_mark
            if let offset = SourceText.byteOffset(line: Int(mark.line) + 1, column: Int(mark.column) + 1, in: buffer),
               buffer[offset] == 0x09 {
                notes.append(.init("a tab cannot indent YAML; indent with spaces"))
            }
            error(message, at: mark, notes: notes)
        }
    }
}
