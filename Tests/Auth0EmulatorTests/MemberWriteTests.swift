import Auth0Emulator
import Foundation
import Testing

@Suite("Member and member-role writes")
struct MemberWriteTests {
    static let members = "/api/v2/organizations/\(Fixtures.orgID)/members"
    static let janeRoles = "\(members)/auth0%7C64f1a2b3c4d5e6f7a8b9c0d1/roles"

    func memberIDs(_ harness: EmulatorHarness) async -> [String] {
        await harness.emulator.snapshot().organizations.first { $0.id == Fixtures.orgID }?.members.map(\.userID) ?? []
    }

    @Test("adding members appends them without roles; adding an existing member changes nothing")
    func addMembers() async throws {
        try await EmulatorHarness.with { harness in
            let token = try await harness.token()
            let reply = try await harness.send(.POST, Self.members, token: token,
                                               json: ["members": [Fixtures.outsider, Fixtures.jane]])
            #expect(reply.status == 204)
            #expect(reply.body.isEmpty)
            #expect(await memberIDs(harness) == [Fixtures.jane, Fixtures.ravi, Fixtures.outsider])
            let snapshot = await harness.emulator.snapshot()
            let org = try #require(snapshot.organizations.first { $0.id == Fixtures.orgID })
            #expect(org.members.first { $0.userID == Fixtures.jane }?.roles == ["rol_admin01", "rol_billing01"])
            #expect(org.members.first { $0.userID == Fixtures.outsider }?.roles == [])
        }
    }

    @Test("removing a member also removes that member's roles in that organization")
    func removeMemberDropsRoles() async throws {
        try await EmulatorHarness.with { harness in
            let token = try await harness.token()
            let removed = try await harness.send(.DELETE, Self.members, token: token, json: ["members": [Fixtures.jane]])
            #expect(removed.status == 204)
            #expect(await memberIDs(harness) == [Fixtures.ravi])
            let added = try await harness.send(.POST, Self.members, token: token, json: ["members": [Fixtures.jane]])
            #expect(added.status == 204)
            let roles = try await harness.send(.GET, Self.janeRoles, token: token)
            #expect((roles.json as? [Any])?.isEmpty == true, "a re-added member starts without roles")
        }
    }

    @Test("removing a user who is not a member is a no-op answered 204")
    func removeNonMember() async throws {
        try await EmulatorHarness.with { harness in
            let token = try await harness.token()
            let reply = try await harness.send(.DELETE, Self.members, token: token, json: ["members": [Fixtures.outsider]])
            #expect(reply.status == 204)
            #expect(await harness.emulator.snapshot() == Fixtures.tenant())
        }
    }

    @Test("member roles can be listed, added and removed")
    func memberRoles() async throws {
        try await EmulatorHarness.with { harness in
            let token = try await harness.token()
            let before = try await harness.send(.GET, "\(Self.janeRoles)?include_totals=true", token: token)
            #expect(before.object["total"] as? Int == 2)
            let roles = before.object["roles"] as? [[String: Any]] ?? []
            #expect(roles.first?["description"] as? String == "Organization admin")
            let added = try await harness.send(.POST, Self.janeRoles, token: token, json: ["roles": ["rol_viewer01", "rol_admin01"]])
            #expect(added.status == 204)
            let removed = try await harness.send(.DELETE, Self.janeRoles, token: token, json: ["roles": ["rol_admin01"]])
            #expect(removed.status == 204)
            #expect(removed.body.isEmpty)
            let after = try await harness.send(.GET, Self.janeRoles, token: token)
            #expect(after.array.map { $0["id"] as? String } == ["rol_billing01", "rol_viewer01"])
            let inline = try await harness.send(.GET, "\(Self.members)?fields=user_id,roles", token: token)
            let jane = inline.array.first { $0["user_id"] as? String == Fixtures.jane }
            #expect((jane?["roles"] as? [[String: Any]])?.map { $0["name"] as? String } == ["billing", "viewer"])
        }
    }

    @Test("removing a role the member does not hold is a no-op answered 204")
    func removeUnheldRole() async throws {
        try await EmulatorHarness.with { harness in
            let token = try await harness.token()
            let reply = try await harness.send(.DELETE, Self.janeRoles, token: token, json: ["roles": ["rol_viewer01"]])
            #expect(reply.status == 204)
            #expect(await harness.emulator.snapshot() == Fixtures.tenant())
        }
    }

    @Test("organizations are read by id and by name")
    func organizationReads() async throws {
        try await EmulatorHarness.with { harness in
            let token = try await harness.token()
            let byID = try await harness.send(.GET, "/api/v2/organizations/\(Fixtures.orgID)", token: token)
            #expect(NSDictionary(dictionary: byID.object)
                == NSDictionary(dictionary: ["id": Fixtures.orgID, "name": "acme", "display_name": "Acme"]))
            let byName = try await harness.send(.GET, "/api/v2/organizations/name/acme", token: token)
            #expect(NSDictionary(dictionary: byName.object) == NSDictionary(dictionary: byID.object))
        }
    }

    @Test("the request log records method, path and status of each request")
    func requestLog() async throws {
        try await EmulatorHarness.with { harness in
            let token = try await harness.token()
            _ = try await harness.send(.GET, "\(Self.members)?take=1", token: token)
            _ = try await harness.send(.GET, "/api/v2/organizations/org_nope", token: token)
            let log = await harness.emulator.requestLog()
            #expect(log == [
                RequestLogEntry(method: "POST", path: "/oauth/token", status: 200),
                RequestLogEntry(method: "GET", path: Self.members, status: 200),
                RequestLogEntry(method: "GET", path: "/api/v2/organizations/org_nope", status: 404),
            ])
            await harness.emulator.clearRequestLog()
            #expect(await harness.emulator.requestLog().isEmpty)
        }
    }

    @Test("with a consistency delay, member lists show the state before a write")
    func eventualConsistency() async throws {
        let configuration = EmulatorConfiguration(consistencyDelay: .seconds(600))
        try await EmulatorHarness.with(configuration: configuration) { harness in
            let token = try await harness.token()
            let removed = try await harness.send(.DELETE, Self.members, token: token, json: ["members": [Fixtures.jane]])
            #expect(removed.status == 204)
            let list = try await harness.send(.GET, Self.members, token: token)
            #expect(list.array.map { $0["user_id"] as? String } == [Fixtures.jane, Fixtures.ravi], "still the old list")
            #expect(await memberIDs(harness) == [Fixtures.ravi], "the write itself is applied")
        }
    }

    @Test("without a consistency delay, a write shows at once")
    func immediateConsistency() async throws {
        try await EmulatorHarness.with { harness in
            let token = try await harness.token()
            _ = try await harness.send(.DELETE, Self.members, token: token, json: ["members": [Fixtures.jane]])
            let list = try await harness.send(.GET, Self.members, token: token)
            #expect(list.array.map { $0["user_id"] as? String } == [Fixtures.ravi])
        }
    }

    @Test("with a consistency delay, several pending writes are all undone for readers, roles and order included")
    func eventualConsistencyAcrossWrites() async throws {
        let configuration = EmulatorConfiguration(consistencyDelay: .seconds(600))
        try await EmulatorHarness.with(configuration: configuration) { harness in
            let token = try await harness.token()
            let fields = "\(Self.members)?fields=user_id,roles"
            let before = try await harness.send(.GET, fields, token: token)
            let raviRoles = "\(Self.members)/auth0%7C64f1a2b3c4d5e6f7a8b9c0d2/roles"
            #expect(try await harness.send(.DELETE, Self.members, token: token, json: ["members": [Fixtures.jane]]).status == 204)
            #expect(try await harness.send(.POST, Self.members, token: token, json: ["members": [Fixtures.outsider, Fixtures.jane]]).status == 204)
            #expect(try await harness.send(.POST, raviRoles, token: token, json: ["roles": ["rol_admin01"]]).status == 204)
            #expect(try await harness.send(.DELETE, raviRoles, token: token, json: ["roles": ["rol_viewer01"]]).status == 204)
            let after = try await harness.send(.GET, fields, token: token)
            #expect(after.text == before.text, "readers still see the state before the first pending write")
            let roles = try await harness.send(.GET, raviRoles, token: token)
            #expect(roles.array.map { $0["id"] as? String } == ["rol_viewer01"])
            #expect(await memberIDs(harness) == [Fixtures.ravi, Fixtures.outsider, Fixtures.jane], "the writes are applied")
        }
    }

    @Test("more than the maximum number of ids in one body is refused with Auth0's message")
    func tooManyIDs() async throws {
        try await EmulatorHarness.with { harness in
            let token = try await harness.token()
            let ids = (0 ... 1_000).map { "auth0|\($0)" }
            let reply = try await harness.send(.DELETE, Self.members, token: token, json: ["members": ids])
            #expect(reply.status == 400)
            #expect(reply.object["message"] as? String
                == "Payload validation error: 'Array is too long (1001), maximum 1000' on property members.")
            #expect(reply.object["errorCode"] as? String == "invalid_body")
            #expect(await memberIDs(harness) == [Fixtures.jane, Fixtures.ravi], "nothing changed")
        }
    }

    @Test("a hostile body of tens of thousands of ids under the size limit is refused, not processed")
    func hostileBody() async throws {
        try await EmulatorHarness.with { harness in
            let token = try await harness.token()
            var body = #"{"members":["#
            var count = 0
            while body.utf8.count < 500_000 {
                body += (count == 0 ? "" : ",") + "\"\(String(count, radix: 36))\""
                count += 1
            }
            body += "]}"
            #expect(count > 60_000 && body.utf8.count <= 512_000)
            let reply = try await harness.send(.POST, Self.members, token: token, rawBody: Data(body.utf8))
            #expect(reply.status == 400)
            #expect(reply.object["message"] as? String
                == "Payload validation error: 'Array is too long (\(count)), maximum 1000' on property members.")
        }
    }

    @Test("exactly the maximum number of ids is accepted")
    func maximumIDs() async throws {
        try await EmulatorHarness.with(Fixtures.tenant(extraMembers: 1_000)) { harness in
            let token = try await harness.token()
            let ids = (0 ..< 1_000).map { String(format: "auth0|bulk%06d", $0) }
            let reply = try await harness.send(.DELETE, Self.members, token: token, json: ["members": ids])
            #expect(reply.status == 204)
            #expect(await memberIDs(harness) == [Fixtures.jane, Fixtures.ravi])
        }
    }


    @Test("per-endpoint counters count by method, route template and status")
    func requestCounts() async throws {
        try await EmulatorHarness.with { harness in
            let token = try await harness.token()
            _ = try await harness.send(.GET, Self.members, token: token)
            _ = try await harness.send(.GET, "/api/v2/organizations/\(Fixtures.emptyOrgID)/members", token: token)
            _ = try await harness.send(.GET, "/api/v2/organizations/org_nope/members", token: token)
            _ = try await harness.send(.GET, "/nope/1")
            _ = try await harness.send(.GET, "/nope/2")
            #expect(await harness.emulator.requestCounts() == [
                RequestCount(method: "GET", route: "/api/v2/organizations/{id}/members", status: 200, count: 2),
                RequestCount(method: "GET", route: "/api/v2/organizations/{id}/members", status: 404, count: 1),
                RequestCount(method: "POST", route: "/oauth/token", status: 200, count: 1),
                RequestCount(method: "GET", route: "NotFound", status: 404, count: 2),
            ].sorted { ($0.route, $0.method, $0.status ?? -1) < ($1.route, $1.method, $1.status ?? -1) })
        }
    }

    @Test("without keepsRequestLog only the counters are kept")
    func countersOnly() async throws {
        try await EmulatorHarness.with(configuration: EmulatorConfiguration(keepsRequestLog: false)) { harness in
            let token = try await harness.token()
            _ = try await harness.send(.GET, "/api/v2/roles", token: token)
            #expect(await harness.emulator.requestLog().isEmpty)
            #expect(await harness.emulator.requestCounts().map(\.count).reduce(0, +) == 2)
        }
    }

}
