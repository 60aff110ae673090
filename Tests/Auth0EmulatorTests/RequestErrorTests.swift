import AsyncHTTPClient
import Auth0Emulator
import Foundation
import NIOCore
import NIOHTTP1
import Testing

/// 400, 404 and 413 answers, each checked for status and the whole body.
@Suite("Request errors")
struct RequestErrorTests {
    static let membersPath = "/api/v2/organizations/\(Fixtures.orgID)/members"
    static let rolesPath = "/api/v2/organizations/\(Fixtures.orgID)/members/auth0%7C64f1a2b3c4d5e6f7a8b9c0d1/roles"

    func expectBody(_ reply: EmulatorHarness.Reply, _ status: Int, _ error: String, _ message: String, _ code: String?) {
        var expected: [String: Any] = ["statusCode": status, "error": error, "message": message]
        if let code { expected["errorCode"] = code }
        #expect(reply.status == status)
        #expect(NSDictionary(dictionary: reply.object) == NSDictionary(dictionary: expected), "\(reply.text)")
    }

    static let badBodies: [(String, String)] = [
        ("not json", "Invalid request payload JSON format"),
        ("", "Invalid request payload JSON format"),
        ("[]", "Payload validation error: 'Expected type object but found type array'."),
        ("{}", "Payload validation error: 'Missing required property: members'."),
        (#"{"members":"auth0|1"}"#, "Payload validation error: 'Expected type array but found type string' on property members."),
        (#"{"members":[]}"#, "Payload validation error: 'Array is too short (0), minimum 1' on property members."),
        (#"{"members":[42]}"#, "Payload validation error: 'Expected type string but found type integer' on property members[0]."),
        (#"{"members":["auth0|64f1a2b3c4d5e6f7a8b9c0d2", null]}"#, "Payload validation error: 'Expected type string but found type null' on property members[1]."),
        (#"{"members":[""]}"#, "Payload validation error: 'String is too short (0 chars), minimum 1' on property members[0]."),
        (#"{"members":["x"],"extra":1}"#, "Payload validation error: 'Additional properties not allowed: extra'."),
    ]

    @Test("malformed member write bodies get 400 invalid_body", arguments: 0 ..< badBodies.count)
    func invalidMemberBody(_ index: Int) async throws {
        let (body, message) = Self.badBodies[index]
        try await EmulatorHarness.with { harness in
            let token = try await harness.token()
            for method in [HTTPMethod.POST, .DELETE] {
                let reply = try await harness.send(method, Self.membersPath, token: token, rawBody: Data(body.utf8))
                expectBody(reply, 400, "Bad Request", message, "invalid_body")
            }
            #expect(await harness.emulator.snapshot() == Fixtures.tenant(), "nothing changed")
        }
    }

    @Test("malformed member-role write bodies get 400 invalid_body")
    func invalidRoleBody() async throws {
        try await EmulatorHarness.with { harness in
            let token = try await harness.token()
            let cases: [(String, String)] = [
                (#"{"roles":[]}"#, "Payload validation error: 'Array is too short (0), minimum 1' on property roles."),
                (#"{"members":["rol_admin01"]}"#, "Payload validation error: 'Additional properties not allowed: members'."),
                (#"{"roles":[true]}"#, "Payload validation error: 'Expected type string but found type boolean' on property roles[0]."),
                (#"{"roles":{}}"#, "Payload validation error: 'Expected type array but found type object' on property roles."),
            ]
            for (body, message) in cases {
                for method in [HTTPMethod.POST, .DELETE] {
                    let reply = try await harness.send(method, Self.rolesPath, token: token, rawBody: Data(body.utf8))
                    expectBody(reply, 400, "Bad Request", message, "invalid_body")
                }
            }
        }
    }

    static let badQueries: [(String, String)] = [
        ("page=abc", "Query validation error: 'Expected type integer but found type string' on property page."),
        ("page=-1", "Query validation error: 'Value -1 is less than minimum 0' on property page."),
        ("per_page=0", "Query validation error: 'Value 0 is less than minimum 1' on property per_page (Number of results per page. Defaults to 50)"),
        ("per_page=101", "Query validation error: 'Value 101 is greater than maximum 100' on property per_page (Number of results per page. Defaults to 50)"),
        ("per_page=1000", "Query validation error: 'Value 1000 is greater than maximum 100' on property per_page (Number of results per page. Defaults to 50)"),
        ("per_page=1.5", "Query validation error: 'Expected type integer but found type number' on property per_page (Number of results per page. Defaults to 50)"),
        ("take=101", "Query validation error: 'Value 101 is greater than maximum 100' on property take (Number of results per page. Defaults to 50)"),
        ("take=0", "Query validation error: 'Value 0 is less than minimum 1' on property take (Number of results per page. Defaults to 50)"),
        ("include_totals=yes", "Query validation error: 'Expected type boolean but found type string' on property include_totals."),
        ("include_fields=1&fields=user_id", "Query validation error: 'Expected type boolean but found type string' on property include_fields."),
        ("from=bm90LWEtY3Vyc29y", "Query validation error: 'Invalid checkpoint \"bm90LWEtY3Vyc29y\"' on property from."),
    ]

    @Test("bad paging values get 400 invalid_query_string", arguments: 0 ..< badQueries.count)
    func invalidQuery(_ index: Int) async throws {
        let (query, message) = Self.badQueries[index]
        try await EmulatorHarness.with { harness in
            let token = try await harness.token()
            let reply = try await harness.send(.GET, "\(Self.membersPath)?\(query)", token: token)
            expectBody(reply, 400, "Bad Request", message, "invalid_query_string")
        }
    }

    @Test("users-by-email without email gets 400 invalid_query_string")
    func missingEmail() async throws {
        try await EmulatorHarness.with { harness in
            let token = try await harness.token()
            let reply = try await harness.send(.GET, "/api/v2/users-by-email", token: token)
            expectBody(reply, 400, "Bad Request", "Query validation error: 'Missing required property: email'.",
                       "invalid_query_string")
        }
    }

    @Test("offset paging past 1,000 records gets 400 invalid_paging", arguments: [
        ("page=10&per_page=100", 10), ("page=20", 20), ("page=2&per_page=100&include_totals=true", nil),
    ] as [(String, Int?)])
    func pagingLimit(_ query: String, _ page: Int?) async throws {
        try await EmulatorHarness.with { harness in
            let token = try await harness.token()
            for path in [Self.membersPath, "/api/v2/organizations", "/api/v2/roles", Self.rolesPath] {
                let reply = try await harness.send(.GET, "\(path)?\(query)", token: token)
                if let page {
                    expectBody(reply, 400, "Bad Request",
                               "Requesting page \(page) exceeds the allowed maximum of 1000 records. "
                                   + "To fetch results beyond 1000, use the checkpoint pagination method.",
                               "invalid_paging")
                } else {
                    #expect(reply.status == 200, "a page inside the first 1,000 records is fine")
                }
            }
        }
    }

    @Test("unknown organizations, users, members and roles get 404")
    func notFound() async throws {
        try await EmulatorHarness.with { harness in
            let token = try await harness.token()
            let org = "No organization found by that id or name"
            let cases: [(HTTPMethod, String, String?, String)] = [
                (.GET, "/api/v2/organizations/org_nope", nil, org),
                (.GET, "/api/v2/organizations/name/nope", nil, org),
                (.GET, "/api/v2/organizations/org_nope/members", nil, org),
                (.POST, "/api/v2/organizations/org_nope/members", #"{"members":["auth0|outsider"]}"#, org),
                (.DELETE, "/api/v2/organizations/org_nope/members", #"{"members":["auth0|outsider"]}"#, org),
                (.GET, "/api/v2/organizations/org_nope/members/auth0%7Coutsider/roles", nil, org),
                (.POST, Self.membersPath, #"{"members":["auth0|ghost"]}"#, "No such user with id: auth0|ghost"),
                (.DELETE, Self.membersPath, #"{"members":["auth0|ghost"]}"#, "No such user with id: auth0|ghost"),
                (.GET, "\(Self.membersPath)/auth0%7Cghost/roles", nil, "No such user with id: auth0|ghost"),
                (.GET, "\(Self.membersPath)/auth0%7Coutsider/roles", nil,
                 "The user auth0|outsider is not a member of the organization"),
                (.POST, "\(Self.membersPath)/auth0%7Coutsider/roles", #"{"roles":["rol_admin01"]}"#,
                 "The user auth0|outsider is not a member of the organization"),
                (.POST, Self.rolesPath, #"{"roles":["rol_nope"]}"#, "No such role with id: rol_nope"),
                (.DELETE, Self.rolesPath, #"{"roles":["rol_nope"]}"#, "No such role with id: rol_nope"),
            ]
            for (method, path, body, message) in cases {
                let reply = try await harness.send(method, path, token: token, rawBody: body.map { Data($0.utf8) })
                expectBody(reply, 404, "Not Found", message, nil)
            }
            #expect(await harness.emulator.snapshot() == Fixtures.tenant(), "nothing changed")
        }
    }

    @Test("unknown routes get 404 in Auth0's error shape", arguments: [
        "/api/v2/nope", "/api/v2/organizations/org_1/invitations", "/nope", "/api/v2/",
    ])
    func unknownRoute(_ path: String) async throws {
        try await EmulatorHarness.with { harness in
            let token = try await harness.token()
            let reply = try await harness.send(.GET, path, token: token)
            expectBody(reply, 404, "Not Found", "Not Found", nil)
        }
    }

    @Test("a body over 512,000 bytes gets 413")
    func tooLarge() async throws {
        try await EmulatorHarness.with { harness in
            let token = try await harness.token()
            let ids = (0 ..< 30_000).map { "\"auth0|\(String(format: "%010d", $0))\"" }.joined(separator: ",")
            let body = Data("{\"members\":[\(ids)]}".utf8)
            #expect(body.count > 512_000)
            let reply = try await harness.send(.DELETE, Self.membersPath, token: token, rawBody: body)
            expectBody(reply, 413, "Request Entity Too Large",
                       "Payload content length greater than maximum allowed: 512000", nil)
        }
    }

    /// A members body for jane padded with spaces to exactly `size` bytes.
    static func paddedBody(size: Int) -> Data {
        let core = "{\"members\":[\"\(Fixtures.jane)\"]"
        return Data((core + String(repeating: " ", count: size - core.utf8.count - 1) + "}").utf8)
    }

    @Test("a body of exactly 512,000 bytes is accepted and one of 512,001 gets 413")
    func sizeBoundary() async throws {
        try await EmulatorHarness.with { harness in
            let token = try await harness.token()
            let largest = Self.paddedBody(size: 512_000)
            #expect(largest.count == 512_000)
            let accepted = try await harness.send(.DELETE, Self.membersPath, token: token, rawBody: largest)
            #expect(accepted.status == 204, "\(accepted.text)")
            let tooLarge = Self.paddedBody(size: 512_001)
            #expect(tooLarge.count == 512_001)
            let refused = try await harness.send(.DELETE, Self.membersPath, token: token, rawBody: tooLarge)
            expectBody(refused, 413, "Request Entity Too Large",
                       "Payload content length greater than maximum allowed: 512000", nil)
        }
    }

    @Test("a chunked body without Content-Length over 512,000 bytes gets 413")
    func chunkedTooLarge() async throws {
        try await EmulatorHarness.with { harness in
            let token = try await harness.token()
            let body = Self.paddedBody(size: 600_000)
            var request = HTTPClientRequest(url: harness.emulator.baseURL.absoluteString + Self.membersPath)
            request.method = .DELETE
            request.headers.add(name: "Authorization", value: "Bearer \(token)")
            request.headers.add(name: "Content-Type", value: "application/json")
            let chunks = AsyncStream<ByteBuffer> { continuation in
                for start in stride(from: 0, to: body.count, by: 65_536) {
                    continuation.yield(ByteBuffer(bytes: body[start ..< min(body.count, start + 65_536)]))
                }
                continuation.finish()
            }
            // Unknown length: the client sends Transfer-Encoding: chunked and no Content-Length.
            request.body = .stream(chunks, length: .unknown)
            let response = try await harness.client.execute(request, timeout: .seconds(30))
            let data = Data(try await response.body.collect(upTo: 1 << 20).readableBytesView)
            let reply = EmulatorHarness.Reply(status: Int(response.status.code), headers: response.headers, body: data)
            expectBody(reply, 413, "Request Entity Too Large",
                       "Payload content length greater than maximum allowed: 512000", nil)
            #expect(await harness.emulator.snapshot() == Fixtures.tenant(), "nothing changed")
        }
    }

    @Test("a token request over 512,000 bytes gets 413 in the OAuth error shape")
    func tokenTooLarge() async throws {
        try await EmulatorHarness.with { harness in
            let body = Data(("grant_type=client_credentials&pad=" + String(repeating: "a", count: 512_000)).utf8)
            let reply = try await harness.send(.POST, "/oauth/token", rawBody: body,
                                               contentType: "application/x-www-form-urlencoded")
            #expect(reply.status == 413)
            #expect(NSDictionary(dictionary: reply.object) == NSDictionary(dictionary: [
                "error": "invalid_request",
                "error_description": "Payload content length greater than maximum allowed: 512000",
            ]), "\(reply.text)")
        }
    }

}
