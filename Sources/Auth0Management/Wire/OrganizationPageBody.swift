/// A page of organizations, offset (`start/limit/total`) or checkpoint (`next`).
struct OrganizationPageBody: Decodable, Sendable {
    var organizations: [OrganizationBody]
    var next: String?
    var start: Int?
    var limit: Int?
    var total: Int?
}
