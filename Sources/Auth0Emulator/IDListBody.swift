import Foundation
import Hummingbird
import NIOCore

/// Reads and validates a write body of the form `{"<key>": ["id", ...]}`, with Auth0's
/// `invalid_body` messages: malformed JSON, a missing or non-array list, an empty list
/// (minItems 1), more than ``maximumIDs`` ids, ids that are not non-empty strings, and unknown properties.
enum IDListBody {
    /// The most ids one write accepts. Auth0 does not publish a limit for these bodies; this
    /// one keeps a hostile body (about 100,000 ids fit in 512,000 bytes) cheap to refuse.
    static let maximumIDs = 1_000

    /// The ids in the body, in order, without duplicates.
    static func read(_ request: Request, key: String, maxBytes: Int) async throws -> [String] {
        guard let data = try await RequestBody.read(request, maxBytes: maxBytes) else {
            throw ErrorMiddleware.payloadTooLarge(maxBytes)
        }
        return try parse(data, key: key)
    }

    /// Validates already-read body bytes.
    static func parse(_ data: Data, key: String) throws(Auth0Error) -> [String] {
        guard !data.isEmpty, let json = JSONValue.parse(data) else {
            throw Auth0Error(.badRequest, "Invalid request payload JSON format", errorCode: "invalid_body")
        }
        guard let object = json.objectValue else {
            throw .invalidBody("'Expected type object but found type \(json.typeName)'.")
        }
        let extra = object.keys.filter { $0 != key }.sorted()
        if !extra.isEmpty {
            throw .invalidBody("'Additional properties not allowed: \(extra.joined(separator: ","))'.")
        }
        guard let value = object[key] else {
            throw .invalidBody("'Missing required property: \(key)'.")
        }
        guard let items = value.arrayValue else {
            throw .invalidBody("'Expected type array but found type \(value.typeName)' on property \(key).")
        }
        if items.isEmpty {
            throw .invalidBody("'Array is too short (0), minimum 1' on property \(key).")
        }
        if items.count > maximumIDs {
            throw .invalidBody("'Array is too long (\(items.count)), maximum \(maximumIDs)' on property \(key).")
        }
        var ids: [String] = []
        var seen: Set<String> = []
        for (index, item) in items.enumerated() {
            guard let id = item.stringValue else {
                throw .invalidBody("'Expected type string but found type \(item.typeName)' on property \(key)[\(index)].")
            }
            if id.isEmpty {
                throw .invalidBody("'String is too short (0 chars), minimum 1' on property \(key)[\(index)].")
            }
            if seen.insert(id).inserted { ids.append(id) }
        }
        return ids
    }
}
