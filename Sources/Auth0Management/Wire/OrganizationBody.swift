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
