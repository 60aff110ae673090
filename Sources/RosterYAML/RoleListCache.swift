import RosterCore

/// Role lists already decoded, by their text. Most members of a desired state share a few
/// role lists (`[viewer]`, `[admin, billing]`), so the decoder hands out the array it built
/// for the first one instead of building one per member: no allocation and no `String`s
/// per member, and the copies share their memory.
///
/// Only lists the decoder's fast path accepts are cached: every item a plain string (not
/// null, not empty, at most `!!str`, no control character, not reported) and no repeats.
/// A hit compares the texts byte for byte, so it returns what decoding would.
struct RoleListCache {
    private struct Entry {
        var hash: UInt64
        /// The items' texts, each followed by a 0 byte (never in a clean item).
        var key: [UInt8]
        var roles: [RoleReference]
    }

    private static let slots = 64
    private static let longestList = 8
    private var entries: [Entry?] = Array(repeating: nil, count: RoleListCache.slots)

    /// The roles of the sequence `node`: the cached array when an earlier list had the same
    /// texts, otherwise `decode()`'s, cached when the list is clean and short.
    mutating func roles(of node: YAMLDocument.NodeIndex, in document: YAMLDocument,
                        decode: () -> [RoleReference]?) -> [RoleReference]? {
        guard let hash = Self.cleanHash(of: node, in: document) else { return decode() }
        let slot = Int(hash % UInt64(Self.slots))
        if let entry = entries[slot], entry.hash == hash, Self.texts(of: node, in: document, equal: entry.key) {
            return entry.roles
        }
        guard let roles = decode() else { return nil }
        entries[slot] = Entry(hash: hash, key: Self.key(of: node, in: document), roles: roles)
        return roles
    }

    /// FNV-1a over the items' texts and separators, or nil when the list is not a short
    /// list of clean plain strings.
    private static func cleanHash(of node: YAMLDocument.NodeIndex, in document: YAMLDocument) -> UInt64? {
        let sequence = document.nodes[Int(node)]
        guard sequence.kind == .sequence, sequence.count <= longestList else { return nil }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        let start = Int(sequence.start)
        return document.text.withUnsafeBufferPointer { text -> UInt64? in
            for child in document.children[start ..< start + Int(sequence.count)] {
                let item = document.nodes[Int(child)]
                guard item.kind == .scalar, item.count > 0, !item.hasControlCharacter, !item.isReported,
                      item.tag == .str || (item.tag == .none && !document.isNull(child)) else { return nil }
                for byte in text[Int(item.start) ..< Int(item.start + item.count)] {
                    hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
                }
                hash = hash &* 0x100_0000_01b3
            }
            return hash
        }
    }

    private static func texts(of node: YAMLDocument.NodeIndex, in document: YAMLDocument, equal key: [UInt8]) -> Bool {
        let sequence = document.nodes[Int(node)]
        let start = Int(sequence.start)
        var position = 0
        return document.text.withUnsafeBufferPointer { text in
            for child in document.children[start ..< start + Int(sequence.count)] {
                let item = document.nodes[Int(child)]
                let count = Int(item.count)
                guard position + count < key.count, key[position + count] == 0 else { return false }
                for offset in 0 ..< count where text[Int(item.start) + offset] != key[position + offset] { return false }
                position += count + 1
            }
            return position == key.count
        }
    }

    private static func key(of node: YAMLDocument.NodeIndex, in document: YAMLDocument) -> [UInt8] {
        var key: [UInt8] = []
        for child in document.items(of: node) {
            let item = document.nodes[Int(child)]
            key += document.text[Int(item.start) ..< Int(item.start + item.count)]
            key.append(0)
        }
        return key
    }
}
