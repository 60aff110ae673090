/// How Roster authenticates to the Management API: a machine-to-machine application's client
/// credentials, or an access token issued elsewhere.
///
/// Read from the environment only (`AUTH0_CLIENT_ID` + `AUTH0_CLIENT_SECRET`, or
/// `AUTH0_API_TOKEN`, the names Auth0's Terraform provider and deploy CLI use), never from
/// command-line values, which other users of the machine can see with `ps`.
public enum Credentials: Sendable, CustomStringConvertible, CustomReflectable {
    /// The client credentials grant, with audience `https://<domain>/api/v2/`.
    case clientCredentials(clientID: String, clientSecret: Secret)
    /// A Management API access token issued elsewhere; it cannot be renewed by Roster.
    case accessToken(Secret)

    /// The environment variable names.
    public enum Variable {
        /// The tenant's domain.
        public static let domain = "AUTH0_DOMAIN"
        /// The application's client id.
        public static let clientID = "AUTH0_CLIENT_ID"
        /// The application's client secret.
        public static let clientSecret = "AUTH0_CLIENT_SECRET"
        /// A pre-issued Management API token.
        public static let apiToken = "AUTH0_API_TOKEN"
    }

    /// Reads credentials from an environment (empty values count as unset).
    ///
    /// - Throws: ``ManagementAPIError/missingCredentials(_:)`` when neither form is complete,
    ///   or when both are given (say which one to unset rather than guess).
    public static func fromEnvironment(_ environment: [String: String]) throws(ManagementAPIError) -> Credentials {
        func value(_ name: String) -> String? {
            guard let raw = environment[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !raw.isEmpty else {
                return nil
            }
            return raw
        }
        let clientID = value(Variable.clientID)
        let clientSecret = value(Variable.clientSecret)
        let token = value(Variable.apiToken)
        switch (clientID, clientSecret, token) {
        case (nil, nil, let token?):
            // A token goes into a header, where a space or a line break (a token pasted
            // wrapped) is not allowed: refused here, without showing it.
            guard !token.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.value < 0x20 || $0.value == 0x7F }) else {
                throw .missingCredentials(
                    "\(Variable.apiToken) has a space, tab or line break inside it; set it to the token on one line")
            }
            return .accessToken(Secret(token))
        case (let id?, let secret?, nil):
            return .clientCredentials(clientID: id, clientSecret: Secret(secret))
        case (_, _, _?):
            throw .missingCredentials(
                "both \(Variable.apiToken) and \(Variable.clientID)/\(Variable.clientSecret) are set; unset one of them")
        case (_?, nil, nil):
            throw .missingCredentials("\(Variable.clientID) is set but \(Variable.clientSecret) is not; set both")
        case (nil, _?, nil):
            throw .missingCredentials("\(Variable.clientSecret) is set but \(Variable.clientID) is not; set both")
        case (nil, nil, nil):
            throw .missingCredentials("""
                no credentials: set \(Variable.clientID) and \(Variable.clientSecret) (a machine-to-machine \
                application authorized for the Auth0 Management API) or \(Variable.apiToken)
                """)
        }
    }

    /// Whether Roster can get a new token itself (client credentials) after a 401.
    public var canRenew: Bool {
        if case .clientCredentials = self { return true }
        return false
    }

    /// Says which kind of credentials, and the client id; never a secret or token.
    public var description: String {
        switch self {
        case .clientCredentials(let clientID, _): return "client credentials for \(clientID)"
        case .accessToken: return "a pre-issued access token"
        }
    }

    /// Shows only ``description``, so that `dump` cannot print a secret.
    public var customMirror: Mirror { Mirror(self, children: ["kind": description], displayStyle: .enum) }
}
