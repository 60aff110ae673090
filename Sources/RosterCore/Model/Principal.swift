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
    /// rules the text out.
    private static func classify(_ bytes: UnsafeBufferPointer<UInt8>) -> Shape? {
        var bar = -1
        var at = -1
        var atCount = 0
        var hasUppercase = false
        for index in bytes.indices {
            let byte = bytes[index]
            if byte <= 0x20 || byte == 0x7F { return nil }
            if byte == UInt8(ascii: "|") {
                if bar < 0 { bar = index }
            } else if byte == UInt8(ascii: "@") {
                at = index
                atCount += 1
            } else if (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z")) || byte >= 0x80 {
                hasUppercase = true
            }
        }
        if bar >= 0 {
            return bar > 0 && bar < bytes.count - 1 ? .userID : nil
        }
        if atCount == 1, at > 0, at < bytes.count - 1 {
            return .email(hasUppercase: hasUppercase)
        }
        return nil
    }

    /// The user id or email as text.
    public var description: String {
        switch self {
        case .userID(let id): return id
        case .email(let email): return email
        }
    }
}
