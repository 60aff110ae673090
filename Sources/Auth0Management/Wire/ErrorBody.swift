/// A Management API error: `{statusCode, error, message, errorCode?}` (recordings 12, 14, 15).
struct ErrorBody: Decodable, Sendable {
    var statusCode: Int?
    var error: String?
    var message: String?
    var errorCode: String?

    /// The scope a 403 `insufficient_scope` message names ("Insufficient scope, expected any
    /// of: read:organizations"); the first when several are listed.
    var missingScope: String? {
        guard let message, let range = message.range(of: "expected any of:") else { return nil }
        let list = message[range.upperBound...].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        return list.first.flatMap { $0.isEmpty ? nil : $0 }
    }
}
