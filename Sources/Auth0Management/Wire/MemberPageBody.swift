/// A page of organization members (recordings 05 to 08): `{members: [...], next?}` in
/// checkpoint paging, `{members, start, limit, total}` in offset paging.
struct MemberPageBody: Decodable, Sendable {
    var members: [MemberBody]
    var next: String?
    var start: Int?
    var limit: Int?
    var total: Int?
}
