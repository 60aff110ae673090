/// An organization: `{id, name, display_name?, branding?, metadata?}` (recordings 02 to 04).
/// Only `id` and `name` matter to Roster; other keys are ignored.
struct OrganizationBody: Decodable, Sendable, Equatable {
    var id: String
    var name: String
    var displayName: String?

    enum CodingKeys: String, CodingKey {
        case id, name, displayName = "display_name"
    }
}

/// A page of organizations, offset (`start/limit/total`) or checkpoint (`next`).
struct OrganizationPageBody: Decodable, Sendable {
    var organizations: [OrganizationBody]
    var next: String?
    var start: Int?
    var limit: Int?
    var total: Int?
}
