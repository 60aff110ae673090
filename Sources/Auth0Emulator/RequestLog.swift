import Foundation

/// One handled request: method, path (without the query), status.
public struct RequestLogEntry: Sendable, Equatable, CustomStringConvertible {
    /// The HTTP method, e.g. `GET`.
    public var method: String
    /// The request path without its query, e.g. `/api/v2/organizations/org_1/members`.
    public var path: String
    /// The status answered; nil when the connection was dropped without an answer.
    public var status: Int?

    /// Creates an entry.
    public init(method: String, path: String, status: Int?) {
        self.method = method
        self.path = path
        self.status = status
    }

    /// `GET /api/v2/roles 200`, or `... dropped`.
    public var description: String {
        "\(method) \(path) \(status.map(String.init) ?? "dropped")"
    }
}

/// The requests an emulator has handled, in order of completion.
actor RequestLog {
    private var entries: [RequestLogEntry] = []

    /// Appends an entry.
    func append(_ entry: RequestLogEntry) { entries.append(entry) }

    /// All entries so far.
    func all() -> [RequestLogEntry] { entries }

    /// Forgets every entry.
    func clear() { entries.removeAll() }
}
