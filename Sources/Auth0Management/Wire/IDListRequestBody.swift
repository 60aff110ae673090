import Foundation

/// The body of a member or member-role write: `{"members": [...]}` or `{"roles": [...]}`
/// (recordings 09, 10, 12).
struct IDListRequestBody: Sendable {
    /// `members` or `roles`.
    var key: String
    var ids: [String]

    /// The JSON bytes.
    func encoded() -> Data {
        // Keys and ids are plain strings: JSONEncoder escapes them exactly as sizing assumes.
        (try? JSONEncoder().encode([key: ids])) ?? Data()
    }

    /// The encoded size of one id inside the array, including its comma.
    static func size(of id: String) -> Int {
        ((try? JSONEncoder().encode([id]))?.count ?? id.utf8.count + 4) - 2 + 1
    }

    /// The encoded size of the body around its ids: `{"key":[]}`.
    static func overhead(key: String) -> Int { key.utf8.count + 7 }

    /// Splits ids into bodies of at most `batchSize` ids and fewer than `maxBytes` bytes,
    /// keeping their order. Returns nil with the offending size when one id alone is too big.
    static func batches(
        of ids: [String], key: String, batchSize: Int, maxBytes: Int
    ) -> Result<[[String]], BatchTooLarge> {
        var batches: [[String]] = []
        var current: [String] = []
        var bytes = overhead(key: key)
        for id in ids {
            let size = size(of: id)
            if overhead(key: key) + size >= maxBytes {
                return .failure(BatchTooLarge(bytes: overhead(key: key) + size - 1))
            }
            if current.count == batchSize || bytes + size >= maxBytes {
                batches.append(current)
                current = []
                bytes = overhead(key: key)
            }
            current.append(id)
            bytes += size
        }
        if !current.isEmpty { batches.append(current) }
        return .success(batches)
    }

    /// One id that cannot fit in any body.
    struct BatchTooLarge: Error {
        var bytes: Int
    }
}
