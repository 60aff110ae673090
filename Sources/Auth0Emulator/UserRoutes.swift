import Hummingbird

/// `GET /users-by-email?email=`: a bare array of the users with exactly that email
/// (case-sensitive, as Auth0 matches it);
/// needs `read:users`.
struct UserRoutes: Sendable {
    let store: TenantStore

    func register(on group: RouterGroup<EmulatorRequestContext>) {
        group.get("users-by-email") { request, context in
            try context.requireScope(anyOf: [Scope.readUsers])
            let query = QueryParameters(request)
            guard let email = query.string("email"), !email.isEmpty else {
                throw Auth0Error(.badRequest, "Query validation error: 'Missing required property: email'.",
                                 errorCode: "invalid_query_string")
            }
            let fields = try FieldSelection(query)
            let users = await store.users(email: email)
            return JSONResponse.make(body: .array(users.map { fields.apply(to: JSONViews.user($0)) }))
        }
    }
}
