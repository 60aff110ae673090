import RosterCore

/// Loads desired state from files: finds them, parses each through libyaml, checks it
/// against format version 1 and combines the files. Every problem in every file is
/// collected, sorted by file and line, in one pass.
public struct DesiredStateLoader: Sendable {
    /// What a load produced.
    public struct Result: Sendable {
        /// The desired state; complete and trustworthy only when ``isValid``.
        public var state: DesiredState
        /// Every problem found, sorted by file, line and column.
        public var diagnostics: [Diagnostic]

        /// Whether the desired state can be used: no errors (warnings are fine).
        public var isValid: Bool { !diagnostics.containsErrors }
    }

    /// The bounds enforced on each file.
    public var limits: YAMLLimits
    /// `false`: load on the calling thread alone. A large file is otherwise parsed by
    /// libyaml on a thread of its own while its tree is built and its organizations
    /// decoded (what is left of them afterwards, on every core). The state and diagnostics
    /// are the same either way.
    public var parallel = true
    /// Files of at least this many bytes are parsed while their tree is built
    /// (``YAMLParser``); the result is the same. For tests and the fuzzer.
    @_spi(Testing) public var pipelineMinimumSize = YAMLParser().pipelineMinimumSize
    /// Events per chunk of that pipeline. For tests and the fuzzer.
    @_spi(Testing) public var pipelineChunkSize = YAMLParser().pipelineChunkSize
    /// How many runs to decode a file's organizations in; by default by the file's size.
    var decodeRuns: Int?

    /// Creates a loader.
    public init(limits: YAMLLimits = .default) {
        self.limits = limits
    }

    /// Loads every desired-state file found under `paths` (files, or folders read recursively).
    public func load(paths: [String]) -> Result {
        let (files, discoveryProblems) = SourceFiles.discover(paths)
        var sources: [(path: String, bytes: [UInt8])] = []
        var diagnostics = discoveryProblems
        for file in files {
            switch SourceFiles.read(file, limit: limits.maxFileSize) {
            case .success(let bytes): sources.append((file, bytes))
            case .failure(let problem): diagnostics.append(problem)
            }
        }
        var result = load(sources: sources)
        result.diagnostics = (diagnostics + result.diagnostics).sorted()
        result.state.files = files
        return result
    }

    /// Loads desired state from file contents already in memory, in the order given.
    public func load(sources: [(path: String, bytes: [UInt8])]) -> Result {
        var parser = YAMLParser(limits: limits)
        parser.pipelineMinimumSize = parallel ? pipelineMinimumSize : .max
        parser.pipelineChunkSize = pipelineChunkSize
        var diagnostics: [Diagnostic] = []
        var organizations: [OrganizationSpec] = []
        var declared: [String: SourceLocation] = [:]
        for source in sources {
            let parsed = parser.parse(source.bytes, file: source.path)
            guard parsed.isComplete else {
                diagnostics += parsed.diagnostics
                continue
            }
            let (fileOrganizations, problems) = DesiredStateDecoder.decode(parsed.document, runs: parallel ? decodeRuns : 1,
                                                                          predecoded: parsed.predecoded)
            diagnostics += capped(parsed.diagnostics + problems)
            for organization in fileOrganizations {
                if let first = declared[organization.name] {
                    diagnostics.append(.error(
                        "organization \"\(organization.name)\" is declared in more than one place",
                        at: organization.location, notes: [.init("first declared here", at: first)]))
                    continue
                }
                declared[organization.name] = organization.location
                organizations.append(organization)
            }
        }
        return Result(state: DesiredState(files: sources.map(\.path), organizations: organizations),
                      diagnostics: diagnostics.sorted())
    }

    /// One file's diagnostics, at most ``YAMLLimits/maxDiagnosticsPerFile`` of them, the
    /// earliest first, then one saying how many were left out.
    private func capped(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        let limit = limits.maxDiagnosticsPerFile
        guard diagnostics.count > limit else { return diagnostics }
        let sorted = diagnostics.sorted()
        let omitted = sorted.count - limit
        return Array(sorted.prefix(limit)) + [.error(
            "too many errors; \(omitted) more in this file not shown", at: sorted[limit].location,
            notes: [.init("fix these and run again")])]
    }
}
