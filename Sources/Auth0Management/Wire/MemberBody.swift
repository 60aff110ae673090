/// A member: `user_id`, optional `email`, `name`, `picture`, and `roles` as `[{id, name}]`
/// when asked for with `fields`.
struct MemberBody: Decodable, Sendable, Equatable {
    var userID: String
    var email: String?
    var name: String?
    var roles: [RoleBody]?

    enum CodingKeys: String, CodingKey {
        case userID = "user_id", email, name, roles
    }
}
