import Foundation

/// One answer from the Management API.
struct APIResponse: Sendable {
    var endpoint: Endpoint
    var status: Int
    var body: Data

    /// Decodes the body as `T`, or throws
    /// ``ManagementAPIError/unexpectedResponse(endpoint:status:reason:message:errorCode:)`` with
    /// Auth0's `message` and `errorCode` when the body has them.
    func decode<T: Decodable>(_ type: T.Type) throws(ManagementAPIError) -> T {
        do {
            return try JSONDecoder().decode(T.self, from: body)
        } catch {
            let auth0 = self.error
            throw .unexpectedResponse(
                endpoint: endpoint, status: status, reason: "not a \(T.self): \(Self.summary(error))",
                message: auth0?.message, errorCode: auth0?.errorCode)
        }
    }

    /// Auth0's error body, when there is one.
    var error: ErrorBody? { try? JSONDecoder().decode(ErrorBody.self, from: body) }

    /// The error for an answer that is not a success, by status.
    func failure() -> ManagementAPIError {
        let error = self.error
        switch status {
        case 403:
            return .forbidden(endpoint: endpoint, message: error?.message, errorCode: error?.errorCode,
                              missingScope: error?.missingScope)
        default:
            return .rejected(endpoint: endpoint, status: status, message: error?.message, errorCode: error?.errorCode)
        }
    }

    private static func summary(_ error: any Error) -> String {
        switch error as? DecodingError {
        case .keyNotFound(let key, _)?: return "missing key \(key.stringValue)"
        case .typeMismatch(_, let context)?, .valueNotFound(_, let context)?:
            return "wrong type at \(context.codingPath.map(\.stringValue).joined(separator: "."))"
        case .dataCorrupted?: return "not JSON"
        default: return "unreadable"
        }
    }
}
