/// A role as the desired state names it: by name (`admin`) or by id (`rol_0a1B2c3D4e5F6g7H`).
public enum RoleReference: Sendable, Hashable, Codable, CustomStringConvertible {
    /// A role by its exact, case-sensitive name.
    case name(String)
    /// A role by its Auth0 id (text starting with `rol_`).
    case id(String)

    /// Reads a role as written: text starting with `rol_` is an id, anything else a name.
    public init(_ text: String) {
        var bytes = text.utf8.makeIterator()
        let isID = bytes.next() == UInt8(ascii: "r") && bytes.next() == UInt8(ascii: "o")
            && bytes.next() == UInt8(ascii: "l") && bytes.next() == UInt8(ascii: "_")
        self = isID ? .id(text) : .name(text)
    }

    /// The name or id as written.
    public var description: String {
        switch self {
        case .name(let name): return name
        case .id(let id): return id
        }
    }
}
