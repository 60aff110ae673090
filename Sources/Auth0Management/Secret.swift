/// A secret value (client secret, access token) that never shows itself: `description`,
/// `debugDescription`, string interpolation and `dump` all print `<redacted>`.
public struct Secret: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The secret itself; read it only to put it on the wire.
    public let revealed: String

    /// Wraps a secret.
    public init(_ value: String) { self.revealed = value }

    /// Always `<redacted>`.
    public var description: String { "<redacted>" }
    /// Always `<redacted>`.
    public var debugDescription: String { "<redacted>" }
    /// No children, so `dump` and mirrors show nothing.
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }
}
