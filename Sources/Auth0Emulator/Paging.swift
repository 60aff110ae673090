import Foundation
import Hummingbird

/// The paging a list request asked for, parsed and checked as Auth0 checks it.
///
/// Offset paging: `page` (from 0), `per_page` (1 to 100, default 50), `include_totals`.
/// Checkpoint paging, chosen when `from` or `take` is present: `take` (1 to 100, default 50)
/// and `from` (a cursor from a previous `next`); offset parameters are then ignored.
enum Paging: Sendable, Equatable {
    /// Page number, page size, and whether to wrap the items with start/limit/total.
    case offset(page: Int, perPage: Int, includeTotals: Bool)
    /// Items after the cursor's position (nil: from the start), at most `take`.
    case checkpoint(after: Int?, take: Int)

    /// Auth0 refuses offset pages that reach past this many records.
    static let offsetRecordLimit = 1_000
    /// The largest `per_page` and `take`.
    static let maximumPageSize = 100
    /// The page size when none is given.
    static let defaultPageSize = 50

    /// Parses paging parameters; `allowsCheckpoint` is false for endpoints with offset paging only.
    static func parse(_ query: QueryParameters, allowsCheckpoint: Bool) throws(Auth0Error) -> Paging {
        if allowsCheckpoint, query.has("from") || query.has("take") {
            let take = try query.integer("take", minimum: 1, maximum: maximumPageSize) ?? defaultPageSize
            var after: Int?
            if let from = query.string("from"), !from.isEmpty {
                guard let position = CheckpointCursor.decode(from) else {
                    throw Auth0Error.invalidQuery("Invalid checkpoint \"\(from)\"", property: "from")
                }
                after = position
            }
            return .checkpoint(after: after, take: take)
        }
        let page = try query.integer("page", minimum: 0, maximum: Int(Int32.max)) ?? 0
        let perPage = try query.integer("per_page", minimum: 1, maximum: maximumPageSize) ?? defaultPageSize
        let includeTotals = try query.boolean("include_totals") ?? false
        if (page + 1) * perPage > offsetRecordLimit {
            throw Auth0Error(
                .badRequest,
                "Requesting page \(page) exceeds the allowed maximum of \(offsetRecordLimit) records. "
                    + "To fetch results beyond \(offsetRecordLimit), use the checkpoint pagination method.",
                errorCode: "invalid_paging")
        }
        return .offset(page: page, perPage: perPage, includeTotals: includeTotals)
    }

    /// Builds the list body for offset paging: a bare array, or `{<key>, start, limit, total}`.
    static func offsetBody(_ items: [JSONValue], key: String, page: Int, perPage: Int, includeTotals: Bool) -> JSONValue {
        let start = page * perPage
        let slice = start < items.count ? Array(items[start ..< min(items.count, start + perPage)]) : []
        guard includeTotals else { return .array(slice) }
        return .object([
            key: .array(slice),
            "start": .integer(Int64(start)),
            "limit": .integer(Int64(perPage)),
            "total": .integer(Int64(items.count)),
        ])
    }
}

/// Opaque checkpoint cursors: base64url of `<prefix>,<sequence>` where sequence is the
/// position of the last item returned.
enum CheckpointCursor {
    private static let prefix = "emu1"

    /// The cursor for a position.
    static func encode(_ sequence: Int) -> String {
        Base64URL.encode(Data("\(prefix),\(sequence)".utf8))
    }

    /// The position in a cursor; nil when it is not one of ours.
    static func decode(_ cursor: String) -> Int? {
        guard let data = Base64URL.decode(cursor), let text = String(data: data, encoding: .utf8) else { return nil }
        let parts = text.split(separator: ",")
        guard parts.count == 2, parts[0] == prefix, let value = Int(parts[1]), value >= 0 else { return nil }
        return value
    }
}

/// Query parameters with Auth0's validation messages.
struct QueryParameters: Sendable {
    private var values: [String: String] = [:]

    /// Reads a request's query string; for a repeated name the first value counts.
    init(_ request: Request) {
        for (key, value) in request.uri.queryParameters where values[String(key)] == nil {
            values[String(key)] = String(value)
        }
    }

    /// Whether the parameter is present.
    func has(_ name: String) -> Bool { values[name] != nil }

    /// The raw value.
    func string(_ name: String) -> String? { values[name] }

    /// An integer within bounds, or nil when absent.
    func integer(_ name: String, minimum: Int, maximum: Int) throws(Auth0Error) -> Int? {
        guard let raw = values[name] else { return nil }
        guard let value = Int(raw) else {
            let found = Double(raw) != nil ? "number" : "string"
            throw .invalidQuery("Expected type integer but found type \(found)", property: name)
        }
        if value < minimum { throw .invalidQuery("Value \(value) is less than minimum \(minimum)", property: name) }
        if value > maximum { throw .invalidQuery("Value \(value) is greater than maximum \(maximum)", property: name) }
        return value
    }

    /// A boolean (`true` or `false`), or nil when absent.
    func boolean(_ name: String) throws(Auth0Error) -> Bool? {
        guard let raw = values[name] else { return nil }
        switch raw {
        case "true": return true
        case "false": return false
        default: throw .invalidQuery("Expected type boolean but found type string", property: name)
        }
    }
}
