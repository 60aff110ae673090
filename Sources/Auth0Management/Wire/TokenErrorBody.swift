/// The token endpoint's error body: `{error, error_description}`.
struct TokenErrorBody: Decodable, Sendable {
    var error: String?
    var errorDescription: String?

    enum CodingKeys: String, CodingKey {
        case error, errorDescription = "error_description"
    }
}
