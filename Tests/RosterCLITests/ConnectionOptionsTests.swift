import ArgumentParser
import Auth0Management
@testable import RosterCLI
import Testing

@Suite("Connection options")
struct ConnectionOptionsTests {
    @Test("--domain, --concurrency and --max-rps make the configuration")
    func parsed() throws {
        let options = try ConnectionOptions.parse(["--domain", "acme.eu.auth0.com", "--concurrency", "8", "--max-rps", "2.5"])
        let configuration = try options.configuration(environment: [:])
        #expect(configuration.baseURL == "https://acme.eu.auth0.com")
        #expect(configuration.concurrency == 8)
        #expect(configuration.maxRequestsPerSecond == 2.5)
    }

    @Test("the domain falls back to AUTH0_DOMAIN; --domain wins over it")
    func environmentFallback() throws {
        let environment = ["AUTH0_DOMAIN": "http://127.0.0.1:4010"]
        #expect(try ConnectionOptions.parse([]).configuration(environment: environment).baseURL == "http://127.0.0.1:4010")
        #expect(try ConnectionOptions.parse(["--domain", "b.auth0.com"]).configuration(environment: environment).baseURL
            == "https://b.auth0.com")
        #expect(throws: ValidationError.self) { try ConnectionOptions.parse([]).configuration(environment: [:]) }
    }

    @Test("credentials come from the environment only")
    func credentials() throws {
        let credentials = try ConnectionOptions.parse([]).credentials(environment: [
            "AUTH0_CLIENT_ID": "roster-ci", "AUTH0_CLIENT_SECRET": "s3cret",
        ])
        #expect(credentials.description == "client credentials for roster-ci")
        for flag in ["--client-secret", "--client-id", "--token", "--api-token"] {
            #expect(throws: (any Error).self, "\(flag) is not an option") {
                try ConnectionOptions.parse([flag, "value"])
            }
        }
    }

    @Test("out-of-range values and insecure domains are refused before anything runs, saying why", arguments: [
        (["--concurrency", "0"], "--concurrency must be between 1 and 16, not 0"),
        (["--concurrency", "17"], "--concurrency must be between 1 and 16, not 17"),
        (["--max-rps", "0"], "--max-rps must be above 0 and at most 1000, not 0.0"),
        (["--max-rps", "1001"], "--max-rps must be above 0 and at most 1000, not 1001.0"),
    ])
    func outOfRange(arguments: [String], message: String) {
        #expect {
            try ConnectionOptions.parse(arguments).configuration(environment: [:])
        } throws: { error in
            // parse() runs validate() and wraps its ValidationError.
            ConnectionOptions.message(for: error) == message
        }
    }

    @Test("an insecure or credential-bearing domain is refused with the library's reason, never echoing a password",
          arguments: [
              ("http://acme.eu.auth0.com", "cannot use the domain \"http://acme.eu.auth0.com\": plain http would send the credentials"),
              ("https://user:pw@acme.eu.auth0.com", "cannot use the domain \"https://<redacted>@acme.eu.auth0.com\": it holds credentials"),
          ])
    func insecureDomain(domain: String, prefix: String) throws {
        let options = try ConnectionOptions.parse(["--domain", domain])
        let error = #expect(throws: ValidationError.self) { try options.configuration(environment: [:]) }
        #expect(error?.message.hasPrefix(prefix) == true, "\(String(describing: error?.message))")
        #expect(error?.message.contains("pw@") == false)
    }
}
