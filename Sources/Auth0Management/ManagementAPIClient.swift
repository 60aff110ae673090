import AsyncHTTPClient
import Foundation
import Logging
import RosterCore

/// Roster's Auth0 Management API client: reads the current state of managed organizations
/// (``TenantReader``) and removes members and member roles (``TenantWriter``).
///
/// One client serves one run: it caches the access token, paces its requests under the
/// tenant's rate limit and its own cap, and retries what is safe to retry.
public struct ManagementAPIClient: TenantReader, TenantWriter, CustomStringConvertible, CustomReflectable {
    /// The connection settings.
    public let configuration: ManagementAPIConfiguration
    /// The tenant as messages name it: the configuration's host unless set otherwise (to a
    /// snapshot's domain for an emulator, so that messages and plans name one tenant).
    public var tenantName: String
    let transport: APITransport
    let logger: Logger

    /// The HTTP client Roster uses by default: certificates verified, redirects refused (so
    /// a bearer token never follows a redirect elsewhere), a connection pool as large as the
    /// highest concurrency, and failed connections reported at once (Roster retries them
    /// itself). Shared for the process's life.
    public static var defaultHTTPClient: HTTPClient { rosterHTTPClient }

    /// Creates a client.
    ///
    /// - Parameters:
    ///   - logger: where requests are logged (debug: method, path, status; never a secret).
    ///   - httpClient: the HTTP client; the default verifies TLS and refuses redirects.
    ///   - now: the wall clock, for token expiry.
    public init(
        configuration: ManagementAPIConfiguration, credentials: Credentials, logger: Logger,
        httpClient: HTTPClient = ManagementAPIClient.defaultHTTPClient,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.configuration = configuration
        self.tenantName = configuration.host
        self.logger = logger
        let pacer = RequestPacer(maxRequestsPerSecond: configuration.maxRequestsPerSecond)
        let tokens = TokenProvider(
            credentials: credentials, configuration: configuration, http: httpClient, pacer: pacer, logger: logger,
            now: now)
        self.transport = APITransport(
            configuration: configuration, http: httpClient, tokens: tokens, pacer: pacer,
            statistics: StatisticsRecorder(), logger: logger)
    }

    /// The tenant and settings; never credentials or tokens.
    public var description: String { "Management API client for \(configuration)" }

    /// Shows only the configuration, so that `dump` cannot reach a cached token.
    public var customMirror: Mirror { Mirror(self, children: ["configuration": configuration], displayStyle: .struct) }

    /// What this client has sent and met so far.
    public func statistics() async -> RequestStatistics {
        await transport.statistics.current
    }

    /// Scope preflight: gets the token and compares its `scope` claim with what `operation`
    /// needs (or `required`, when given), before anything is read or changed. A token that
    /// is not a JWT is not checked (a warning is logged).
    ///
    /// - Throws: ``ManagementAPIError/missingScopes(_:operation:granted:)`` listing every
    ///   missing scope.
    public func checkScopes(for operation: ManagementOperation, required: [String]? = nil) async throws {
        let token = try await transport.tokens.token()
        guard let granted = token.scopes else {
            logger.warning("the access token is not a JWT, so its scopes cannot be checked before the run; a missing scope will show as a 403")
            return
        }
        let missing = (required ?? operation.requiredScopes).filter { !granted.contains($0) }
        guard missing.isEmpty else {
            throw ManagementAPIError.missingScopes(missing, operation: operation, granted: granted)
        }
    }

    /// The scope preflight of `roster apply`: the read scopes, and the write scopes of the
    /// kinds of step the plan holds (``ManagementOperation/scopes(forApplying:)``).
    public func checkScopes(forApplying plan: Plan) async throws {
        try await checkScopes(for: .apply, required: ManagementOperation.scopes(forApplying: Set(plan.steps.map(\.action))))
    }
}

private let rosterHTTPClient: HTTPClient = {
    var configuration = HTTPClient.Configuration(
        redirectConfiguration: .disallow,
        timeout: HTTPClient.Configuration.Timeout(connect: .seconds(10), read: .seconds(60)))
    // Room for the most requests in flight plus a token request, so that no request waits
    // for a connection (AsyncHTTPClient's default is 8 per host).
    configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit =
        ManagementAPIConfiguration.concurrencyRange.upperBound + 1
    // A failed connection (refused, TLS handshake, certificate) is reported at once instead
    // of being retried inside AsyncHTTPClient until the deadline: Roster's own retry decides,
    // and never retries a TLS or certificate failure.
    configuration.connectionPool.retryConnectionEstablishment = false
    return HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
}()
