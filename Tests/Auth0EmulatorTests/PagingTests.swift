import Auth0Emulator
import Foundation
import Testing

/// Offset and checkpoint paging over organizations of many sizes.
@Suite("Paging")
struct PagingTests {
    static let sizes = [0, 1, 99, 100, 101, 5_000]
    static let path = "/api/v2/organizations/org_paged/members"

    static func expectedIDs(_ count: Int) -> [String] {
        (0 ..< count).map { String(format: "auth0|m%06d", $0) }
    }

    @Test("offset paging returns every member up to the 1,000-record limit", arguments: sizes)
    func offset(_ count: Int) async throws {
        try await EmulatorHarness.with(Fixtures.tenant(memberCount: count)) { harness in
            let token = try await harness.token()
            var ids: [String] = []
            var page = 0
            while true {
                let reply = try await harness.send(
                    .GET, "\(Self.path)?page=\(page)&per_page=100&include_totals=true", token: token)
                if page * 100 >= 1_000 {
                    #expect(reply.status == 400)
                    #expect(reply.object["errorCode"] as? String == "invalid_paging")
                    break
                }
                #expect(reply.status == 200)
                #expect(reply.object["total"] as? Int == count)
                #expect(reply.object["start"] as? Int == page * 100)
                #expect(reply.object["limit"] as? Int == 100)
                let members = reply.object["members"] as? [[String: Any]] ?? []
                ids += members.compactMap { $0["user_id"] as? String }
                if members.count < 100 { break }
                page += 1
            }
            #expect(ids == Array(Self.expectedIDs(count).prefix(1_000)))
        }
    }

    @Test("without include_totals an offset page is a bare array", arguments: sizes)
    func offsetBareArray(_ count: Int) async throws {
        try await EmulatorHarness.with(Fixtures.tenant(memberCount: count)) { harness in
            let token = try await harness.token()
            let reply = try await harness.send(.GET, "\(Self.path)?per_page=100&page=0", token: token)
            #expect(reply.status == 200)
            let array = try #require(reply.json as? [Any])
            #expect(array.count == min(count, 100))
            let defaulted = try await harness.send(.GET, Self.path, token: token)
            #expect((defaulted.json as? [Any])?.count == min(count, 50), "per_page defaults to 50")
        }
    }

    @Test("checkpoint paging returns next on a short last page, then an empty page", arguments: sizes)
    func checkpoint(_ count: Int) async throws {
        try await EmulatorHarness.with(Fixtures.tenant(memberCount: count)) { harness in
            let token = try await harness.token()
            var ids: [String] = []
            var cursor: String?
            var requests = 0
            var lastNonEmptyHadNext = true
            while true {
                let query = "take=100" + (cursor.map { "&from=\($0)" } ?? "")
                let reply = try await harness.send(.GET, "\(Self.path)?\(query)", token: token)
                requests += 1
                #expect(reply.status == 200)
                #expect(reply.object["total"] == nil && reply.object["start"] == nil)
                let members = reply.object["members"] as? [[String: Any]] ?? []
                ids += members.compactMap { $0["user_id"] as? String }
                guard let next = reply.object["next"] as? String else {
                    #expect(members.isEmpty, "only an empty page comes without next")
                    #expect(reply.object.keys.sorted() == ["members"])
                    break
                }
                lastNonEmptyHadNext = !members.isEmpty
                cursor = next
                if requests > 60 { break }
            }
            #expect(lastNonEmptyHadNext)
            #expect(ids == Self.expectedIDs(count))
            let fullOrShortPages = (count + 99) / 100
            #expect(requests == fullOrShortPages + 1, "every non-empty page, then one empty page")
        }
    }

    @Test("checkpoint paging skips nobody when members are removed between pages")
    func checkpointStableUnderRemoval() async throws {
        try await EmulatorHarness.with(Fixtures.tenant(memberCount: 10)) { harness in
            let token = try await harness.token()
            let first = try await harness.send(.GET, "\(Self.path)?take=4", token: token)
            let cursor = try #require(first.object["next"] as? String)
            let removed = try await harness.send(
                .DELETE, Self.path, token: token, json: ["members": ["auth0|m000001", "auth0|m000003"]])
            #expect(removed.status == 204)
            let second = try await harness.send(.GET, "\(Self.path)?take=4&from=\(cursor)", token: token)
            let ids = (second.object["members"] as? [[String: Any]] ?? []).compactMap { $0["user_id"] as? String }
            #expect(ids == ["auth0|m000004", "auth0|m000005", "auth0|m000006", "auth0|m000007"])
        }
    }

    @Test("checkpoint parameters win over offset parameters, as in the recordings")
    func checkpointIgnoresOffset() async throws {
        try await EmulatorHarness.with(Fixtures.tenant(memberCount: 5)) { harness in
            let token = try await harness.token()
            let reply = try await harness.send(
                .GET, "\(Self.path)?include_totals=true&per_page=50&page=3&take=2", token: token)
            #expect(reply.status == 200)
            #expect(Set(reply.object.keys) == ["members", "next"])
            #expect((reply.object["members"] as? [Any])?.count == 2)
        }
    }

    @Test("fields and include_fields pick the keys of each member")
    func fields() async throws {
        try await EmulatorHarness.with { harness in
            let token = try await harness.token()
            let base = "/api/v2/organizations/\(Fixtures.orgID)/members"
            let all = try await harness.send(.GET, base, token: token)
            #expect(Set(all.array.first?.keys.map { $0 } ?? []) == ["user_id", "email", "name"])
            let picked = try await harness.send(.GET, "\(base)?fields=user_id,email,name,roles", token: token)
            let jane = try #require(picked.array.first)
            #expect(Set(jane.keys) == ["user_id", "email", "name", "roles"])
            let roles = jane["roles"] as? [[String: Any]] ?? []
            #expect(roles.map { $0["id"] as? String } == ["rol_admin01", "rol_billing01"])
            #expect(roles.map { Set($0.keys) } == [["id", "name"], ["id", "name"]])
            let excluded = try await harness.send(.GET, "\(base)?fields=email,name&include_fields=false", token: token)
            #expect(Set(excluded.array.first?.keys.map { $0 } ?? []) == ["user_id"])
        }
    }

    @Test("organizations page by offset and by checkpoint")
    func organizations() async throws {
        try await EmulatorHarness.with { harness in
            let token = try await harness.token()
            let offset = try await harness.send(.GET, "/api/v2/organizations?per_page=1&page=1&include_totals=true", token: token)
            #expect(offset.object["total"] as? Int == 2)
            #expect((offset.object["organizations"] as? [[String: Any]])?.first?["id"] as? String == Fixtures.emptyOrgID)
            let full = try await harness.send(.GET, "/api/v2/organizations?take=2", token: token)
            let next = try #require(full.object["next"] as? String, "a full page has next")
            let end = try await harness.send(.GET, "/api/v2/organizations?take=2&from=\(next)", token: token)
            #expect(end.object.keys.sorted() == ["organizations"])
            #expect((end.object["organizations"] as? [Any])?.isEmpty == true)
        }
    }

    @Test("roles filter by name substring, ignoring case")
    func rolesFilter() async throws {
        try await EmulatorHarness.with { harness in
            let token = try await harness.token()
            let reply = try await harness.send(.GET, "/api/v2/roles?name_filter=I&include_totals=true", token: token)
            let names = (reply.object["roles"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
            #expect(names == ["admin", "billing", "viewer"])
            let one = try await harness.send(.GET, "/api/v2/roles?name_filter=bill", token: token)
            #expect(one.array.map { $0["id"] as? String } == ["rol_billing01"])
        }
    }

    @Test("users-by-email matches the email exactly, case included, and returns a bare array")
    func usersByEmail() async throws {
        try await EmulatorHarness.with { harness in
            let token = try await harness.token()
            let reply = try await harness.send(.GET, "/api/v2/users-by-email?email=Outsider%40Example.com", token: token)
            #expect(reply.status == 200)
            #expect(reply.array.map { $0["user_id"] as? String } == [Fixtures.outsider])
            let otherCase = try await harness.send(.GET, "/api/v2/users-by-email?email=outsider%40example.com", token: token)
            #expect(otherCase.status == 200)
            #expect((otherCase.json as? [Any])?.isEmpty == true, "Auth0 matches the email case-sensitively")
            let none = try await harness.send(.GET, "/api/v2/users-by-email?email=nobody@example.com", token: token)
            #expect((none.json as? [Any])?.isEmpty == true)
        }
    }
}
