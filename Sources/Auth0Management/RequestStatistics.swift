/// Counts of what one client sent and met: requests, 429s, 5xx answers, connection failures
/// and retries. For logs, benchmarks and tests; never holds anything secret.
public struct RequestStatistics: Sendable, Equatable, CustomStringConvertible {
    /// Management API requests sent (each attempt counts).
    public var requests = 0
    /// Answers with status 429.
    public var rateLimited = 0
    /// Answers with a 5xx status.
    public var serverErrors = 0
    /// Attempts that got no answer (refused, dropped, timed out).
    public var connectionFailures = 0
    /// 401 answers followed by a token renewal.
    public var tokenRenewals = 0
    /// Attempts that were repeats of an earlier one.
    public var retries = 0

    /// Creates empty counts.
    public init() {}

    /// `N requests, N retries (N 429, N 5xx, N without answer), N token renewals`.
    public var description: String {
        "\(requests) requests, \(retries) retries (\(rateLimited) 429, \(serverErrors) 5xx, "
            + "\(connectionFailures) without answer), \(tokenRenewals) token renewals"
    }
}
