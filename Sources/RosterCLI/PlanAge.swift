import ArgumentParser

/// A duration as `--max-plan-age` takes it: `90s`, `30m`, `24h`, `7d`.
struct PlanAge: ExpressibleByArgument, CustomStringConvertible {
    /// The duration in seconds.
    let seconds: Int
    /// As given.
    let description: String

    init?(argument: String) {
        let units = ["s": 1, "m": 60, "h": 3_600, "d": 86_400]
        guard let last = argument.last, let unit = units[String(last)], let value = Int(argument.dropLast()), value > 0,
              value <= 3_650 * 86_400 / unit
        else { return nil }
        seconds = value * unit
        description = argument
    }

    /// `3h 5m`, `42s`, for messages.
    static func format(seconds: Int) -> String {
        if seconds >= 86_400 { return "\(seconds / 86_400)d \(seconds % 86_400 / 3_600)h" }
        if seconds >= 3_600 { return "\(seconds / 3_600)h \(seconds % 3_600 / 60)m" }
        if seconds >= 60 { return "\(seconds / 60)m \(seconds % 60)s" }
        return "\(seconds)s"
    }
}
