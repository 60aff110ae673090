/// One problem in a tenant snapshot, at a JSON path such as `$.organizations[0].members[2].user_id`.
public struct SnapshotProblem: Sendable, Equatable, CustomStringConvertible {
    /// Where the problem is, as a JSON path starting at `$`.
    public var path: String
    /// What is wrong there.
    public var message: String

    /// Creates a problem.
    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    /// `path: message`.
    public var description: String { path.isEmpty ? message : "\(path): \(message)" }

    /// One step of a JSON path.
    enum Component {
        case key(String)
        case index(Int)
    }

    /// Renders path components as `$.a[0].b`.
    static func path(_ components: [Component]) -> String {
        var result = "$"
        for component in components {
            switch component {
            case .key(let key): result += ".\(key)"
            case .index(let index): result += "[\(index)]"
            }
        }
        return result
    }
}

/// A snapshot that cannot be used: every problem found, each with its place.
public struct SnapshotError: Error, Sendable, CustomStringConvertible {
    /// The file (or other source) the snapshot came from.
    public var source: String
    /// Every problem found, in document order.
    public var problems: [SnapshotProblem]

    /// Creates the error.
    public init(source: String, problems: [SnapshotProblem]) {
        self.source = source
        self.problems = problems
    }

    /// One line per problem: `FILE: error: $.path: message`.
    public var description: String {
        problems.map { "\(source): error: \($0)" }.joined(separator: "\n")
    }
}
