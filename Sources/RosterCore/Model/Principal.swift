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
        var bar: Int?
        var at: Int?
        var atCount = 0
        var hasUppercase = false
        var length = 0
        for byte in text.utf8 {
            switch byte {
            case 0...0x20, 0x7F: return nil
            case UInt8(ascii: "|"): if bar == nil { bar = length }
            case UInt8(ascii: "@"): at = length; atCount += 1
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), 0x80...: hasUppercase = true
            default: break
            }
            length += 1
        }
        if let bar {
            guard bar > 0, bar < length - 1 else { return nil }
            self = .userID(text)
        } else if let at {
            guard atCount == 1, at > 0, at < length - 1 else { return nil }
            self = .email(hasUppercase ? text.lowercased() : text)
        } else {
            return nil
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
