import Hummingbird

/// `GET`, `POST` and `DELETE /organizations/{id}/members/{user_id}/roles`.
///
/// The list uses offset paging and returns `{id, name, description}` roles. Writes take
/// `{"roles": [role ids]}`; an unknown role is 404 `No such role with id: …` (recording 12).
struct MemberRoleRoutes: Sendable {
    let store: TenantStore
    let maxBodyBytes: Int

    func register(on group: RouterGroup<EmulatorRequestContext>) {
        let path: RouterPath = "organizations/:id/members/:user_id/roles"
        group.get(path) { request, context in
            try context.requireScope(anyOf: [Scope.readOrganizationMemberRoles])
            let query = QueryParameters(request)
            guard case .offset(let page, let perPage, let includeTotals) = try Paging.parse(query, allowsCheckpoint: false)
            else { throw Auth0Error(.internalServerError, "Internal Server Error") }
            let fields = try FieldSelection(query)
            let roles = try await store.visibleMemberRoles(
                organizationID: try context.pathParameter("id"), userID: try context.pathParameter("user_id"))
            let items = roles.map { fields.apply(to: JSONViews.role($0)) }
            return JSONResponse.make(body: Paging.offsetBody(
                items, key: "roles", page: page, perPage: perPage, includeTotals: includeTotals))
        }
        group.post(path) { request, context in
            try context.requireScope(anyOf: [Scope.createOrganizationMemberRoles])
            let ids = try await IDListBody.read(request, key: "roles", maxBytes: maxBodyBytes)
            try await store.addMemberRoles(
                organizationID: try context.pathParameter("id"), userID: try context.pathParameter("user_id"),
                roleIDs: ids)
            return JSONResponse.noContent()
        }
        group.delete(path) { request, context in
            try context.requireScope(anyOf: [Scope.deleteOrganizationMemberRoles])
            let ids = try await IDListBody.read(request, key: "roles", maxBytes: maxBodyBytes)
            try await store.removeMemberRoles(
                organizationID: try context.pathParameter("id"), userID: try context.pathParameter("user_id"),
                roleIDs: ids)
            return JSONResponse.noContent()
        }
    }
}
