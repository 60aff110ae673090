import Foundation
import NIOHTTP1

/// The tenant's `x-ratelimit-limit`, `x-ratelimit-remaining` and `x-ratelimit-reset` (UNIX
/// epoch seconds at which the bucket is full again), when an answer carries them.
struct RateLimitHeaders: Sendable, Equatable {
    var limit: Int
    var remaining: Int
    var reset: Date

    /// Reads the three headers; nil unless all are present, numeric and finite (`inf`,
    /// `nan` and garbage are ignored, as if the headers were absent).
    init?(_ headers: HTTPHeaders) {
        guard let limit = headers.first(name: "x-ratelimit-limit").flatMap({ Int($0) }),
              let remaining = headers.first(name: "x-ratelimit-remaining").flatMap({ Int($0) }),
              let reset = headers.first(name: "x-ratelimit-reset").flatMap({ Double($0) }), reset.isFinite
        else { return nil }
        self.init(limit: limit, remaining: remaining, reset: Date(timeIntervalSince1970: reset))
    }

    /// Creates headers from values.
    init(limit: Int, remaining: Int, reset: Date) {
        self.limit = max(1, limit)
        self.remaining = max(0, remaining)
        self.reset = reset
    }
}
