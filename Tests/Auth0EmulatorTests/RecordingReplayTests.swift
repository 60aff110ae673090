import Auth0Emulator
import Foundation
import Testing

/// Replays every recorded Auth0 interaction in Fixtures/auth0-recordings against a tenant
/// that holds the recorded objects, and compares status and JSON shape (keys, value types,
/// paging fields). Deliberate differences are listed in docs/emulator.md.
@Suite("Recorded Auth0 responses replayed against the emulator")
struct RecordingReplayTests {
    static let logo: JSONValue = .object(["logo_url": "https://example.com/logo.gif"])
    static let picture = "https://example-picture-url.jpg"

    /// A tenant holding every object the recordings mention.
    static func recordedTenant() -> TenantSnapshot {
        let chucks = ["auth0|6410784d38b3e02b77fdd660", "auth0|6410784d38b3e02b77fdd65f", "auth0|6410784dd3534be8b2dc37da"]
        let chuckNames = ["chuck938@example.com", "chuck703@example.com", "chuck849@example.com"]
        var users = zip(chucks, chuckNames).map { id, email in
            TenantSnapshot.User(userID: id, email: email, name: email, picture: picture)
        }
        users += [
            .init(userID: "auth0|63d16bb11e39d8a43b8ed0f5", email: "chuck1@example.com", name: "chuck1@example.com", picture: picture),
            .init(userID: "auth0|63d16bb0ede19c15715dd6a5", email: "chuck2@example.com", name: "chuck2@example.com", picture: picture),
            .init(userID: "auth0|63d16bb22b2c1a2ae38bad61", email: "chuck3@example.com", name: "chuck3@example.com", picture: picture),
            .init(userID: "auth0|647d9d81a2dd737f469abcda", email: "chuck4@example.com", name: "chuck4@example.com", picture: picture),
        ]
        func org(_ id: String, _ name: String, _ members: [TenantSnapshot.Member] = []) -> TenantSnapshot.Organization {
            .init(id: id, name: name, displayName: "Test Organization", branding: logo, members: members)
        }
        return TenantSnapshot(
            domain: "go-auth0-dev.eu.auth0.com",
            clients: [
                .init(clientID: "test-client_id", clientSecret: "test-client_secret", scopes: Fixtures.allScopes),
                .init(clientID: "no-org-read", clientSecret: "no-org-read-secret",
                      scopes: Fixtures.allScopes.filter { $0 != "read:organizations" }),
            ],
            roles: [
                .init(id: "rol_lEh5V8omwZrnZd9o", name: "test-role403", description: "Test Role"),
                .init(id: "rol_9yRKwo2Bl0zckceV", name: "test-role14", description: "Test Role"),
            ],
            users: users,
            organizations: [
                org("org_3hbVAMF8F3wVIcEJ", "test-organization298"),
                org("org_xm9zGmT0GL8CaSR9", "test-organization272"),
                org("org_SunNyTSHhG4ib6E9", "test-organization1",
                    [.init(userID: "auth0|63d16bb11e39d8a43b8ed0f5", roles: ["rol_lEh5V8omwZrnZd9o"])]),
                org("org_P0M5j2B0FfwQioEe", "test-organization2", chucks.map { .init(userID: $0) }),
                org("org_BN3sRtvnC0AQL1NG", "test-organization3", [.init(userID: "auth0|63d16bb0ede19c15715dd6a5")]),
                org("org_dr3b5S9l3sReLayv", "test-organization4",
                    [.init(userID: "auth0|63d16bb22b2c1a2ae38bad61", roles: ["rol_lEh5V8omwZrnZd9o"])]),
                org("org_CIizUKVDUpo6NsXW", "test-organization5", [.init(userID: "auth0|647d9d81a2dd737f469abcda")]),
                org("org_9newEmptyOrg0001", "test-organization6"),
            ])
    }

    /// The replay for each recording file; a file without an entry fails the test below.
    static let replays: [String: @Sendable (RecordingReplayTests) async throws -> Void] = [
        "01-token-client-credentials.json": { try await $0.token() },
        "02-organizations-list-offset.json": { try await $0.organizationsOffset() },
        "03-organizations-list-checkpoint-page1.json": { try await $0.organizationsCheckpoint() },
        "04-organization-get-by-name.json": { try await $0.organizationByName() },
        "05-members-list-fields-roles-offset.json": { try await $0.membersWithRoles() },
        "06-members-list-checkpoint-page1.json": { try await $0.membersCheckpoint() },
        "07-members-list-checkpoint-page2-partial-still-has-next.json": { try await $0.membersCheckpoint() },
        "08-members-list-checkpoint-page3-empty-no-next.json": { try await $0.membersCheckpoint() },
        "09-members-add.json": { try await $0.addMembers() },
        "10-members-delete.json": { try await $0.deleteMembers() },
        "11-member-roles-list-offset.json": { try await $0.memberRoles() },
        "12-member-roles-delete-deleted-role-404.json": { try await $0.deleteUnknownRole() },
        "13-roles-list-name-filter.json": { try await $0.rolesNameFilter() },
        "14-error-429-rate-limited.json": { try await $0.rateLimited() },
        "15-error-403-insufficient-scope.json": { try await $0.insufficientScope() },
    ]

    /// The recording files in Fixtures/auth0-recordings, by name.
    static func recordingNames() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: Fixtures.recordingsURL.path)
            .filter { $0.hasSuffix(".json") }.sorted()
    }

    @Test("each recording file replays against the emulator", arguments: try recordingNames())
    func replayRecording(_ name: String) async throws {
        guard let replay = Self.replays[name] else {
            Issue.record("\(name) has no replay: add one to RecordingReplayTests.replays")
            return
        }
        try await replay(self)
    }

    /// Starts the recorded tenant (optionally with a configuration), with a token of the full client.
    func withRecordedTenant(
        configuration: EmulatorConfiguration = EmulatorConfiguration(),
        _ body: (EmulatorHarness, String) async throws -> Void
    ) async throws {
        try await EmulatorHarness.with(Self.recordedTenant(), configuration: configuration) { harness in
            let token = try await harness.token(clientID: "test-client_id", secret: "test-client_secret")
            try await body(harness, token)
        }
    }

    /// Sends the recorded request (path, query, body) and checks status and shape.
    @discardableResult
    func replay(_ name: String, on harness: EmulatorHarness, token: String, query: String? = nil) async throws
        -> EmulatorHarness.Reply
    {
        let recording = try Fixtures.recording(name)
        let path = recording.url.percentEncodedPath + ((query ?? recording.url.percentEncodedQuery).map { "?\($0)" } ?? "")
        let reply = try await harness.send(
            .init(rawValue: recording.method), path, token: token, json: recording.requestBody)
        #expect(reply.status == recording.status, "\(name): status")
        if let expected = recording.responseBody {
            #expect(JSONShape(reply.json) == JSONShape(expected), "\(name): shape \(reply.text)")
        } else {
            #expect(reply.body.isEmpty, "\(name): body should be empty, got \(reply.text)")
        }
        return reply
    }

    /// 01: a client-credentials token has the recorded fields, plus scope
    func token() async throws {
        try await EmulatorHarness.with(Self.recordedTenant()) { harness in
            let recording = try Fixtures.recording("01-token-client-credentials.json")
            let form = "audience=\(harness.emulator.audience)&client_id=test-client_id&client_secret=test-client_secret&grant_type=client_credentials"
            let reply = try await harness.send(
                .POST, "/oauth/token", rawBody: Data(form.utf8), contentType: "application/x-www-form-urlencoded")
            #expect(reply.status == recording.status)
            guard case .object(let expected) = JSONShape(recording.responseBody),
                  case .object(let actual) = JSONShape(reply.json)
            else {
                Issue.record("not an object: \(reply.text)")
                return
            }
            for (key, shape) in expected {
                #expect(actual[key] == shape, "field \(key)")
            }
            #expect(Set(actual.keys).subtracting(expected.keys) == ["scope"])
            #expect(reply.object["token_type"] as? String == "Bearer")
            #expect(reply.object["expires_in"] as? Int == 86_400)
            #expect(reply.headers["Content-Type"].first == "application/json")
        }
    }

    /// 02: offset list of organizations with totals
    func organizationsOffset() async throws {
        try await withRecordedTenant { harness, token in
            let reply = try await replay("02-organizations-list-offset.json", on: harness, token: token)
            #expect(reply.object["limit"] as? Int == 50)
            #expect(reply.object["start"] as? Int == 0)
            #expect(reply.object["total"] as? Int == 8)
            #expect(reply.headers["Content-Type"].first == "application/json; charset=utf-8")
        }
    }

    /// 03: checkpoint list of organizations stops on a short page without next
    func organizationsCheckpoint() async throws {
        try await withRecordedTenant { harness, token in
            let first = try await replay("03-organizations-list-checkpoint-page1.json", on: harness, token: token)
            var cursor = try #require(first.object["next"] as? String)
            var seen = (first.object["organizations"] as? [Any])?.count ?? 0
            var pages = 1
            while true {
                let page = try await harness.send(.GET, "/api/v2/organizations?take=2&from=\(cursor)", token: token)
                #expect(page.status == 200)
                let items = page.object["organizations"] as? [Any] ?? []
                seen += items.count
                pages += 1
                guard let next = page.object["next"] as? String else {
                    #expect(items.count < 2, "a page without next is short")
                    break
                }
                #expect(items.count == 2, "a page with next is full")
                cursor = next
            }
            #expect(seen == 8)
            #expect(pages == 5)
        }
    }

    /// 04: organization by name
    func organizationByName() async throws {
        try await withRecordedTenant { harness, token in
            let reply = try await replay("04-organization-get-by-name.json", on: harness, token: token)
            #expect(reply.object["id"] as? String == "org_xm9zGmT0GL8CaSR9")
        }
    }

    /// 05: members with fields=user_id,roles carry inline {id, name} roles
    func membersWithRoles() async throws {
        try await withRecordedTenant { harness, token in
            let reply = try await replay("05-members-list-fields-roles-offset.json", on: harness, token: token)
            let members = reply.object["members"] as? [[String: Any]] ?? []
            let roles = members.first?["roles"] as? [[String: Any]] ?? []
            #expect(roles.first?["name"] as? String == "test-role403")
        }
    }

    /// 06-08: checkpoint members: full page, short page with next, then empty page without next
    func membersCheckpoint() async throws {
        try await withRecordedTenant { harness, token in
            let page1 = try await replay("06-members-list-checkpoint-page1.json", on: harness, token: token)
            let next1 = try #require(page1.object["next"] as? String)
            let base = "include_totals=true&per_page=50&take=2"
            let page2 = try await replay(
                "07-members-list-checkpoint-page2-partial-still-has-next.json", on: harness, token: token,
                query: "from=\(next1)&\(base)")
            #expect((page2.object["members"] as? [Any])?.count == 1)
            let next2 = try #require(page2.object["next"] as? String)
            let page3 = try await replay(
                "08-members-list-checkpoint-page3-empty-no-next.json", on: harness, token: token,
                query: "from=\(next2)&\(base)")
            #expect(page3.object.keys.sorted() == ["members"])
        }
    }

    /// 09: adding members answers 204 with an empty body
    func addMembers() async throws {
        try await withRecordedTenant { harness, token in
            try await replay("09-members-add.json", on: harness, token: token)
        }
    }

    /// 10: removing members answers 204 with an empty body
    func deleteMembers() async throws {
        try await withRecordedTenant { harness, token in
            try await replay("10-members-delete.json", on: harness, token: token)
            let snapshot = await harness.emulator.snapshot()
            #expect(snapshot.organizations.first { $0.id == "org_BN3sRtvnC0AQL1NG" }?.members.isEmpty == true)
        }
    }

    /// 11: member roles, offset list with totals
    func memberRoles() async throws {
        try await withRecordedTenant { harness, token in
            let reply = try await replay("11-member-roles-list-offset.json", on: harness, token: token)
            #expect(reply.object["total"] as? Int == 1)
        }
    }

    /// 12: removing a role that does not exist is 404 No such role, without errorCode
    func deleteUnknownRole() async throws {
        try await withRecordedTenant { harness, token in
            let reply = try await replay("12-member-roles-delete-deleted-role-404.json", on: harness, token: token)
            #expect(reply.object["message"] as? String == "No such role with id: rol_AfqmW4oauAJPyWYI")
        }
    }

    /// 13: roles filtered by name
    func rolesNameFilter() async throws {
        try await withRecordedTenant { harness, token in
            let reply = try await replay("13-roles-list-name-filter.json", on: harness, token: token)
            #expect(reply.object["total"] as? Int == 1)
        }
    }

    /// 14: 429 when the bucket is empty has the recorded body
    func rateLimited() async throws {
        let configuration = EmulatorConfiguration(rateLimit: .init(requestsPerSecond: 0.001, burst: 1))
        try await withRecordedTenant(configuration: configuration) { harness, token in
            let recording = try Fixtures.recording("14-error-429-rate-limited.json")
            // The recorded endpoint (role permissions) is not emulated; the same query on /roles is.
            let path = "/api/v2/roles?include_totals=true&page=0&per_page=50"
            let first = try await harness.send(.GET, path, token: token)
            #expect(first.status == 200)
            let second = try await harness.send(.GET, path, token: token)
            #expect(second.status == recording.status)
            #expect(JSONShape(second.json) == JSONShape(recording.responseBody))
            #expect(NSDictionary(dictionary: second.object) == NSDictionary(dictionary: recording.responseBody as! [String: Any]))
        }
    }

    /// 15: 403 insufficient scope has the recorded shape
    func insufficientScope() async throws {
        try await EmulatorHarness.with(Self.recordedTenant()) { harness in
            let recording = try Fixtures.recording("15-error-403-insufficient-scope.json")
            let token = try await harness.token(clientID: "no-org-read", secret: "no-org-read-secret")
            // The recorded endpoint (client grants) is not emulated; an organizations read is.
            let reply = try await harness.send(.GET, "/api/v2/organizations/org_3hbVAMF8F3wVIcEJ", token: token)
            #expect(reply.status == recording.status)
            #expect(JSONShape(reply.json) == JSONShape(recording.responseBody))
            #expect(reply.object["message"] as? String == "Insufficient scope, expected any of: read:organizations")
            #expect(reply.object["errorCode"] as? String == "insufficient_scope")
        }
    }

    @Test("every recording in the fixtures folder has a replay")
    func everyRecordingIsReplayed() throws {
        let names = try Self.recordingNames()
        #expect(names.count == 15)
        for name in names {
            #expect(try Fixtures.recording(name).status > 0)
        }
        #expect(Set(names) == Set(Self.replays.keys), "recordings and replays name the same files")
    }
}
