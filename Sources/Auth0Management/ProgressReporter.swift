/// Told how a read is going. The library only calls it; the CLI decides what to show.
public protocol ProgressReporter: Sendable {
    /// `done` of `total` organizations have been read (called once with 0 at the start).
    func organizationsRead(_ done: Int, of total: Int)
}
