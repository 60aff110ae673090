import Foundation

/// The shape of a JSON value: object keys and value types, recursively; arrays by the
/// shape of their first element. Two responses "match" when their shapes are equal.
indirect enum JSONShape: Equatable, CustomStringConvertible {
    case null, number, string
    case array(JSONShape?)
    case object([String: JSONShape])

    init(_ value: Any?) {
        switch value {
        case nil, is NSNull: self = .null
        case is String: self = .string
        case is NSNumber: self = .number
        case let array as [Any]: self = .array(array.first.map { JSONShape($0) })
        case let object as [String: Any]: self = .object(object.mapValues { JSONShape($0) })
        default: self = .null
        }
    }

    /// The object's keys, when this is an object.
    var keys: Set<String> {
        if case .object(let fields) = self { return Set(fields.keys) }
        return []
    }

    var description: String {
        switch self {
        case .null: "null"
        case .number: "number"
        case .string: "string"
        case .array(let element): "[\(element?.description ?? "")]"
        case .object(let fields):
            "{" + fields.keys.sorted().map { "\($0): \(fields[$0]!)" }.joined(separator: ", ") + "}"
        }
    }
}
