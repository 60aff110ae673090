import Hummingbird

/// `GET`, `POST` and `DELETE /organizations/{id}/members`.
///
/// The list supports offset and checkpoint paging and `fields`/`include_fields`; with
/// `roles` among the fields each member carries its roles in this organization as
/// `{id, name}`, which also needs `read:organization_member_roles`. In checkpoint mode a
/// non-empty page always carries `next`, even a short last one, and the page after it is
/// `{"members": []}` without `next` (recordings 06 to 08).
struct MemberRoutes: Sendable {
    let store: TenantStore
    let maxBodyBytes: Int

    func register(on group: RouterGroup<EmulatorRequestContext>) {
        group.get("organizations/:id/members") { request, context in try await self.list(request, context) }
        group.post("organizations/:id/members") { request, context in
            try context.requireScope(anyOf: [Scope.createOrganizationMembers])
            let ids = try await IDListBody.read(request, key: "members", maxBytes: maxBodyBytes)
            try await store.addMembers(organizationID: try context.pathParameter("id"), userIDs: ids)
            return JSONResponse.noContent()
        }
        group.delete("organizations/:id/members") { request, context in
            try context.requireScope(anyOf: [Scope.deleteOrganizationMembers])
            let ids = try await IDListBody.read(request, key: "members", maxBytes: maxBodyBytes)
            try await store.removeMembers(organizationID: try context.pathParameter("id"), userIDs: ids)
            return JSONResponse.noContent()
        }
    }

    private func list(_ request: Request, _ context: EmulatorRequestContext) async throws -> Response {
        try context.requireScope(anyOf: [Scope.readOrganizationMembers])
        let query = QueryParameters(request)
        let fields = try FieldSelection(query)
        let withRoles = fields.requests("roles")
        if withRoles {
            try context.requireScope(anyOf: [Scope.readOrganizationMemberRoles])
        }
        let paging = try Paging.parse(query, allowsCheckpoint: true)
        let members = try await store.visibleMembers(organizationID: try context.pathParameter("id"))

        func view(_ members: [TenantStore.MemberRecord]) async -> [JSONValue] {
            var items: [JSONValue] = []
            items.reserveCapacity(members.count)
            for member in members {
                let user = await store.user(id: member.userID) ?? TenantSnapshot.User(userID: member.userID)
                var object = JSONViews.member(user)
                if withRoles {
                    var roles: [JSONValue] = []
                    for roleID in member.roles {
                        if let role = await store.role(id: roleID) { roles.append(JSONViews.inlineRole(role)) }
                    }
                    object["roles"] = .array(roles)
                }
                items.append(fields.apply(to: object))
            }
            return items
        }

        switch paging {
        case .offset(let page, let perPage, let includeTotals):
            let start = page * perPage
            let slice = start < members.count ? Array(members[start ..< min(members.count, start + perPage)]) : []
            let items = await view(slice)
            guard includeTotals else { return JSONResponse.make(body: .array(items)) }
            return JSONResponse.make(body: .object([
                "members": .array(items),
                "start": .integer(Int64(start)),
                "limit": .integer(Int64(perPage)),
                "total": .integer(Int64(members.count)),
            ]))
        case .checkpoint(let after, let take):
            let page = Array(members.filter { $0.sequence > (after ?? 0) }.prefix(take))
            var body: [String: JSONValue] = ["members": .array(await view(page))]
            if let last = page.last {
                body["next"] = .string(CheckpointCursor.encode(last.sequence))
            }
            return JSONResponse.make(body: .object(body))
        }
    }
}
