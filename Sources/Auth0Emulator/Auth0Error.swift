import Foundation
import Hummingbird

/// A Management API error, answered as Auth0 shapes it:
/// `{"statusCode": N, "error": "<reason phrase>", "message": "...", "errorCode": "..."}`.
///
/// `errorCode` is left out where Auth0 leaves it out (401s, and 404s such as the recorded
/// `No such role with id: …`).
struct Auth0Error: Error, Sendable, Equatable, HTTPResponseError, CustomStringConvertible {
    /// The HTTP status.
    var status: HTTPResponse.Status
    /// The human-readable message.
    var message: String
    /// Auth0's machine-readable code, when Auth0 sends one.
    var errorCode: String?

    /// Creates an error.
    init(_ status: HTTPResponse.Status, _ message: String, errorCode: String? = nil) {
        self.status = status
        self.message = message
        self.errorCode = errorCode
    }

    /// `<status> <message>`, e.g. `404 No such role with id: rol_1`.
    var description: String { "\(status.code) \(message)" }

    /// The JSON body.
    var body: JSONValue {
        var object: [String: JSONValue] = [
            "statusCode": .integer(Int64(status.code)),
            "error": .string(Self.reasonPhrase(status)),
            "message": .string(message),
        ]
        if let errorCode { object["errorCode"] = .string(errorCode) }
        return .object(object)
    }

    /// Builds the HTTP response.
    func response(from request: Request, context: some RequestContext) throws -> Response {
        response()
    }

    /// Builds the HTTP response without a request.
    func response() -> Response {
        JSONResponse.make(status: status, body: body)
    }

    /// The reason phrase Auth0 puts in `error`.
    static func reasonPhrase(_ status: HTTPResponse.Status) -> String {
        switch status.code {
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 409: "Conflict"
        case 413: "Request Entity Too Large"
        case 429: "Too Many Requests"
        case 500: "Internal Server Error"
        case 502: "Bad Gateway"
        case 503: "Service Unavailable"
        default: status.reasonPhrase
        }
    }
}

extension Auth0Error {
    /// 403 naming the scopes the endpoint accepts.
    static func insufficientScope(_ scopes: [String]) -> Auth0Error {
        Auth0Error(.forbidden, "Insufficient scope, expected any of: \(scopes.joined(separator: ","))",
                   errorCode: "insufficient_scope")
    }

    /// 401 with Auth0's message; Auth0 sends no errorCode on 401.
    static func unauthorized(_ message: String) -> Auth0Error {
        Auth0Error(.unauthorized, message)
    }

    /// 400 `invalid_body` with a payload validation message.
    static func invalidBody(_ detail: String) -> Auth0Error {
        Auth0Error(.badRequest, "Payload validation error: \(detail)", errorCode: "invalid_body")
    }

    /// 400 `invalid_query_string` for a query parameter. Auth0 follows the property with its
    /// schema description in parentheses (and no final period) where it has one.
    static func invalidQuery(_ detail: String, property: String) -> Auth0Error {
        let place = queryPropertyDescriptions[property].map { "\(property) (\($0))" } ?? "\(property)."
        return Auth0Error(.badRequest, "Query validation error: '\(detail)' on property \(place)",
                          errorCode: "invalid_query_string")
    }

    /// Auth0's descriptions of query properties, as its validation messages quote them.
    static let queryPropertyDescriptions = [
        "per_page": "Number of results per page. Defaults to 50",
        "take": "Number of results per page. Defaults to 50",
    ]

    /// 404 for an unknown organization, by id or by name.
    static let organizationNotFound = Auth0Error(.notFound, "No organization found by that id or name")

    /// 404 for an unknown role id (`GET /roles/{id}`). Not recorded: the text is Auth0's
    /// documented one; Roster reads only the status there.
    static let roleNotFound = Auth0Error(.notFound, "The role does not exist.", errorCode: "inexistent_role")

    /// 404 for an unknown route.
    static let routeNotFound = Auth0Error(.notFound, "Not Found")

    /// 429 when the rate limit's bucket is empty.
    static let tooManyRequests = Auth0Error(.tooManyRequests, "Global limit has been reached",
                                            errorCode: "too_many_requests")
}
