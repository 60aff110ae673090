import Foundation

/// Where the Management API is and how Roster talks to it: base URL, token audience,
/// concurrency, request budget, retries, page and batch sizes.
///
/// The tenant is given as a domain (`acme.eu.auth0.com`, https implied) or a URL. Plain
/// `http://` is accepted only for a loopback host (the emulator); TLS certificates are always
/// verified, there is no option to turn that off.
public struct ManagementAPIConfiguration: Sendable, CustomStringConvertible {
    /// `scheme://host[:port]`, without a trailing slash.
    public let baseURL: String
    /// The host name, for messages (`acme.eu.auth0.com`).
    public let host: String
    /// The token audience: `https://<domain>/api/v2/`, or `<baseURL>/api/v2/` for loopback.
    public let audience: String
    /// The most requests in flight at once (1 to 16; default 4).
    public let concurrency: Int
    /// Roster's own cap on requests per second, below the tenant's limit; nil for none.
    public let maxRequestsPerSecond: Double?
    /// How failed requests are retried.
    public let retry: RetryPolicy
    /// The longest one request may take before it counts as a connection failure.
    public let requestTimeout: Duration
    /// Members per page (`take`), at most 100.
    public let memberPageSize: Int
    /// Roles per page (`per_page`), at most 100.
    public let rolePageSize: Int
    /// User ids per `DELETE /organizations/{id}/members` call.
    public let deleteBatchSize: Int
    /// User ids per `POST /organizations/{id}/members` call, at most 10 (Auth0's limit).
    public let addBatchSize: Int
    /// The largest request body Auth0 accepts, in bytes; every body Roster sends stays below it.
    public let maxBodyBytes: Int

    /// The allowed values of ``concurrency``; `--concurrency` checks the same range.
    public static let concurrencyRange: ClosedRange<Int> = 1 ... 16
    /// The highest allowed ``maxRequestsPerSecond`` (it must also be above 0); `--max-rps`
    /// checks the same bound.
    public static let maxRequestsPerSecondLimit: Double = 1_000

    /// Whether `rate` is an allowed request-rate cap: finite, above 0 and at most
    /// ``maxRequestsPerSecondLimit``.
    public static func isAllowedRequestRate(_ rate: Double) -> Bool {
        rate.isFinite && rate > 0 && rate <= maxRequestsPerSecondLimit
    }

    /// The Management API's own base: `<baseURL>/api/v2`.
    public var apiBaseURL: String { baseURL + "/api/v2" }
    /// The client-credentials token endpoint: `<baseURL>/oauth/token`.
    public var tokenURL: String { baseURL + "/oauth/token" }
    /// Whether the tenant is a loopback host reached over plain HTTP (the emulator).
    public var isLoopback: Bool { baseURL.hasPrefix("http://") }

    /// Reads a domain or URL and checks every setting.
    ///
    /// - Throws: ``ManagementAPIError/invalidDomain(_:reason:)`` for a domain that is empty,
    ///   has a path, query or credentials, another scheme, or is plain http to a host that is
    ///   not loopback; ``ManagementAPIError/invalidSetting(_:)`` for values out of range.
    public init(
        domain: String,
        concurrency: Int = 4,
        maxRequestsPerSecond: Double? = nil,
        retry: RetryPolicy = RetryPolicy(),
        requestTimeout: Duration = .seconds(30),
        memberPageSize: Int = 100,
        rolePageSize: Int = 100,
        deleteBatchSize: Int = 50,
        addBatchSize: Int = 10,
        maxBodyBytes: Int = 512_000
    ) throws(ManagementAPIError) {
        let parsed = try Self.parse(domain)
        self.baseURL = parsed.baseURL
        self.host = parsed.host
        self.audience = parsed.secure ? "https://\(parsed.host)/api/v2/" : parsed.baseURL + "/api/v2/"
        guard Self.concurrencyRange.contains(concurrency) else {
            throw .invalidSetting("""
                concurrency must be between \(Self.concurrencyRange.lowerBound) and \(Self.concurrencyRange.upperBound), \
                not \(concurrency)
                """)
        }
        if let rate = maxRequestsPerSecond, !Self.isAllowedRequestRate(rate) {
            throw .invalidSetting(
                "the request rate cap must be above 0 and at most \(Int(Self.maxRequestsPerSecondLimit)) per second, not \(rate)")
        }
        guard (1 ... 100).contains(memberPageSize), (1 ... 100).contains(rolePageSize) else {
            throw .invalidSetting("page sizes must be between 1 and 100")
        }
        guard deleteBatchSize >= 1, maxBodyBytes >= 1_024 else {
            throw .invalidSetting("the delete batch size must be at least 1 and the body limit at least 1024 bytes")
        }
        guard (1 ... 10).contains(addBatchSize) else {
            throw .invalidSetting("the add batch size must be between 1 and 10")
        }
        self.concurrency = concurrency
        self.maxRequestsPerSecond = maxRequestsPerSecond
        self.retry = retry
        self.requestTimeout = requestTimeout
        self.memberPageSize = memberPageSize
        self.rolePageSize = rolePageSize
        self.deleteBatchSize = deleteBatchSize
        self.addBatchSize = addBatchSize
        self.maxBodyBytes = maxBodyBytes
    }

    /// The base URL, concurrency and rate cap; never anything secret (there is nothing secret here).
    public var description: String {
        let rate = maxRequestsPerSecond.map { "\($0) requests/s" } ?? "no cap"
        return "\(baseURL) (concurrency \(concurrency), \(rate))"
    }

    private static func parse(_ text: String) throws(ManagementAPIError) -> (baseURL: String, host: String, secure: Bool) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else {
            throw .invalidDomain(Self.withoutUserInfo(text), reason: "it is empty; give the tenant's domain, such as acme.eu.auth0.com")
        }
        let withScheme = trimmed.contains("://") ? trimmed : "https://" + trimmed
        // A host name never holds a percent sign; decoded, one could hide an `@` or a `/` and
        // send the credentials to another host than the one the text seems to name.
        guard !trimmed.contains("%") else {
            throw .invalidDomain(Self.withoutUserInfo(text), reason: "it holds a percent-encoded character; give the domain as plain text, such as acme.eu.auth0.com")
        }
        let shown = Self.withoutUserInfo(text)
        guard shown == text else {
            throw .invalidDomain(shown, reason: "it holds credentials; give them in AUTH0_CLIENT_ID and AUTH0_CLIENT_SECRET instead")
        }
        guard let components = URLComponents(string: withScheme), let rawHost = components.host, !rawHost.isEmpty else {
            throw .invalidDomain(Self.withoutUserInfo(text), reason: "it is not a host name; give the tenant's domain, such as acme.eu.auth0.com")
        }
        let scheme = components.scheme?.lowercased() ?? ""
        guard components.user == nil, components.password == nil else {
            throw .invalidDomain(shown, reason: "it holds credentials; give them in AUTH0_CLIENT_ID and AUTH0_CLIENT_SECRET instead")
        }
        guard components.path.isEmpty || components.path == "/", components.query == nil, components.fragment == nil else {
            throw .invalidDomain(Self.withoutUserInfo(text), reason: "it has a path or query; give only the domain, such as acme.eu.auth0.com")
        }
        let host = rawHost.lowercased()
        // Letters, digits, dots and dashes (an IPv6 address in brackets aside): anything else
        // in a host is not a tenant's domain.
        let isIPv6 = host.contains(":")
        guard isIPv6 || host.unicodeScalars.allSatisfy({ ("a" ... "z").contains($0) || ("0" ... "9").contains($0) || $0 == "." || $0 == "-" }) else {
            throw .invalidDomain(Self.withoutUserInfo(text), reason: "it is not a host name; give the tenant's domain, such as acme.eu.auth0.com")
        }
        let port = components.port.map { ":\($0)" } ?? ""
        let hostPart = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
        switch scheme {
        case "https":
            return ("https://\(hostPart)\(port)", host, true)
        case "http":
            guard isLoopback(host) else {
                throw .invalidDomain(Self.withoutUserInfo(text), reason: """
                    plain http would send the credentials and the access token unencrypted; it is accepted \
                    only for a loopback host such as the emulator (127.0.0.1, ::1, localhost). \
                    Use https://\(hostPart)\(port) or just \(hostPart)\(port)
                    """)
            }
            return ("http://\(hostPart)\(port)", host, false)
        default:
            throw .invalidDomain(Self.withoutUserInfo(text), reason: "the scheme \(scheme) is not supported; use https (implied when left out)")
        }
    }

    /// The domain as it may be shown in a message: everything before the last `@` after the
    /// scheme (a `user:password@` part) replaced by `<redacted>`. Erring on the safe side, an
    /// `@` anywhere after the scheme counts, since a password may hold `/`, `?` or `#`.
    static func withoutUserInfo(_ text: String) -> String {
        let authorityStart = text.range(of: "://")?.upperBound ?? text.startIndex
        guard let at = text[authorityStart...].lastIndex(of: "@") else { return text }
        return String(text[..<authorityStart]) + "<redacted>" + String(text[at...])
    }

    /// Whether a host is loopback: `localhost`, `127.0.0.0/8` or `::1`.
    static func isLoopback(_ host: String) -> Bool {
        let bare = host.trimmingCharacters(in: CharacterSet(charactersIn: "[]")).lowercased()
        if bare == "localhost" || bare == "::1" || bare == "0:0:0:0:0:0:0:1" { return true }
        let octets = bare.split(separator: ".", omittingEmptySubsequences: false)
        guard octets.count == 4, octets[0] == "127" else { return false }
        // Digits only: `UInt8` alone would take `-0` and `+0`, and `127.-0.0.1` is a name.
        return octets.allSatisfy { octet in
            !octet.isEmpty && octet.count <= 3 && octet.allSatisfy { ("0" ... "9").contains($0) } && UInt8(octet) != nil
        }
    }
}
