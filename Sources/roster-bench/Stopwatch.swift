#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Monotonic timing and process statistics for the benchmark.
enum Stopwatch {
    /// Seconds on the monotonic clock.
    static func now() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }

    /// Runs `body` and returns its result and wall time in seconds.
    static func time<T>(_ body: () -> T) -> (T, Double) {
        let start = now()
        let result = body()
        return (result, now() - start)
    }

    /// Runs `body` and returns its result and wall time in seconds.
    static func time<T>(_ body: () async throws -> T) async rethrows -> (T, Double) {
        let start = now()
        let result = try await body()
        return (result, now() - start)
    }

    /// The process's peak resident set size so far, in bytes.
    static func peakResidentBytes() -> Int {
        var usage = rusage()
        #if canImport(Glibc)
        getrusage(RUSAGE_SELF.rawValue, &usage)
        #else
        getrusage(RUSAGE_SELF, &usage)
        #endif
        return Int(usage.ru_maxrss) * 1024
    }

    /// `0.123 s`.
    static func seconds(_ value: Double) -> String { String(format: "%.3f s", value) }

    /// The median of some measurements (the upper one of an even count).
    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted[sorted.count / 2]
    }
}
