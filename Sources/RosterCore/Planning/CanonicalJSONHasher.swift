import Crypto
import Foundation

/// Writes canonical JSON straight into a SHA-256 without building the document: the bytes
/// `JSONEncoder` writes with `.sortedKeys` and `.withoutEscapingSlashes` (the state
/// digests' encoding), for the few shapes the digests use. Strings of printable ASCII
/// without `"` or `\` are written here; any other string is escaped by `JSONEncoder`
/// itself, so that the bytes, and the digests, never differ from its.
struct CanonicalJSONHasher {
    private var hash = SHA256()
    private var buffer: [UInt8] = []
    private static let flushSize = 1 << 16
    /// Whether the bytes are kept (``collected``) instead of hashed.
    private let collecting: Bool

    /// - Parameter collecting: keep the bytes, for ``collected``, instead of hashing them.
    init(collecting: Bool = false) {
        self.collecting = collecting
        if !collecting { buffer.reserveCapacity(Self.flushSize + 4_096) }
    }

    /// Everything written, when collecting.
    var collected: [UInt8] { buffer }

    /// Hashes canonical JSON collected by another writer, after what was written before.
    mutating func hash(_ bytes: [UInt8]) {
        if collecting {
            buffer.append(contentsOf: bytes)
            return
        }
        hash.update(data: buffer)
        buffer.removeAll(keepingCapacity: true)
        hash.update(data: bytes)
    }

    /// Appends literal JSON text: punctuation and keys, `{"id":`.
    mutating func raw(_ text: StaticString) {
        text.withUTF8Buffer { buffer.append(contentsOf: $0) }
    }

    private static func isPlain(_ byte: UInt8) -> Bool {
        byte >= 0x20 && byte < 0x7F && byte != UInt8(ascii: "\"") && byte != UInt8(ascii: "\\")
    }

    /// Appends a JSON string given as its UTF-8 bytes.
    mutating func string(utf8 bytes: UnsafeBufferPointer<UInt8>) {
        guard bytes.allSatisfy(Self.isPlain) else {
            // `["..."]` minus the brackets: exactly JSONEncoder's escaping.
            let encoded = StateDigest.canonicalJSON([String(decoding: bytes, as: UTF8.self)])
            buffer.append(contentsOf: encoded.dropFirst().dropLast())
            return flushIfFull()
        }
        buffer.append(UInt8(ascii: "\""))
        buffer.append(contentsOf: bytes)
        buffer.append(UInt8(ascii: "\""))
        flushIfFull()
    }

    /// Appends a JSON string.
    mutating func string(_ value: String) {
        // `withUTF8` gives small strings' bytes too (from the stack), where `utf8`'s
        // contiguous storage is only there for strings on the heap.
        var value = value
        value.withUTF8 { string(utf8: $0) }
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

    /// Appends a JSON array of strings, sorted, without building a sorted copy on the heap
    /// (role lists are short).
    mutating func sortedStrings<Values: Collection<String>>(_ values: Values) {
        raw("[")
        let count = values.count
        if count == 1, let only = values.first {
            string(only)
        } else if count > 1, zip(values, values.dropFirst()).allSatisfy({ !($1 < $0) }) {
            for (index, value) in values.enumerated() {
                if index > 0 { raw(",") }
                string(value)
            }
        } else if count > 1 {
            withUnsafeTemporaryAllocation(of: String.self, capacity: count) { sorted in
                _ = sorted.initialize(from: values)
                for index in 1 ..< count {
                    var position = index
                    while position > 0, sorted[position] < sorted[position - 1] {
                        sorted.swapAt(position, position - 1)
                        position -= 1
                    }
                }
                for index in 0 ..< count {
                    if index > 0 { raw(",") }
                    string(sorted[index])
                }
                sorted.deinitialize()
            }
        }
        raw("]")
    }

    /// Appends an integer.
    mutating func integer(_ value: Int) {
        buffer.append(contentsOf: String(value).utf8)
    }

    /// Appends `true` or `false`.
    mutating func bool(_ value: Bool) {
        if value { raw("true") } else { raw("false") }
    }

    /// Appends bytes already in canonical JSON.
    mutating func json(_ bytes: [UInt8]) {
        buffer.append(contentsOf: bytes)
        flushIfFull()
    }

    /// The lower-case hex SHA-256 of everything written.
    mutating func finalize() -> String {
        hash.update(data: buffer)
        buffer.removeAll()
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
        guard !collecting, buffer.count >= Self.flushSize else { return }
        hash.update(data: buffer)
        buffer.removeAll(keepingCapacity: true)
    }
}
