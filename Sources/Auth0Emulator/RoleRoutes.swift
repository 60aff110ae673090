import Foundation
import Hummingbird

/// `GET /roles`: offset paging and `name_filter`, a case-insensitive substring match on the
/// role name (Auth0 documents `name_filter` as case-insensitive) that does not depend on the
/// locale; `GET /roles/{id}`, which Roster uses for ids past the 1,000 roles a list reaches;
/// both need `read:roles`.
struct RoleRoutes: Sendable {
    let store: TenantStore

    func register(on group: RouterGroup<EmulatorRequestContext>) {
        group.get("roles") { request, context in
            try context.requireScope(anyOf: [Scope.readRoles])
            let query = QueryParameters(request)
            guard case .offset(let page, let perPage, let includeTotals) = try Paging.parse(query, allowsCheckpoint: false)
            else { throw Auth0Error(.internalServerError, "Internal Server Error") }
            let fields = try FieldSelection(query)
            var roles = store.roles
            if let filter = query.string("name_filter"), !filter.isEmpty {
                roles = roles.filter { $0.name.range(of: filter, options: [.caseInsensitive]) != nil }
            }
            let items = roles.map { fields.apply(to: JSONViews.role($0)) }
            return JSONResponse.make(body: Paging.offsetBody(
                items, key: "roles", page: page, perPage: perPage, includeTotals: includeTotals))
        }
        group.get("roles/:id") { _, context in
            try context.requireScope(anyOf: [Scope.readRoles])
            let id = try context.pathParameter("id")
            guard let role = store.roles.first(where: { $0.id == id }) else { throw Auth0Error.roleNotFound }
            return JSONResponse.make(body: .object(JSONViews.role(role)))
        }
    }
}
