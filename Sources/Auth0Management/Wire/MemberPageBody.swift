/// A page of organization members (recordings 05 to 08): `{members: [...], next?}` in
/// checkpoint paging, `{members, start, limit, total}` in offset paging.
struct MemberPageBody: Decodable, Sendable {
    var members: [MemberBody]
    var next: String?
    var start: Int?
    var limit: Int?
    var total: Int?
}

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
