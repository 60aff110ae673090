/// Who a member entry or a protected entry names: an Auth0 user id or an email address.
public enum Principal: Sendable, Hashable, Codable, CustomStringConvertible {
    /// An Auth0 user id, `provider|id` (`auth0|64f1...`, `google-oauth2|1098...`).
    case userID(String)
    /// An email address, resolved to a user id against the tenant. Stored in lower case:
    /// Auth0 compares emails without regard to case.
    case email(String)

    /// Parses a member key. Returns `nil` for text that is neither a user id nor an email.
    ///
    /// A user id has a non-empty provider and id around its first `|`; an email has a
    /// non-empty local part and domain around a single `@`. Neither may hold whitespace or
    /// control characters.
    public init?(parsing text: String) {
        var text = text
        guard let parsed = text.withUTF8({ Self.classify($0) }) else { return nil }
        switch parsed {
        case .userID: self = .userID(text)
        case .email(let hasUppercase): self = .email(hasUppercase ? text.lowercased() : text)
        }
    }

    private enum Shape {
        case userID
        case email(hasUppercase: Bool)
    }

    /// One pass over the bytes: where the first `|` and the `@`s are, and whether any byte
    /// rules the text out. Ordinary bytes (lowercase letters, digits, most punctuation) cost
    /// one table look-up.
    private static func classify(_ bytes: UnsafeBufferPointer<UInt8>) -> Shape? {
        var bar = -1
        var at = -1
        var atCount = 0
        var hasUppercase = false
        let forbidden = byteKinds.withUnsafeBufferPointer { kinds -> Bool in
            for index in bytes.indices {
                let kind = kinds[Int(bytes[index])]
                if kind == ByteKind.ordinary { continue }
                switch kind {
                case ByteKind.forbidden: return true
                case ByteKind.bar: if bar < 0 { bar = index }
                case ByteKind.at: at = index; atCount += 1
                default: hasUppercase = true
                }
            }
            return false
        }
        if forbidden { return nil }
        if bar >= 0 {
            return bar > 0 && bar < bytes.count - 1 ? .userID : nil
        }
        if atCount == 1, at > 0, at < bytes.count - 1 {
            return .email(hasUppercase: hasUppercase)
        }
        return nil
    }

    private enum ByteKind {
        static let ordinary: UInt8 = 0, forbidden: UInt8 = 1, bar: UInt8 = 2, at: UInt8 = 3, upper: UInt8 = 4
    }

    /// The kind of every byte value: whitespace and control bytes are forbidden, capitals and
    /// non-ASCII bytes need lower-casing in an email.
    private static let byteKinds: [UInt8] = (0...255).map { (byte: Int) -> UInt8 in
        switch byte {
        case 0...0x20, 0x7F: return ByteKind.forbidden
        case 0x7C: return ByteKind.bar
        case 0x40: return ByteKind.at
        case 0x41...0x5A, 0x80...: return ByteKind.upper
        default: return ByteKind.ordinary
        }
    }

    /// The user id or email as text.
    public var description: String {
        switch self {
        case .userID(let id): return id
        case .email(let email): return email
        }
    }
}
