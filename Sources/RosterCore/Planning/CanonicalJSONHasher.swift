import Crypto
import Foundation

/// Writes canonical JSON straight into a SHA-256 without building the document: the bytes
/// `JSONEncoder` writes with `.sortedKeys` and `.withoutEscapingSlashes` (the state
/// digests' encoding), for the few shapes the digests use. Strings of printable ASCII
/// without `"` or `\` are written here; any other string is escaped by `JSONEncoder`
/// itself, so that the bytes, and the digests, never differ from its.
struct CanonicalJSONHasher: ~Copyable {
    private var hash = SHA256()
    /// What was written and not hashed yet (or everything, when collecting), appended to
    /// with `memcpy`: the digests append a few bytes at a time, millions of times, where an
    /// array's checks (or a buffer object's reference counting) cost more than the copy.
    private var base: UnsafeMutablePointer<UInt8>
    private var count = 0
    private var capacity: Int
    private static let flushSize = 1 << 16
    /// Whether the bytes are kept (``collected``) instead of hashed.
    private let collecting: Bool

    /// - Parameter collecting: keep the bytes, for ``collected``, instead of hashing them.
    init(collecting: Bool = false) {
        self.collecting = collecting
        capacity = collecting ? 256 : Self.flushSize + 4_096
        base = .allocate(capacity: capacity)
    }

    deinit { base.deallocate() }

    private var bytes: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: base, count: count) }

    /// Everything written, when collecting.
    var collected: [UInt8] { Array(bytes) }

    @inline(__always)
    private mutating func append(_ byte: UInt8) {
        if count == capacity { grow(to: count + 1) }
        base[count] = byte
        count += 1
    }

    @inline(__always)
    private mutating func append(_ source: UnsafeBufferPointer<UInt8>) {
        guard let start = source.baseAddress, source.count > 0 else { return }
        if count + source.count > capacity { grow(to: count + source.count) }
        (base + count).update(from: start, count: source.count)
        count += source.count
    }

    private mutating func grow(to needed: Int) {
        var newCapacity = capacity * 2
        while newCapacity < needed { newCapacity *= 2 }
        let newBase = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newBase.update(from: base, count: count)
        base.deallocate()
        base = newBase
        capacity = newCapacity
    }

    /// Hashes canonical JSON collected by another writer, after what was written before.
    mutating func hash(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { bytes in
            if collecting { return append(bytes) }
            hash.update(bufferPointer: UnsafeRawBufferPointer(self.bytes))
            count = 0
            hash.update(bufferPointer: UnsafeRawBufferPointer(bytes))
        }
    }

    /// Appends literal JSON text: punctuation and keys, `{"id":`.
    mutating func raw(_ text: StaticString) {
        if text.hasPointerRepresentation {
            append(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
        } else {
            text.withUTF8Buffer { append($0) }
        }
    }

    /// Appends a JSON string given as its UTF-8 bytes.
    mutating func string(utf8 bytes: UnsafeBufferPointer<UInt8>) {
        guard Self.isPlain(bytes) else {
            // `["..."]` minus the brackets: exactly JSONEncoder's escaping.
            let encoded = Array(StateDigest.canonicalJSON([String(decoding: bytes, as: UTF8.self)]))
            encoded.withUnsafeBufferPointer { append(UnsafeBufferPointer(rebasing: $0.dropFirst().dropLast())) }
            return flushIfFull()
        }
        append(UInt8(ascii: "\""))
        append(bytes)
        append(UInt8(ascii: "\""))
        flushIfFull()
    }

    /// Appends a JSON string.
    mutating func string(_ value: String) {
        StringBytes.with(value) { string(utf8: $0) }
    }

    /// Whether every byte is printable ASCII other than `"` and `\\`: written as it is.
    /// Eight bytes at a time: a word has a byte below 0x20 when `(w - 0x20...) & ~w & 0x80...`
    /// is not zero, a byte 0x7F or above when `((w & 0x7F...) + 0x01...) | w` has a high bit,
    /// and a byte `c` when the first test for zero holds for `w ^ c...` (all exact).
    static func isPlain(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        func hasZero(_ word: UInt64) -> Bool { (word &- ones) & ~word & highs != 0 }
        guard let base = bytes.baseAddress else { return true }
        let raw = UnsafeRawPointer(base)
        var index = 0
        while index + 8 <= bytes.count {
            let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: index, as: UInt64.self))
            if (word &- ones &* 0x20) & ~word & highs != 0 || (((word & ~highs) &+ ones) | word) & highs != 0
                || hasZero(word ^ (ones &* 0x22)) || hasZero(word ^ (ones &* 0x5C)) {
                return false
            }
            index += 8
        }
        while index < bytes.count {
            let byte = bytes[index]
            if byte < 0x20 || byte >= 0x7F || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { return false }
            index += 1
        }
        return true
    }

    /// Appends a JSON array of strings.
    mutating func strings(_ values: [String]) {
        raw("[")
        for (index, value) in values.enumerated() {
            if index > 0 { raw(",") }
            string(value)
        }
        raw("]")
    }

    /// Appends a JSON array of the `count` strings `value(0)`, `value(1)`, ..., sorted. Role
    /// lists are short: their positions are sorted by insertion on the stack, without a
    /// copy of a string or a list (a list already in order costs one pass).
    mutating func sortedStrings(count: Int, _ value: (Int) -> String) {
        raw("[")
        withUnsafeTemporaryAllocation(of: Int.self, capacity: count) { order in
            for index in 0 ..< count {
                (order.baseAddress! + index).initialize(to: index)
                var position = index
                while position > 0, value(order[position]) < value(order[position - 1]) {
                    order.swapAt(position, position - 1)
                    position -= 1
                }
            }
            for index in 0 ..< count {
                if index > 0 { raw(",") }
                string(value(order[index]))
            }
        }
        raw("]")
    }

    /// Appends an integer.
    mutating func integer(_ value: Int) {
        StringBytes.with(String(value)) { append($0) }
    }

    /// Appends `true` or `false`.
    mutating func bool(_ value: Bool) {
        if value { raw("true") } else { raw("false") }
    }

    /// Appends bytes already in canonical JSON.
    mutating func json(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { append($0) }
        flushIfFull()
    }

    /// The lower-case hex SHA-256 of everything written.
    mutating func finalize() -> String {
        hash.update(bufferPointer: UnsafeRawBufferPointer(bytes))
        count = 0
        return Self.hex(hash.finalize())
    }

    /// Lower-case hex of a digest.
    static func hex(_ digest: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(64)
        for byte in digest {
            bytes.append(digits[Int(byte >> 4)])
            bytes.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private mutating func flushIfFull() {
        guard !collecting, count >= Self.flushSize else { return }
        hash.update(bufferPointer: UnsafeRawBufferPointer(bytes))
        count = 0
    }
}
