/// Who a member entry or a protected entry names: an Auth0 user id or an email address.
public enum Principal: Sendable, Hashable, Codable, CustomStringConvertible {
    /// An Auth0 user id, `provider|id` (`auth0|64f1...`, `google-oauth2|1098...`).
    case userID(String)
    /// An email address, resolved to a user id against the tenant. Kept as written: Auth0
    /// looks emails up exactly, and only its own database connections store them in lower
    /// case.
    case email(String)

    /// Parses a member key. Returns `nil` for text that is neither a user id nor an email.
    ///
    /// A user id has a non-empty provider and id around its first `|`; an email has a
    /// non-empty local part and domain around a single `@`. Neither may hold whitespace or
    /// control characters.
    public init?(parsing text: String) {
        guard let parsed = Self.parse(text) else { return nil }
        self = parsed.principal
    }

    /// Parses a member key, and says whether it is all ASCII (the byte table sees that on
    /// the way); `nil` for text that is neither a user id nor an email.
    public static func parse(_ text: String) -> (principal: Principal, isASCII: Bool)? {
        var text = text
        guard let (shape, isASCII) = text.withUTF8({ Self.classify($0) }) else { return nil }
        // Beyond ASCII, spaces and control characters the byte table cannot see (a
        // no-break space, an ideographic space, a C1 control).
        if !isASCII,
           text.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.properties.generalCategory == .control }) {
            return nil
        }
        switch shape {
        case .userID: return (.userID(text), isASCII)
        case .email: return (.email(text), isASCII)
        }
    }

    /// The principal as compared for "the same person": a user id as written, an email in
    /// lower case (two entries whose emails differ only in case are ambiguous, never two
    /// different people to keep and remove).
    public var comparisonKey: String {
        switch self {
        case .userID(let id): return id
        case .email(let email): return "@" + email.lowercased()
        }
    }

    /// Whether this is an email with capital (or non-ASCII) letters.
    public var isMixedCaseEmail: Bool {
        guard case .email(let email) = self else { return false }
        return email.utf8.contains { ($0 >= 0x41 && $0 <= 0x5A) || $0 >= 0x80 }
    }

    private enum Shape {
        case userID, email
    }

    /// One pass over the bytes: where the first `|` and the `@`s are, and whether any byte
    /// rules the text out. Most bytes cost one table look-up.
    private static func classify(_ bytes: UnsafeBufferPointer<UInt8>) -> (Shape, isASCII: Bool)? {
        var bar = -1
        var at = -1
        var atCount = 0
        var isASCII = true
        let forbidden = byteKinds.withUnsafeBufferPointer { kinds -> Bool in
            for index in bytes.indices {
                let kind = kinds[Int(bytes[index])]
                if kind == ByteKind.ordinary { continue }
                switch kind {
                case ByteKind.forbidden: return true
                case ByteKind.bar: if bar < 0 { bar = index }
                case ByteKind.at: at = index; atCount += 1
                case ByteKind.high: isASCII = false
                default: break
                }
            }
            return false
        }
        if forbidden { return nil }
        if bar >= 0 {
            return bar > 0 && bar < bytes.count - 1 ? (.userID, isASCII) : nil
        }
        if atCount == 1, at > 0, at < bytes.count - 1 {
            return (.email, isASCII)
        }
        return nil
    }

    private enum ByteKind {
        static let ordinary: UInt8 = 0, forbidden: UInt8 = 1, bar: UInt8 = 2, at: UInt8 = 3, high: UInt8 = 4
    }

    /// The kind of every byte value: whitespace and control bytes are forbidden.
    private static let byteKinds: [UInt8] = (0...255).map { (byte: Int) -> UInt8 in
        switch byte {
        case 0...0x20, 0x7F: return ByteKind.forbidden
        case 0x7C: return ByteKind.bar
        case 0x40: return ByteKind.at
        case 0x80...: return ByteKind.high
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
