import Hummingbird

/// `GET /organizations` (offset or checkpoint paging), `GET /organizations/{id}` and
/// `GET /organizations/name/{name}`; all need `read:organizations`.
///
/// In checkpoint mode organizations stop on a short page: `next` is sent only when the page
/// is full (recording 03 and its README note).
struct OrganizationRoutes: Sendable {
    let store: TenantStore

    func register(on group: RouterGroup<EmulatorRequestContext>) {
        group.get("organizations") { request, context in try await self.list(request, context) }
        group.get("organizations/:id") { _, context in
            try context.requireScope(anyOf: [Scope.readOrganizations])
            let record = try await store.organization(id: try context.pathParameter("id"))
            return JSONResponse.make(body: .object(JSONViews.organization(record)))
        }
        group.get("organizations/name/:name") { _, context in
            try context.requireScope(anyOf: [Scope.readOrganizations])
            let record = try await store.organization(name: try context.pathParameter("name"))
            return JSONResponse.make(body: .object(JSONViews.organization(record)))
        }
    }

    private func list(_ request: Request, _ context: EmulatorRequestContext) async throws -> Response {
        try context.requireScope(anyOf: [Scope.readOrganizations])
        let query = QueryParameters(request)
        let paging = try Paging.parse(query, allowsCheckpoint: true)
        let fields = try FieldSelection(query)
        let records = await store.allOrganizations()
        switch paging {
        case .offset(let page, let perPage, let includeTotals):
            let items = records.map { fields.apply(to: JSONViews.organization($0)) }
            return JSONResponse.make(body: Paging.offsetBody(
                items, key: "organizations", page: page, perPage: perPage, includeTotals: includeTotals))
        case .checkpoint(let after, let take):
            let page = Array(records.filter { $0.sequence > (after ?? 0) }.prefix(take))
            var body: [String: JSONValue] = [
                "organizations": .array(page.map { fields.apply(to: JSONViews.organization($0)) }),
            ]
            if page.count == take, let last = page.last {
                body["next"] = .string(CheckpointCursor.encode(last.sequence))
            }
            return JSONResponse.make(body: .object(body))
        }
    }
}
