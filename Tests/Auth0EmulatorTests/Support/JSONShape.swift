import Foundation

/// The shape of a JSON value: object keys and value types, recursively. An array's shape is
/// the list of its elements' distinct shapes, so every element is compared, not only the
/// first, while arrays of different lengths with the same kind of elements still match.
/// Booleans and numbers are different shapes. Two responses "match" when their shapes are equal.
indirect enum JSONShape: Hashable, CustomStringConvertible {
    case null, bool, number, string
    case array([JSONShape])
    case object([String: JSONShape])

    init(_ value: Any?) {
        switch value {
        case nil, is NSNull: self = .null
        case let value? where type(of: value) == Bool.self: self = .bool
        case let number as NSNumber: self = Self.isBoolean(number) ? .bool : .number
        case is String: self = .string
        case let array as [Any]:
            var shapes: [JSONShape] = []
            for element in array {
                let shape = JSONShape(element)
                if !shapes.contains(shape) { shapes.append(shape) }
            }
            self = .array(shapes)
        case let object as [String: Any]: self = .object(object.mapValues { JSONShape($0) })
        default: self = .null
        }
    }

    /// Whether Foundation made this number from a JSON `true` or `false`: a CFBoolean on
    /// Darwin, a number of Objective-C type `c` (char) elsewhere. JSON numbers never decode
    /// to a char.
    private static func isBoolean(_ number: NSNumber) -> Bool {
        #if canImport(Darwin)
        return CFGetTypeID(number) == CFBooleanGetTypeID()
        #else
        return String(cString: number.objCType) == "c"
        #endif
    }

    /// The object's keys, when this is an object.
    var keys: Set<String> {
        if case .object(let fields) = self { return Set(fields.keys) }
        return []
    }

    var description: String {
        switch self {
        case .null: "null"
        case .bool: "boolean"
        case .number: "number"
        case .string: "string"
        case .array(let elements): "[" + elements.map(\.description).joined(separator: " | ") + "]"
        case .object(let fields):
            "{" + fields.keys.sorted().map { "\($0): \(fields[$0]!)" }.joined(separator: ", ") + "}"
        }
    }
}
