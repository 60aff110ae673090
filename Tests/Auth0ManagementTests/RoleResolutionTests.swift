import Auth0Management
import Foundation
import RosterCore
import Testing

@Suite("Resolving roles by name and id")
struct RoleResolutionTests {
    static let location = RosterCore.SourceLocation(file: "teams/acme.yaml", line: 7, column: 5)

    @Test("role ids alone make Roster list the roles, and a mistyped id is an error at its file location")
    func idsChecked() async throws {
        let snapshot = TestTenant.snapshot(organizations: 1, memberCount: { _ in 1 })
        let member = MemberSpec(principal: .userID(TestTenant.userID(0)), roles: [.id("rol_admin01"), .id("rol_admni01")],
                                location: Self.location)
        try await ClientHarness.with(snapshot) { harness in
            let state = try await harness.client().readCurrentState(
                of: TestTenant.desired(organizations: ["org-000"], members: [member]), progress: nil)
            #expect(state.diagnostics.map(\.message) == ["unknown role id \"rol_admni01\": 127.0.0.1 has no role with this id"])
            #expect(state.diagnostics.map(\.location) == [Self.location])
            #expect(await harness.apiRequests().filter { $0.path == "/api/v2/roles" }.count == 1)
        }
    }

    /// A tenant of 1,500 roles `rol_00000`... whose offset pages stop at the 1,000th record,
    /// with 150 roles whose names contain "needle", one named exactly that on the second page
    /// of the `name_filter` results, and `GET /roles/{id}` for the roles past the limit.
    static let handler: StubServer.Handler = { request in
        if request.path == "/oauth/token" { return .json(HostileAnswerTests.token) }
        if request.path.hasPrefix("/api/v2/organizations/name/") { return .json(#"{"id":"org_1","name":"org-000"}"#) }
        if request.path == "/api/v2/organizations/org_1/members" { return .json(#"{"members":[]}"#) }
        let page = Int(request.query["page"] ?? "0") ?? 0
        let perPage = Int(request.query["per_page"] ?? "50") ?? 50
        func body(_ roles: [(String, String)], total: Int) -> StubServer.Answer {
            let items = roles.map { #"{"id":"\#($0.0)","name":"\#($0.1)"}"# }.joined(separator: ",")
            return .json(#"{"roles":[\#(items)],"start":\#(page * perPage),"limit":\#(perPage),"total":\#(total)}"#)
        }
        if request.path == "/api/v2/roles", let filter = request.query["name_filter"] {
            let all = (0 ..< 150).map { ("rol_n\($0)", $0 == 120 ? filter : "\(filter)-\($0)") }
            return body(Array(all.dropFirst(page * perPage).prefix(perPage)), total: all.count)
        }
        if request.path == "/api/v2/roles" {
            guard (page + 1) * perPage <= 1_000 else {
                return .json(#"{"statusCode":400,"error":"Bad Request","message":"offset too large"}"#, status: 400)
            }
            let roles = (page * perPage ..< (page + 1) * perPage).map { (String(format: "rol_%05d", $0), "role-\($0)") }
            return body(roles, total: 1_500)
        }
        if request.path == "/api/v2/roles/rol_01400" { return .json(#"{"id":"rol_01400","name":"role-1400"}"#) }
        return .json(#"{"statusCode":404,"error":"Not Found","message":"The role does not exist.","errorCode":"inexistent_role"}"#,
                     status: 404)
    }

    @Test("past Auth0's 1,000-record limit, name_filter is paged through and ids are checked one by one")
    func pastTheOffsetLimit() async throws {
        let member = MemberSpec(
            principal: .userID("auth0|x"),
            roles: [.name("needle"), .id("rol_00005"), .id("rol_01400"), .id("rol_typo")], location: Self.location)
        try await StubServer.with(Self.handler) { stub, baseURL in
            let client = ManagementAPIClient(
                configuration: try ManagementAPIConfiguration(domain: baseURL, retry: ClientHarness.fastRetry),
                credentials: .clientCredentials(clientID: TestTenant.clientID, clientSecret: Secret(TestTenant.secret)),
                logger: CapturedLogs().logger())
            let state = try await client.readCurrentState(
                of: TestTenant.desired(organizations: ["org-000"], members: [member]), progress: nil)
            #expect(state.resolution.roleIDsByName == ["needle": "rol_n120"], "found on the second name_filter page")
            #expect(state.diagnostics.map(\.message) == ["unknown role id \"rol_typo\": 127.0.0.1 has no role with this id"])
            #expect(state.diagnostics.map(\.location) == [Self.location])
            let roleRequests = stub.requests.filter { $0.path.hasPrefix("/api/v2/roles") }
            #expect(roleRequests.filter { $0.path == "/api/v2/roles" && $0.query["name_filter"] == nil }.count == 10)
            #expect(roleRequests.filter { $0.query["name_filter"] == "needle" }.count == 2)
            #expect(roleRequests.filter { $0.path.hasPrefix("/api/v2/roles/") }.map(\.path).sorted()
                == ["/api/v2/roles/rol_01400", "/api/v2/roles/rol_typo"], "ids within the first 1,000 need no call")
        }
    }
}
