@testable import Auth0Management
import Foundation
import Testing

/// The client's wire types against the responses recorded from real Auth0 tenants.
@Suite("Decoding Auth0's recorded responses")
struct RecordingDecodingTests {
    static var folder: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/auth0-recordings")
    }

    /// The shared reference recordings, `../shared/auth0-recordings` next to the repository.
    static var sharedFolder: URL {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("shared/auth0-recordings")
    }

    static var sharedFolderExists: Bool { FileManager.default.fileExists(atPath: sharedFolder.path) }

    /// What a recording holds, by the client type that reads it.
    enum Shape: String, Sendable, CustomStringConvertible {
        /// `TokenResponseBody`.
        case token
        /// `OrganizationPageBody`.
        case organizationPage
        /// `OrganizationBody`.
        case organization
        /// `MemberPageBody`.
        case memberPage
        /// No response body (204); the request body is an `IDListRequestBody`.
        case idListRequest
        /// `RolePageBody`.
        case rolePage
        /// `ErrorBody`.
        case error

        var description: String { rawValue }
    }

    /// Every recording with the type that reads it.
    static let recordings: [(String, Shape)] = [
        ("01-token-client-credentials.json", .token),
        ("02-organizations-list-offset.json", .organizationPage),
        ("03-organizations-list-checkpoint-page1.json", .organizationPage),
        ("04-organization-get-by-name.json", .organization),
        ("05-members-list-fields-roles-offset.json", .memberPage),
        ("06-members-list-checkpoint-page1.json", .memberPage),
        ("07-members-list-checkpoint-page2-partial-still-has-next.json", .memberPage),
        ("08-members-list-checkpoint-page3-empty-no-next.json", .memberPage),
        ("09-members-add.json", .idListRequest),
        ("10-members-delete.json", .idListRequest),
        ("11-member-roles-list-offset.json", .rolePage),
        ("12-member-roles-delete-deleted-role-404.json", .error),
        ("13-roles-list-name-filter.json", .rolePage),
        ("14-error-429-rate-limited.json", .error),
        ("15-error-403-insufficient-scope.json", .error),
    ]

    /// The recording's `response_body` (or `request_body`) as JSON bytes.
    static func body(_ name: String, key: String = "response_body") throws -> Data {
        let data = try Data(contentsOf: folder.appendingPathComponent(name))
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        return try JSONSerialization.data(withJSONObject: try #require(object[key]), options: [.fragmentsAllowed])
    }

    @Test("every recording is listed with its type")
    func allCovered() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path).filter { $0.hasSuffix(".json") }
        #expect(names.sorted() == Self.recordings.map(\.0))
    }

    @Test("every recording decodes as its type", arguments: recordings)
    func decodes(name: String, shape: Shape) throws {
        let decoder = JSONDecoder()
        switch shape {
        case .token: _ = try decoder.decode(TokenResponseBody.self, from: Self.body(name))
        case .organizationPage: _ = try decoder.decode(OrganizationPageBody.self, from: Self.body(name))
        case .organization: _ = try decoder.decode(OrganizationBody.self, from: Self.body(name))
        case .memberPage: _ = try decoder.decode(MemberPageBody.self, from: Self.body(name))
        case .rolePage: _ = try decoder.decode(RolePageBody.self, from: Self.body(name))
        case .error:
            let body = try decoder.decode(ErrorBody.self, from: Self.body(name))
            #expect(body.statusCode != nil && body.message != nil)
        case .idListRequest:
            let recorded = try #require(
                try JSONSerialization.jsonObject(with: Self.body(name, key: "request_body")) as? [String: [String]])
            #expect(recorded.count == 1)
        }
    }

    @Test("the copies are identical to ../shared/auth0-recordings", .enabled(if: sharedFolderExists),
          arguments: recordings.map(\.0))
    func sameAsShared(name: String) throws {
        let copy = try Data(contentsOf: Self.folder.appendingPathComponent(name))
        let shared = try Data(contentsOf: Self.sharedFolder.appendingPathComponent(name))
        #expect(copy == shared)
    }

    @Test("01: the token response")
    func token() throws {
        let body = try JSONDecoder().decode(TokenResponseBody.self, from: Self.body("01-token-client-credentials.json"))
        #expect(body.accessToken == "test-access-token")
        #expect(body.expiresIn == 86_400)
        #expect(body.tokenType == "Bearer")
        let token = AccessToken(body.accessToken, expiresIn: body.expiresIn, receivedAt: Date(timeIntervalSince1970: 0))
        #expect(token.scopes == nil, "not a JWT: the preflight is skipped")
        #expect(token.expiresAt == Date(timeIntervalSince1970: 86_400))
    }

    @Test("02 and 03: organization lists, offset and checkpoint")
    func organizationLists() throws {
        let offset = try JSONDecoder().decode(OrganizationPageBody.self, from: Self.body("02-organizations-list-offset.json"))
        #expect(offset.organizations == [OrganizationBody(id: "org_3hbVAMF8F3wVIcEJ", name: "test-organization298",
                                                           displayName: "Test Organization")])
        #expect(offset.total == 1 && offset.next == nil)
        let checkpoint = try JSONDecoder().decode(
            OrganizationPageBody.self, from: Self.body("03-organizations-list-checkpoint-page1.json"))
        #expect(checkpoint.organizations.map(\.id) == ["org_SST1yp2pazgSiMYi", "org_Wz2uMwAVQmfRb03I"])
        #expect(checkpoint.next?.isEmpty == false && checkpoint.total == nil)
    }

    @Test("04: an organization by name")
    func organizationByName() throws {
        let body = try JSONDecoder().decode(OrganizationBody.self, from: Self.body("04-organization-get-by-name.json"))
        #expect(body == OrganizationBody(id: "org_xm9zGmT0GL8CaSR9", name: "test-organization272", displayName: "Test Organization"))
    }

    @Test("05: members with inline roles (offset)")
    func membersWithRoles() throws {
        let page = try JSONDecoder().decode(MemberPageBody.self, from: Self.body("05-members-list-fields-roles-offset.json"))
        #expect(page.members == [MemberBody(userID: "auth0|63d16bb11e39d8a43b8ed0f5", email: nil, name: nil,
                                            roles: [RoleBody(id: "rol_lEh5V8omwZrnZd9o", name: "test-role403")])])
        #expect(page.total == 1)
    }

    @Test("06 to 08: checkpoint pages, the short one still with next, then an empty one without")
    func checkpointQuirk() throws {
        let decode = { (name: String) in try JSONDecoder().decode(MemberPageBody.self, from: Self.body(name)) }
        let first = try decode("06-members-list-checkpoint-page1.json")
        let second = try decode("07-members-list-checkpoint-page2-partial-still-has-next.json")
        let third = try decode("08-members-list-checkpoint-page3-empty-no-next.json")
        #expect(first.members.count == 2 && first.next != nil)
        #expect(first.members[0] == MemberBody(userID: "auth0|6410784d38b3e02b77fdd660", email: "chuck938@example.com",
                                               name: "chuck938@example.com", roles: nil))
        #expect(second.members.count == 1 && second.next != nil, "a short page still has next")
        #expect(third.members.isEmpty && third.next == nil, "the list ends only on the page without next")
    }

    @Test("09 and 10: member write bodies are encoded as Auth0 expects")
    func memberBodies() throws {
        for name in ["09-members-add.json", "10-members-delete.json"] {
            let recorded = try #require(
                try JSONSerialization.jsonObject(with: Self.body(name, key: "request_body")) as? [String: [String]])
            let ours = try JSONSerialization.jsonObject(
                with: IDListRequestBody(key: "members", ids: recorded["members"] ?? []).encoded()) as? [String: [String]]
            #expect(ours == recorded)
        }
    }

    @Test("11 and 13: role lists with totals")
    func roleLists() throws {
        let memberRoles = try JSONDecoder().decode(RolePageBody.self, from: Self.body("11-member-roles-list-offset.json"))
        #expect(memberRoles.roles == [RoleBody(id: "rol_lEh5V8omwZrnZd9o", name: "test-role403", description: "Test Role")])
        let roles = try JSONDecoder().decode(RolePageBody.self, from: Self.body("13-roles-list-name-filter.json"))
        #expect(roles.roles.map(\.name) == ["test-role14"])
        #expect(roles.start == 0 && roles.limit == 50 && roles.total == 1)
    }

    @Test("12: a 404 for a role already gone counts as done; its request body is ours")
    func roleGone() throws {
        let body = try JSONDecoder().decode(ErrorBody.self, from: Self.body("12-member-roles-delete-deleted-role-404.json"))
        #expect(body.statusCode == 404 && body.errorCode == nil)
        #expect(ManagementAPIClient.meansAlreadyGone(try #require(body.message)))
        #expect(!ManagementAPIClient.meansAlreadyGone("No organization found by that id or name"))
        #expect(!ManagementAPIClient.meansAlreadyGone("The user auth0|1 is not a member of the organization"),
                "never seen from Auth0")
        let recorded = try JSONSerialization.jsonObject(
            with: Self.body("12-member-roles-delete-deleted-role-404.json", key: "request_body")) as? [String: [String]]
        let ours = try JSONSerialization.jsonObject(
            with: IDListRequestBody(key: "roles", ids: ["rol_AfqmW4oauAJPyWYI"]).encoded()) as? [String: [String]]
        #expect(ours == recorded)
    }

    @Test("14: the 429 body")
    func rateLimited() throws {
        let body = try JSONDecoder().decode(ErrorBody.self, from: Self.body("14-error-429-rate-limited.json"))
        #expect(body.message == "Global limit has been reached" && body.errorCode == "too_many_requests")
    }

    @Test("15: the 403 body names the missing scope")
    func insufficientScope() throws {
        let body = try JSONDecoder().decode(ErrorBody.self, from: Self.body("15-error-403-insufficient-scope.json"))
        #expect(body.errorCode == "insufficient_scope")
        #expect(body.missingScope == "read:organization_client_grants")
    }
}
