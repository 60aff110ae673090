/// Why talking to the Management API failed, with what to do about it.
///
/// Every case that comes from an answer names the endpoint, the status, Auth0's `message`
/// and `errorCode`. No case ever carries a secret or a token.
public enum ManagementAPIError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The domain cannot be used; `reason` says why and what to give instead.
    case invalidDomain(String, reason: String)
    /// A setting is out of range.
    case invalidSetting(String)
    /// Credentials are missing or ambiguous; the text names the environment variables.
    case missingCredentials(String)
    /// The token endpoint refused or failed (`error` and `message` are Auth0's).
    case tokenRequestFailed(endpoint: Endpoint, status: Int?, error: String?, message: String?)
    /// The token lacks scopes the operation needs; all of them are listed.
    case missingScopes([String], operation: ManagementOperation, granted: [String])
    /// 401 even after getting a new token (or with a token Roster cannot renew).
    case unauthorized(endpoint: Endpoint, message: String?, errorCode: String?, canRenew: Bool)
    /// 403: `missingScope` is the scope Auth0 named, when it named one.
    case forbidden(endpoint: Endpoint, message: String?, errorCode: String?, missingScope: String?)
    /// 429 on every attempt.
    case rateLimited(endpoint: Endpoint, attempts: Int, message: String?, errorCode: String?)
    /// 5xx on every attempt.
    case serverError(endpoint: Endpoint, status: Int, message: String?, errorCode: String?, attempts: Int)
    /// Any other 4xx answer: not retried.
    case rejected(endpoint: Endpoint, status: Int, message: String?, errorCode: String?)
    /// No answer (connection refused, dropped, timed out) on every attempt, or a failure
    /// without an answer that is not safe to retry.
    case unreachable(endpoint: Endpoint, attempts: Int, reason: String)
    /// The TLS connection could not be set up (for example the certificate was refused);
    /// never retried, since trying again cannot help.
    case insecureConnection(endpoint: Endpoint, reason: String)
    /// The answer's body was larger than `limit` bytes; never retried.
    case responseTooLarge(endpoint: Endpoint, limit: Int)
    /// An answer that could not be read as the documented shape; Auth0's `message` and
    /// `errorCode` when the body has them.
    case unexpectedResponse(endpoint: Endpoint, status: Int, reason: String, message: String? = nil, errorCode: String? = nil)
    /// A paged list did not end: a cursor came back a second time, or the page cap was reached.
    case pagingDidNotEnd(endpoint: Endpoint, pages: Int, reason: String)
    /// A read finished with fewer (or more) results than the work it started: a defect in Roster.
    case incompleteRead(expected: Int, received: Int)
    /// A single id is too long to fit in a request body below the limit.
    case bodyTooLarge(endpoint: Endpoint, bytes: Int, limit: Int)

    /// The HTTP status, when the failure is an answer.
    public var status: Int? {
        switch self {
        case .tokenRequestFailed(_, let status, _, _): return status
        case .unauthorized: return 401
        case .forbidden: return 403
        case .rateLimited: return 429
        case .serverError(_, let status, _, _, _), .rejected(_, let status, _, _),
             .unexpectedResponse(_, let status, _, _, _):
            return status
        default: return nil
        }
    }

    /// One paragraph: what failed, Auth0's words, and what to do.
    public var description: String {
        switch self {
        case .invalidDomain(let domain, let reason):
            return "cannot use the domain \"\(domain)\": \(reason)"
        case .invalidSetting(let text):
            return "invalid setting: \(text)"
        case .missingCredentials(let text):
            return "credentials: \(text)"
        case .tokenRequestFailed(let endpoint, let status, let error, let message):
            let answer = status.map { "\($0)" } ?? "no answer"
            let auth0 = [error, message].compactMap { $0 }.joined(separator: ": ")
            return "\(endpoint): \(answer)\(auth0.isEmpty ? "" : " \(auth0)"). Roster could not get an access token: "
                + "check AUTH0_CLIENT_ID and AUTH0_CLIENT_SECRET, and that the application is authorized for the "
                + "Auth0 Management API of this tenant (Dashboard > Applications > APIs > Auth0 Management API > "
                + "Machine To Machine Applications)."
        case .missingScopes(let missing, let operation, _):
            return "the access token lacks \(missing.count == 1 ? "a scope" : "\(missing.count) scopes") that "
                + "\(operation) needs: \(missing.joined(separator: ", ")). Grant \(missing.count == 1 ? "it" : "them") "
                + "to Roster's application (Dashboard > Applications > APIs > Auth0 Management API > Machine To "
                + "Machine Applications), then run again. Nothing was read or changed."
        case .unauthorized(let endpoint, let message, let errorCode, let canRenew):
            let todo = canRenew
                ? "Auth0 refused a freshly issued token too: check that AUTH0_DOMAIN is the tenant the application belongs to."
                : "AUTH0_API_TOKEN was refused (expired or for another tenant): issue a new token, or use "
                    + "AUTH0_CLIENT_ID and AUTH0_CLIENT_SECRET so that Roster can renew it."
            return "\(endpoint): 401 \(Self.auth0(message, errorCode)). \(todo)"
        case .forbidden(let endpoint, let message, let errorCode, let scope):
            let todo = scope.map {
                "Grant the scope \($0) to Roster's application (Dashboard > Applications > APIs > Auth0 Management "
                    + "API > Machine To Machine Applications)."
            } ?? "Check the application's grants for the Auth0 Management API."
            return "\(endpoint): 403 \(Self.auth0(message, errorCode)). \(todo)"
        case .rateLimited(let endpoint, let attempts, let message, let errorCode):
            return "\(endpoint): 429 \(Self.auth0(message, errorCode)) on all \(attempts) attempts. The tenant's rate "
                + "limit stayed exhausted: lower --max-rps or --concurrency, or run when the tenant is quieter."
        case .serverError(let endpoint, let status, let message, let errorCode, let attempts):
            return "\(endpoint): \(status) \(Self.auth0(message, errorCode)) on all \(attempts) attempts. Auth0 is "
                + "failing: check https://status.auth0.com and run again later (reads and removals are safe to repeat)."
        case .rejected(let endpoint, let status, let message, let errorCode):
            let todo = status == 404
                ? "Auth0 does not know this object: check the id or name."
                : "Auth0 refused the request as sent; please report this with the message above."
            return "\(endpoint): \(status) \(Self.auth0(message, errorCode)). \(todo)"
        case .unreachable(let endpoint, let attempts, let reason):
            return "\(endpoint): no answer after \(attempts) attempt\(attempts == 1 ? "" : "s") (\(reason)). Check the domain "
                + "and the network connection, then run again."
        case .insecureConnection(let endpoint, let reason):
            return "\(endpoint): the secure connection failed (\(reason)); not retried. Check the domain and that this "
                + "machine trusts the tenant's certificate (a proxy that intercepts TLS needs its CA installed)."
        case .responseTooLarge(let endpoint, let limit):
            return "\(endpoint): the answer was larger than \(limit) bytes; not retried. Check that the domain is an "
                + "Auth0 tenant; if it is, please report this."
        case .unexpectedResponse(let endpoint, let status, let reason, let message, let errorCode):
            let auth0 = message == nil && errorCode == nil ? "" : " \(Self.auth0(message, errorCode))"
            return "\(endpoint): \(status)\(auth0) with an answer Roster cannot read (\(reason)). Check that the domain "
                + "is an Auth0 tenant; if it is, please report this."
        case .pagingDidNotEnd(let endpoint, let pages, let reason):
            return "\(endpoint): the list did not end after \(pages) pages (\(reason)). Nothing was planned from it; "
                + "run again, and if it persists please report this."
        case .incompleteRead(let expected, let received):
            return "the read finished with \(received) of \(expected) results; nothing was planned from it. Please "
                + "report this."
        case .bodyTooLarge(let endpoint, let bytes, let limit):
            return "\(endpoint): one id alone makes a \(bytes)-byte body, over Auth0's limit of \(limit) bytes."
        }
    }

    private static func auth0(_ message: String?, _ errorCode: String?) -> String {
        let text = message.map { "\"\($0)\"" } ?? "(no message)"
        return errorCode.map { "\(text) (\($0))" } ?? text
    }
}
