import ArgumentParser
import Auth0Management

/// The options every command that talks to a tenant shares: `--domain`, `--concurrency`,
/// `--max-rps`. Credentials come from the environment only, never from arguments, because
/// arguments show in `ps` and shell history.
struct ConnectionOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The tenant's domain, e.g. acme.eu.auth0.com (https implied; default: $AUTH0_DOMAIN).",
            discussion: "Plain http:// is accepted only for a loopback host, such as the emulator.",
            valueName: "domain"))
    var domain: String?

    @Option(name: .long, help: "The most Management API requests in flight at once (1 to 16).")
    var concurrency: Int = 4

    @Option(
        name: .customLong("max-rps"),
        help: ArgumentHelp("Roster's own cap on requests per second, below the tenant's limit (default: none).",
                           valueName: "rate"))
    var maxRequestsPerSecond: Double?

    /// Checks the ranges before anything runs.
    func validate() throws {
        let range = ManagementAPIConfiguration.concurrencyRange
        guard range.contains(concurrency) else {
            throw ValidationError("--concurrency must be between \(range.lowerBound) and \(range.upperBound), not \(concurrency)")
        }
        if let rate = maxRequestsPerSecond, !ManagementAPIConfiguration.isAllowedRequestRate(rate) {
            throw ValidationError(
                "--max-rps must be above 0 and at most \(Int(ManagementAPIConfiguration.maxRequestsPerSecondLimit)), not \(rate)")
        }
    }

    /// The configuration: the domain from `--domain`, else `AUTH0_DOMAIN`.
    func configuration(environment: [String: String]) throws -> ManagementAPIConfiguration {
        let fromEnvironment = environment[Credentials.Variable.domain].flatMap { $0.isEmpty ? nil : $0 }
        guard let domain = domain ?? fromEnvironment else {
            throw ValidationError("no tenant: give --domain or set \(Credentials.Variable.domain)")
        }
        do {
            return try ManagementAPIConfiguration(
                domain: domain, concurrency: concurrency, maxRequestsPerSecond: maxRequestsPerSecond)
        } catch {
            throw ValidationError(error.description)
        }
    }

    /// The credentials, from `AUTH0_CLIENT_ID` + `AUTH0_CLIENT_SECRET` or `AUTH0_API_TOKEN`.
    func credentials(environment: [String: String]) throws -> Credentials {
        do {
            return try Credentials.fromEnvironment(environment)
        } catch {
            throw ValidationError(error.description)
        }
    }
}
