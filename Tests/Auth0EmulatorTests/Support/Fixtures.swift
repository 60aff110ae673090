import Auth0Emulator
import Foundation

/// Tenants for tests, built in code, plus access to the recorded Auth0 responses.
enum Fixtures {
    static let domain = "acme.eu.auth0.com"
    static let fullClientID = "roster-all"
    static let orgID = "org_7Qb2Lc9TgHnY1xQw"
    static let emptyOrgID = "org_empty000000001"
    static let jane = "auth0|64f1a2b3c4d5e6f7a8b9c0d1"
    static let ravi = "auth0|64f1a2b3c4d5e6f7a8b9c0d2"
    static let outsider = "auth0|outsider"

    static let allScopes = [
        "read:organizations", "read:organization_members", "create:organization_members",
        "delete:organization_members", "read:organization_member_roles", "create:organization_member_roles",
        "delete:organization_member_roles", "read:roles", "read:users",
    ]

    static func secret(for clientID: String) -> String { "\(clientID)-secret" }

    /// One client per scope (`only-<scope>`), one with none, one with all.
    static var clients: [TenantSnapshot.Client] {
        [TenantSnapshot.Client(clientID: fullClientID, clientSecret: secret(for: fullClientID), scopes: allScopes),
         TenantSnapshot.Client(clientID: "no-scopes", clientSecret: secret(for: "no-scopes"), scopes: [])]
            + allScopes.map { scope in
                TenantSnapshot.Client(clientID: "only-\(scope)", clientSecret: secret(for: "only-\(scope)"), scopes: [scope])
            }
    }

    static let roles = [
        TenantSnapshot.Role(id: "rol_admin01", name: "admin", description: "Organization admin"),
        TenantSnapshot.Role(id: "rol_billing01", name: "billing", description: "Billing access"),
        TenantSnapshot.Role(id: "rol_viewer01", name: "viewer", description: "Read-only access"),
    ]

    /// A small tenant: jane (admin, billing) and ravi (viewer) in one organization,
    /// an outsider user, and an empty organization.
    static func tenant(extraMembers: Int = 0) -> TenantSnapshot {
        var users = [
            TenantSnapshot.User(userID: jane, email: "jane@example.com", name: "Jane Doe"),
            TenantSnapshot.User(userID: ravi, email: "ravi@example.com", name: "Ravi Patel"),
            TenantSnapshot.User(userID: outsider, email: "Outsider@Example.com", name: "Out Sider"),
        ]
        var members = [
            TenantSnapshot.Member(userID: jane, roles: ["rol_admin01", "rol_billing01"]),
            TenantSnapshot.Member(userID: ravi, roles: ["rol_viewer01"]),
        ]
        for index in 0 ..< extraMembers {
            let id = String(format: "auth0|bulk%06d", index)
            users.append(.init(userID: id, email: "bulk\(index)@example.com", name: "Bulk \(index)"))
            members.append(.init(userID: id, roles: index % 2 == 0 ? ["rol_viewer01"] : []))
        }
        return TenantSnapshot(
            domain: domain, clients: clients, roles: roles, users: users,
            organizations: [
                .init(id: orgID, name: "acme", displayName: "Acme", members: members),
                .init(id: emptyOrgID, name: "empty", displayName: "Empty"),
            ])
    }

    /// A tenant whose organization `org_paged` has exactly `count` members and nothing else.
    static func tenant(memberCount count: Int) -> TenantSnapshot {
        let users = (0 ..< count).map { index in
            TenantSnapshot.User(userID: String(format: "auth0|m%06d", index), email: "m\(index)@example.com")
        }
        return TenantSnapshot(
            domain: domain, clients: clients, roles: roles, users: users,
            organizations: [.init(id: "org_paged", name: "paged",
                                  members: users.map { .init(userID: $0.userID, roles: ["rol_viewer01"]) })])
    }

    /// The folder of recorded Auth0 responses copied into this test target.
    static var recordingsURL: URL {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/auth0-recordings")
    }

    /// The repository's root folder.
    static var repositoryURL: URL {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
    }

    /// A recorded request/response pair.
    struct Recording {
        var name: String
        var method: String
        var url: URLComponents
        var requestBody: Any?
        var status: Int
        var responseBody: Any?
    }

    static func recording(_ name: String) throws -> Recording {
        let data = try Data(contentsOf: recordingsURL.appendingPathComponent(name))
        let object = try JSONSerialization.jsonObject(with: data) as! [String: Any]
        let body = object["response_body"]
        return Recording(
            name: name,
            method: object["method"] as! String,
            url: URLComponents(string: object["url"] as! String)!,
            requestBody: object["request_body"] is NSNull ? nil : object["request_body"],
            status: object["status"] as! Int,
            responseBody: body is NSNull ? nil : body)
    }
}
