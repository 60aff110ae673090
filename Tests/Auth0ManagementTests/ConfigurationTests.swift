import Auth0Management
import Testing

@Suite("Connection configuration")
struct ConfigurationTests {
    @Test("a domain or https URL becomes an https base URL and the Management API audience", arguments: [
        ("acme.eu.auth0.com", "https://acme.eu.auth0.com"),
        ("https://acme.eu.auth0.com", "https://acme.eu.auth0.com"),
        ("https://acme.eu.auth0.com/", "https://acme.eu.auth0.com"),
        ("  ACME.eu.auth0.com ", "https://acme.eu.auth0.com"),
        ("login.example.com:8443", "https://login.example.com:8443"),
    ])
    func https(domain: String, baseURL: String) throws {
        let configuration = try ManagementAPIConfiguration(domain: domain)
        #expect(configuration.baseURL == baseURL)
        #expect(configuration.audience == "https://\(configuration.host)/api/v2/")
        #expect(configuration.tokenURL == baseURL + "/oauth/token")
        #expect(!configuration.isLoopback)
        #expect(configuration.concurrency == 4 && configuration.maxRequestsPerSecond == nil)
    }

    @Test("plain http is accepted for loopback hosts, with the emulator's audience", arguments: [
        "http://127.0.0.1:4010", "http://localhost:4010", "http://[::1]:4010", "http://127.1.2.3:80",
    ])
    func loopback(domain: String) throws {
        let configuration = try ManagementAPIConfiguration(domain: domain)
        #expect(configuration.isLoopback)
        #expect(configuration.audience == configuration.baseURL + "/api/v2/")
        #expect(configuration.baseURL == domain)
    }

    @Test("plain http to any other host is refused, saying why", arguments: [
        "http://acme.eu.auth0.com", "http://10.0.0.1:4010", "http://127.0.0.1.example.com", "http://[::2]:80",
        // Names and addresses that only look like loopback.
        "http://localhost.evil.example", "http://127.evil.example", "http://[::ffff:127.0.0.1]",
        "http://[::ffff:127.0.0.1]:4010",
    ])
    func insecureRefused(domain: String) {
        #expect {
            try ManagementAPIConfiguration(domain: domain)
        } throws: { error in
            guard case ManagementAPIError.invalidDomain(let given, let reason) = error else { return false }
            return given == domain && reason.contains("unencrypted") && reason.contains("loopback")
                && (error as? ManagementAPIError)?.description.contains("cannot use the domain") == true
        }
    }

    @Test("a domain with a path, query, credentials or another scheme is refused", arguments: [
        "", "https://acme.eu.auth0.com/api/v2", "acme.eu.auth0.com?x=1", "https://user:pw@acme.eu.auth0.com",
        "ftp://acme.eu.auth0.com",
        // Percent-encoded, an `@` or `/` would send the credentials to evil.example.
        "acme.eu.auth0.com%40evil.example", "https://evil.example%2f.acme.auth0.com", "acme%2eeu.auth0.com",
        // Only digits make an IPv4 octet: these are names, not loopback addresses.
        "http://127.-0.0.1", "http://127.+0.0.1", "http://127.0.0.1a",
    ])
    func malformedRefused(domain: String) {
        #expect(throws: ManagementAPIError.self) { try ManagementAPIConfiguration(domain: domain) }
    }

    @Test("credentials in a domain are never echoed back")
    func credentialsNotEchoed() {
        let error = #expect(throws: ManagementAPIError.self) {
            try ManagementAPIConfiguration(domain: "https://roster:topsecret@acme.eu.auth0.com")
        }
        guard case .invalidDomain(let domain, let reason)? = error else { Issue.record("expected invalidDomain"); return }
        #expect(!reason.contains("topsecret") && !domain.contains("topsecret"))
        #expect(error?.description.contains("topsecret") == false)
        #expect(error?.description.contains("AUTH0_CLIENT_SECRET") == true)
    }

    @Test("plain http with loopback-looking credentials before a real host is refused without echoing them",
          arguments: ["http://127.0.0.1@evil.example", "http://127.0.0.1:4010@evil.example", "http://localhost@evil.example"])
    func loopbackUserInfoRefused(domain: String) {
        let error = #expect(throws: ManagementAPIError.self) { try ManagementAPIConfiguration(domain: domain) }
        guard case .invalidDomain(let shown, let reason)? = error else { Issue.record("expected invalidDomain"); return }
        #expect(shown == "http://<redacted>@evil.example")
        #expect(reason.contains("credentials"))
    }

    @Test("credentials are stripped from every refusal, whatever else is wrong with the domain", arguments: [
        ("https://user:pw@", "https://<redacted>@"),
        ("https://user:pw@host", "https://<redacted>@host"),
        ("user:pw@acme.eu.auth0.com", "<redacted>@acme.eu.auth0.com"),
        ("ftp://user:pw@acme.eu.auth0.com/x?y", "ftp://<redacted>@acme.eu.auth0.com/x?y"),
        ("https://user:p/w@acme.eu.auth0.com", "https://<redacted>@acme.eu.auth0.com"),
        ("http://user:pw@10.0.0.1", "http://<redacted>@10.0.0.1"),
    ])
    func userInfoStripped(domain: String, shown: String) {
        let error = #expect(throws: ManagementAPIError.self) { try ManagementAPIConfiguration(domain: domain) }
        guard case .invalidDomain(let given, _)? = error else { Issue.record("expected invalidDomain"); return }
        #expect(given == shown)
        #expect(error?.description.contains("pw") == false)
        #expect(error?.description.contains("p/w") == false)
    }

    @Test("validated settings keep the values given")
    func settingsKept() throws {
        let configuration = try ManagementAPIConfiguration(
            domain: "acme.eu.auth0.com", concurrency: 16, maxRequestsPerSecond: 1_000, memberPageSize: 1, rolePageSize: 100)
        #expect(configuration.concurrency == ManagementAPIConfiguration.concurrencyRange.upperBound)
        #expect(configuration.maxRequestsPerSecond == ManagementAPIConfiguration.maxRequestsPerSecondLimit)
        #expect(configuration.memberPageSize == 1 && configuration.rolePageSize == 100)
    }

    @Test("concurrency and the request cap are bounded", arguments: [(0, nil), (17, nil), (4, 0.0), (4, -1.0), (4, 5_000.0), (4, .infinity), (4, .nan)])
    func bounds(concurrency: Int, rate: Double?) {
        #expect(throws: ManagementAPIError.self) {
            try ManagementAPIConfiguration(domain: "acme.eu.auth0.com", concurrency: concurrency, maxRequestsPerSecond: rate)
        }
    }
}
