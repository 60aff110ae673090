/// A page of roles with totals: `{roles, start, limit, total}`.
struct RolePageBody: Decodable, Sendable {
    var roles: [RoleBody]
    var start: Int?
    var limit: Int?
    var total: Int?
}
