/// `POST /oauth/token` answers: `{access_token, token_type, expires_in, scope?}` (recording 01).
struct TokenResponseBody: Decodable, Sendable {
    var accessToken: String
    var tokenType: String?
    var expiresIn: Int?
    var scope: String?

    enum CodingKeys: String, CodingKey {
        case accessToken = "access_token", tokenType = "token_type", expiresIn = "expires_in", scope
    }
}
