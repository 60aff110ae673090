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

/// How many requests one endpoint answered with one status: method, route template and status.
public struct RequestCount: Sendable, Equatable, Hashable, CustomStringConvertible {
    /// The HTTP method, e.g. `DELETE`.
    public var method: String
    /// The route template, e.g. `/api/v2/organizations/{id}/members`; `NotFound` for a path
    /// that matches no route.
    public var route: String
    /// The status answered; nil when the connection was dropped without an answer.
    public var status: Int?
    /// How many such requests were handled.
    public var count: Int

    /// Creates a count.
    public init(method: String, route: String, status: Int?, count: Int) {
        self.method = method
        self.route = route
        self.status = status
        self.count = count
    }

    /// `DELETE /api/v2/organizations/{id}/members 204 x3`.
    public var description: String {
        "\(method) \(route) \(status.map(String.init) ?? "dropped") x\(count)"
    }
}

/// The requests an emulator has handled: per-endpoint counters always (their number is
/// bounded by the routes), and the full list in order of completion only when the
/// configuration asks for it (it grows with every request).
actor RequestLog {
    private struct Key: Hashable {
        var method: String
        var route: String
        var status: Int?
    }

    private let keepsEntries: Bool
    private var entries: [RequestLogEntry] = []
    private var counters: [Key: Int] = [:]

    /// Creates a log; `keepsEntries` keeps every request, not only the counters.
    init(keepsEntries: Bool) {
        self.keepsEntries = keepsEntries
    }

    /// Records a handled request under its route template.
    func append(_ entry: RequestLogEntry, route: String) {
        if keepsEntries { entries.append(entry) }
        counters[Key(method: entry.method, route: route, status: entry.status), default: 0] += 1
    }

    /// All entries so far; empty when entries are not kept.
    func all() -> [RequestLogEntry] { entries }

    /// The counters, sorted by route, method and status.
    func counts() -> [RequestCount] {
        counters.map { RequestCount(method: $0.key.method, route: $0.key.route, status: $0.key.status, count: $0.value) }
            .sorted { ($0.route, $0.method, $0.status ?? -1) < ($1.route, $1.method, $1.status ?? -1) }
    }

    /// Forgets every entry and counter.
    func clear() {
        entries.removeAll()
        counters.removeAll()
    }
}
