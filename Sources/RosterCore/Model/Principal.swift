/// Who a member entry or a protected entry names: an Auth0 user id or an email address.
public enum Principal: Sendable, Hashable, Codable, CustomStringConvertible {
    /// An Auth0 user id, `provider|id` (`auth0|64f1...`, `google-oauth2|1098...`).
    case userID(String)
    /// An email address, resolved to a user id against the tenant. Stored in lower case:
    /// Auth0 compares emails without regard to case.
    case email(String)

    /// Parses a member key. Returns `nil` for text that is neither a user id nor an email.
    ///
    /// A user id has a non-empty provider and id around the first `|`; an email has a
    /// non-empty local part and domain around its last `@` and no `|`.
    public init?(parsing text: String) {
        if let bar = text.firstIndex(of: "|") {
            let provider = text[..<bar]
            let rest = text[text.index(after: bar)...]
            guard !provider.isEmpty, !rest.isEmpty,
                  !text.contains(where: { $0.isWhitespace }) else { return nil }
            self = .userID(text)
            return
        }
        if let at = text.lastIndex(of: "@") {
            let local = text[..<at]
            let domain = text[text.index(after: at)...]
            guard !local.isEmpty, !domain.isEmpty, !domain.contains("@"),
                  !text.contains(where: { $0.isWhitespace }) else { return nil }
            self = .email(text.lowercased())
            return
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
