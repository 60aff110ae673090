import Foundation

/// The `fields` and `include_fields` query parameters: which keys of each item to return.
struct FieldSelection: Sendable {
    /// The listed field names, or nil when `fields` was not given.
    var fields: [String]?
    /// Whether the listed fields are the ones to keep (true) or to leave out (false).
    var include: Bool

    /// Parses the parameters.
    init(_ query: QueryParameters) throws(Auth0Error) {
        let raw = query.string("fields")
        fields = raw.map { text in
            text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        include = try query.boolean("include_fields") ?? true
    }

    /// Whether a field that is not in the default set (such as a member's `roles`) is asked for.
    func requests(_ field: String) -> Bool {
        include && fields?.contains(field) == true
    }

    /// Keeps or removes keys as asked; without `fields` the object is returned whole.
    func apply(to object: [String: JSONValue]) -> JSONValue {
        guard let fields else { return .object(object) }
        let listed = Set(fields)
        return .object(object.filter { listed.contains($0.key) == include })
    }
}
