import Auth0Emulator
import Foundation
import NIOHTTP1
import Testing

/// Every endpoint checks its own scope: a token with exactly that scope passes the check,
/// a token with every other scope gets Auth0's 403.
@Suite("Scope checks per endpoint")
struct ScopeTests {
    struct Endpoint: CustomTestStringConvertible, Sendable {
        var method: String
        var path: String
        var body: String?
        var scope: String
        var testDescription: String { "\(method) \(path) needs \(scope)" }
    }

    static let org = Fixtures.orgID
    static let jane = "auth0%7C64f1a2b3c4d5e6f7a8b9c0d1"
    static let endpoints: [Endpoint] = [
        .init(method: "GET", path: "/api/v2/organizations", scope: "read:organizations"),
        .init(method: "GET", path: "/api/v2/organizations?take=10", scope: "read:organizations"),
        .init(method: "GET", path: "/api/v2/organizations/\(org)", scope: "read:organizations"),
        .init(method: "GET", path: "/api/v2/organizations/name/acme", scope: "read:organizations"),
        .init(method: "GET", path: "/api/v2/organizations/\(org)/members", scope: "read:organization_members"),
        .init(method: "POST", path: "/api/v2/organizations/\(org)/members",
              body: #"{"members":["auth0|outsider"]}"#, scope: "create:organization_members"),
        .init(method: "DELETE", path: "/api/v2/organizations/\(org)/members",
              body: #"{"members":["auth0|64f1a2b3c4d5e6f7a8b9c0d2"]}"#, scope: "delete:organization_members"),
        .init(method: "GET", path: "/api/v2/organizations/\(org)/members/\(jane)/roles",
              scope: "read:organization_member_roles"),
        .init(method: "POST", path: "/api/v2/organizations/\(org)/members/\(jane)/roles",
              body: #"{"roles":["rol_viewer01"]}"#, scope: "create:organization_member_roles"),
        .init(method: "DELETE", path: "/api/v2/organizations/\(org)/members/\(jane)/roles",
              body: #"{"roles":["rol_admin01"]}"#, scope: "delete:organization_member_roles"),
        .init(method: "GET", path: "/api/v2/roles", scope: "read:roles"),
        .init(method: "GET", path: "/api/v2/users-by-email?email=jane@example.com", scope: "read:users"),
    ]

    func send(_ endpoint: Endpoint, _ harness: EmulatorHarness, token: String) async throws -> EmulatorHarness.Reply {
        try await harness.send(
            HTTPMethod(rawValue: endpoint.method), endpoint.path, token: token,
            rawBody: endpoint.body.map { Data($0.utf8) })
    }

    @Test("a token without the endpoint's scope gets 403 insufficient_scope naming it", arguments: endpoints)
    func missingScope(_ endpoint: Endpoint) async throws {
        try await EmulatorHarness.with { harness in
            let others = Fixtures.allScopes.filter { $0 != endpoint.scope }.joined(separator: " ")
            let token = try await harness.token(scope: others)
            let reply = try await send(endpoint, harness, token: token)
            #expect(reply.status == 403)
            #expect(reply.object["statusCode"] as? Int == 403)
            #expect(reply.object["error"] as? String == "Forbidden")
            #expect(reply.object["message"] as? String == "Insufficient scope, expected any of: \(endpoint.scope)")
            #expect(reply.object["errorCode"] as? String == "insufficient_scope")
        }
    }

    @Test("a token with only the endpoint's scope succeeds", arguments: endpoints)
    func exactScope(_ endpoint: Endpoint) async throws {
        try await EmulatorHarness.with { harness in
            let token = try await harness.token(clientID: "only-\(endpoint.scope)")
            let reply = try await send(endpoint, harness, token: token)
            #expect((200 ..< 300).contains(reply.status), "\(reply.status) \(reply.text)")
        }
    }

    @Test("fields=roles on the member list also needs read:organization_member_roles")
    func inlineRolesNeedRoleScope() async throws {
        try await EmulatorHarness.with { harness in
            let token = try await harness.token(clientID: "only-read:organization_members")
            let path = "/api/v2/organizations/\(Self.org)/members?fields=user_id,roles&include_fields=true"
            let reply = try await harness.send(.GET, path, token: token)
            #expect(reply.status == 403)
            #expect(reply.object["message"] as? String
                == "Insufficient scope, expected any of: read:organization_member_roles")
            let both = try await harness.token(scope: "read:organization_members read:organization_member_roles")
            let allowed = try await harness.send(.GET, path, token: both)
            #expect(allowed.status == 200)
            #expect(allowed.array.first?["roles"] != nil)
        }
    }

    @Test("fields without roles needs only read:organization_members")
    func fieldsWithoutRoles() async throws {
        try await EmulatorHarness.with { harness in
            let token = try await harness.token(clientID: "only-read:organization_members")
            let reply = try await harness.send(
                .GET, "/api/v2/organizations/\(Self.org)/members?fields=user_id,email", token: token)
            #expect(reply.status == 200)
            #expect(Set(reply.array.first?.keys.map { $0 } ?? []) == ["user_id", "email"])
        }
    }
}
