/// Bounds that keep hostile or broken input from crashing, hanging or exhausting Roster.
/// Each one, when hit, is a located error.
public struct YAMLLimits: Sendable, Hashable {
    /// The deepest nesting of collections allowed. Checked at every collection start, so a
    /// file of 100,000 `[` stops at this depth instead of driving libyaml's quadratic path.
    public var maxDepth: Int
    /// The largest file read, in bytes; checked before the file is read.
    public var maxFileSize: Int
    /// Diagnostics reported per file before Roster stops reading that file.
    public var maxDiagnosticsPerFile: Int

    /// 64 levels, 256 MiB, 100 diagnostics per file.
    public static let `default` = YAMLLimits(
        maxDepth: 64, maxFileSize: 256 << 20, maxDiagnosticsPerFile: 100)

    /// Creates limits.
    public init(maxDepth: Int, maxFileSize: Int, maxDiagnosticsPerFile: Int) {
        self.maxDepth = maxDepth
        self.maxFileSize = maxFileSize
        self.maxDiagnosticsPerFile = maxDiagnosticsPerFile
    }
}
