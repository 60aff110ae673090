/// An open-addressing set of scalar nodes keyed by their text, for finding duplicate keys in
/// large mappings without building a `String` per key.
struct KeyTable {
    private var slots: [YAMLDocument.NodeIndex]
    private var hashes: [Int]
    private let mask: Int

    init(capacity: Int) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = Array(repeating: -1, count: size)
        hashes = Array(repeating: 0, count: size)
        mask = size - 1
    }

    /// Adds `key`; returns the earlier node with the same text, if there is one.
    mutating func insert(_ key: YAMLDocument.NodeIndex, in document: YAMLDocument) -> YAMLDocument.NodeIndex? {
        let hash = document.textHash(key)
        var slot = hash & mask
        while slots[slot] >= 0 {
            if hashes[slot] == hash, document.sameText(slots[slot], key) { return slots[slot] }
            slot = (slot + 1) & mask
        }
        slots[slot] = key
        hashes[slot] = hash
        return nil
    }
}
