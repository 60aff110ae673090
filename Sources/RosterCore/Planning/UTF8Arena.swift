import Foundation

/// Strings' UTF-8 bytes back to back, to sort and write many short strings without a
/// `String` operation each. Kept by a planning run and refilled for every list.
struct UTF8Arena {
    private(set) var bytes: [UInt8] = []
    /// Each string's first byte in ``bytes``, and one past the last string's end.
    private(set) var starts: [Int] = [0]
    /// Whether every byte so far is ASCII: then byte order is `String` order.
    private(set) var isASCII = true

    var count: Int { starts.count - 1 }

    mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
        starts.removeAll(keepingCapacity: true)
        starts.append(0)
        isASCII = true
    }

    mutating func append(_ string: String) {
        StringBytes.with(string) { utf8 in
            bytes.append(contentsOf: utf8)
            if isASCII { isASCII = StringBytes.isASCII(utf8) }
        }
        starts.append(bytes.count)
    }

    /// Appends a principal's user id or email.
    @inline(__always)
    mutating func append(_ principal: Principal) {
        switch principal {
        case .userID(let text), .email(let text): append(text)
        }
    }

    /// The positions `0 ..< count` in the strings' `String` order (stable), without sorting
    /// when they already are.
    func sortedPositions(strings: () -> [String]) -> [Int] {
        let positions = Array(0 ..< count)
        guard isASCII else {
            // `String` order is over canonically equivalent characters, not bytes.
            let strings = strings()
            return positions.sorted { strings[$0] < strings[$1] }
        }
        return bytes.withUnsafeBufferPointer { buffer in
            starts.withUnsafeBufferPointer { starts in
                func less(_ a: Int, _ b: Int) -> Bool {
                    let aCount = starts[a + 1] - starts[a], bCount = starts[b + 1] - starts[b]
                    let order = memcmp(buffer.baseAddress! + starts[a], buffer.baseAddress! + starts[b], min(aCount, bCount))
                    return order != 0 ? order < 0 : aCount < bCount
                }
                if positions.dropFirst().allSatisfy({ !less($0, $0 - 1) }) { return positions }
                return positions.sorted(by: less)
            }
        }
    }

    /// The bytes of the string at `position`.
    func withBytes<R>(at position: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        bytes.withUnsafeBufferPointer { buffer in
            body(UnsafeBufferPointer(rebasing: buffer[starts[position] ..< starts[position + 1]]))
        }
    }
}

/// A string's UTF-8 bytes, read without a copy where Swift allows.
enum StringBytes {
    /// The bytes of a string: in place for a native string, else from a copy.
    @inline(__always)
    static func with<R>(_ string: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if let result = string.utf8.withContiguousStorageIfAvailable(body) { return result }
        var string = string
        return string.withUTF8(body)
    }

    /// Whether every byte is below 0x80, eight at a time.
    @inline(__always)
    static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        let raw = UnsafeRawPointer(base)
        var any: UInt64 = 0
        var index = 0
        while index + 8 <= bytes.count {
            any |= raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            index += 8
        }
        while index < bytes.count {
            any |= UInt64(bytes[index])
            index += 1
        }
        return any & 0x8080_8080_8080_8080 == 0
    }
}
