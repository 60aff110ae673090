/// A request's method and path (without the query), as shown in errors and logs.
///
/// The path is shown decoded (`auth0|123`, not `auth0%7C123`); queries are left out because
/// they can hold email addresses.
public struct Endpoint: Sendable, Hashable, CustomStringConvertible {
    /// `GET`, `POST` or `DELETE`.
    public var method: String
    /// The path, e.g. `/api/v2/organizations/name/acme`.
    public var path: String

    /// Creates an endpoint.
    public init(method: String, path: String) {
        self.method = method
        self.path = path
    }

    /// `GET /api/v2/roles`.
    public var description: String { "\(method) \(path)" }
}
