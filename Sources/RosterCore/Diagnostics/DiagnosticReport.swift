/// The machine-readable form of a validation run (`roster validate --format json`).
public struct DiagnosticReport: Sendable, Codable, Equatable {
    /// The version of this JSON document's format.
    public static let currentFormatVersion = 1

    /// Counts of what was read and found.
    public struct Summary: Sendable, Codable, Equatable {
        /// Files read.
        public var files: Int
        /// Organizations declared.
        public var organizations: Int
        /// Members declared, over all organizations.
        public var members: Int
        /// Errors found.
        public var errors: Int
        /// Warnings found.
        public var warnings: Int
    }

    /// The format version; a change to the field names bumps it.
    public var formatVersion: Int
    /// `true` when there are no errors.
    public var valid: Bool
    /// Counts.
    public var summary: Summary
    /// Every diagnostic, sorted by file, line and column.
    public var diagnostics: [Diagnostic]

    /// Builds a report from a loaded desired state's counts and its diagnostics.
    public init(files: Int, organizations: Int, members: Int, diagnostics: [Diagnostic]) {
        let sorted = diagnostics.sorted()
        let errors = sorted.filter { $0.severity == .error }.count
        self.formatVersion = Self.currentFormatVersion
        self.valid = errors == 0
        self.summary = Summary(
            files: files, organizations: organizations, members: members,
            errors: errors, warnings: sorted.count - errors)
        self.diagnostics = sorted
    }

    enum CodingKeys: String, CodingKey {
        case formatVersion = "format_version"
        case valid, summary, diagnostics
    }
}
