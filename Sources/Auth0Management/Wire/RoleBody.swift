/// A role: `{id, name, description?}` (recordings 05, 11, 13; inline member roles have no
/// description).
struct RoleBody: Decodable, Sendable, Equatable {
    var id: String
    var name: String
    var description: String?
}
