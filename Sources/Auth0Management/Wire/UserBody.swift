/// A user from `GET /users-by-email` (a bare array of these): only the keys Roster uses.
struct UserBody: Decodable, Sendable, Equatable {
    var userID: String
    var email: String?
    var name: String?

    enum CodingKeys: String, CodingKey {
        case userID = "user_id", email, name
    }
}
