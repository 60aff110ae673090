import Foundation

/// The declared members of one organization by user id: an open-addressing table over the
/// user ids' UTF-8 bytes, to a position in the declared list. A planning run keeps one and
/// refills it for every organization (``reset(capacity:)``).
///
/// A `Dictionary<String, Int>` costs a SipHash, a reference to each key and a `String`
/// comparison per look-up; planning does one insertion per declared member and one look-up
/// per current member. This table copies the bytes once, into memory of its own, and
/// hashes them eight at a time. Its hash is seeded per process, so no fixed set of user ids
/// collides on every run.
///
/// Keys are equal as `String`s are (canonical equivalence: a precomposed `ö` and `o` with a
/// combining mark are one key, as everywhere else in Roster). ASCII keys, all real user
/// ids, go in the table as they are. Any other key is first put in its canonical composed
/// form (NFC): when that is ASCII (a KELVIN SIGN is a `K`) it goes in the table in that
/// form, else in a `Dictionary`, which compares as `String` does.
final class UserIDIndex {
    /// The keys with a byte outside ASCII.
    private var others: [String: Int] = [:]
    /// The keys' bytes back to back.
    private var bytes: UnsafeMutablePointer<UInt8>
    private var byteCount = 0
    private var byteCapacity: Int
    /// Per entry: where its key starts in ``bytes``, its length and its value.
    private var entries: UnsafeMutablePointer<(start: Int, count: Int, value: Int)>
    private var entryCount = 0
    private var entryCapacity: Int
    /// Per slot: an entry's index + 1, or 0 when empty. A power of two, at most half full.
    private var slots: UnsafeMutablePointer<Int32>
    /// The slots in use, and the slots allocated.
    private var slotCount: Int
    private var slotCapacity: Int

    init(capacity: Int = 0) {
        byteCapacity = max(64, capacity * 32)
        bytes = .allocate(capacity: byteCapacity)
        entryCapacity = max(8, capacity)
        entries = .allocate(capacity: entryCapacity)
        slotCount = Self.slotCount(for: capacity)
        slotCapacity = slotCount
        slots = .allocate(capacity: slotCount)
        slots.initialize(repeating: 0, count: slotCount)
    }

    deinit {
        bytes.deallocate()
        entries.deallocate()
        slots.deallocate()
    }

    private static func slotCount(for capacity: Int) -> Int {
        var size = 16
        while size < capacity * 2 { size *= 2 }
        return size
    }

    /// Empties the index, for `capacity` keys.
    func reset(capacity: Int) {
        byteCount = 0
        entryCount = 0
        if !others.isEmpty { others.removeAll() }
        if capacity > entryCapacity {
            entries.deallocate()
            entries = .allocate(capacity: capacity)
            entryCapacity = capacity
        }
        if capacity * 32 > byteCapacity {
            bytes.deallocate()
            bytes = .allocate(capacity: capacity * 32)
            byteCapacity = capacity * 32
        }
        slotCount = Self.slotCount(for: capacity)
        if slotCount > slotCapacity {
            slots.deallocate()
            slots = .allocate(capacity: slotCount)
            slotCapacity = slotCount
        }
        // Only the slots in use: a small organization after a large one clears little.
        // (`initialize`: the memory may be new; the slots are plain integers.)
        slots.initialize(repeating: 0, count: slotCount)
    }

    /// Adds `key` with `value`, unless the key is there already: then returns the value it
    /// has and changes nothing.
    func insert(_ key: String, value: Int) -> Int? {
        StringBytes.with(key) { utf8 -> Int? in
            guard StringBytes.isASCII(utf8) else {
                let composed = key.precomposedStringWithCanonicalMapping
                if StringBytes.with(composed, StringBytes.isASCII) { return insert(composed, value: value) }
                if let first = others[key] { return first }
                others[key] = value
                return nil
            }
            let key = utf8
            if (entryCount + 1) * 2 > slotCount { grow() }
            let slot = find(key)
            if slots[slot] != 0 { return entries[Int(slots[slot]) - 1].value }
            if byteCount + key.count > byteCapacity {
                var capacity = byteCapacity * 2
                while capacity < byteCount + key.count { capacity *= 2 }
                let larger = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
                larger.update(from: bytes, count: byteCount)
                bytes.deallocate()
                bytes = larger
                byteCapacity = capacity
            }
            if entryCount == entryCapacity {
                let larger = UnsafeMutablePointer<(start: Int, count: Int, value: Int)>.allocate(capacity: entryCapacity * 2)
                larger.moveInitialize(from: entries, count: entryCount)
                entries.deallocate()
                entries = larger
                entryCapacity *= 2
            }
            if let base = key.baseAddress { (bytes + byteCount).update(from: base, count: key.count) }
            (entries + entryCount).initialize(to: (byteCount, key.count, value))
            byteCount += key.count
            entryCount += 1
            slots[slot] = Int32(entryCount)
            return nil
        }
    }

    /// The value of `key`, if it is there.
    func value(for key: String) -> Int? {
        StringBytes.with(key) { utf8 -> Int? in
            guard StringBytes.isASCII(utf8) else {
                let composed = key.precomposedStringWithCanonicalMapping
                return StringBytes.with(composed, StringBytes.isASCII) ? value(for: composed) : others[key]
            }
            let slot = find(utf8)
            return slots[slot] == 0 ? nil : entries[Int(slots[slot]) - 1].value
        }
    }

    /// The slot holding `key`, or the empty slot where it would go.
    private func find(_ key: UnsafeBufferPointer<UInt8>) -> Int {
        let mask = slotCount - 1
        var slot = Int(truncatingIfNeeded: Self.hash(key)) & mask
        while slots[slot] != 0 {
            let entry = entries[Int(slots[slot]) - 1]
            if entry.count == key.count, key.count == 0 || memcmp(bytes + entry.start, key.baseAddress!, key.count) == 0 {
                return slot
            }
            slot = (slot + 1) & mask
        }
        return slot
    }

    private func grow() {
        slotCount *= 2
        if slotCount > slotCapacity {
            slots.deallocate()
            slots = .allocate(capacity: slotCount)
            slotCapacity = slotCount
        }
        slots.initialize(repeating: 0, count: slotCount)
        let mask = slotCount - 1
        for index in 0 ..< entryCount {
            let entry = entries[index]
            var slot = Int(truncatingIfNeeded: Self.hash(UnsafeBufferPointer(start: bytes + entry.start, count: entry.count))) & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(index + 1)
        }
    }

    private static let seed = UInt64.random(in: .min ... .max)

    /// A multiply-and-shift hash over eight bytes at a time, with the length and the
    /// process's seed mixed in.
    @inline(__always)
    static func hash(_ key: UnsafeBufferPointer<UInt8>) -> UInt64 {
        let multiplier: UInt64 = 0x9E37_79B9_7F4A_7C15
        var hash = seed ^ (UInt64(key.count) &* multiplier)
        guard let base = key.baseAddress else { return hash }
        let raw = UnsafeRawPointer(base)
        var index = 0
        while index + 8 <= key.count {
            hash = (hash ^ raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)) &* multiplier
            hash ^= hash >> 32
            index += 8
        }
        if index < key.count {
            var tail: UInt64 = 0
            for offset in index ..< key.count { tail = tail << 8 | UInt64(key[offset]) }
            hash = (hash ^ tail) &* multiplier
            hash ^= hash >> 32
        }
        hash = (hash ^ (hash >> 29)) &* multiplier
        return hash ^ (hash >> 32)
    }
}
