@testable import Auth0Management
import Foundation
import RosterCore
import Synchronization
import Testing

/// Failures between Roster and the tenant that are not an answer: a request header the HTTP
/// client refuses, an HTTP/2 stream reset, an answer cut off partway; and a role found by id.
@Suite("Connection failures and secrets")
struct ConnectionRobustnessTests {
    static let desired = TestTenant.desired(organizations: ["org-000"])

    static func stubTenant(_ request: StubServer.Request) -> StubServer.Answer {
        if request.path == "/oauth/token" {
            return .json(#"{"access_token":"tok","token_type":"Bearer","expires_in":86400}"#)
        }
        if request.path.hasPrefix("/api/v2/organizations/name/") { return .json(#"{"id":"org_1","name":"org-000"}"#) }
        return .json(#"{"members":[]}"#)
    }

    static let wrappedToken = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0\n.TOKEN-SECRET-PART-42"

    @Test("a token pasted with a line break inside is refused when read, without showing it")
    func wrappedTokenRefused() {
        #expect {
            try Credentials.fromEnvironment(["AUTH0_API_TOKEN": Self.wrappedToken])
        } throws: { error in
            let text = "\(error)"
            return text.contains("AUTH0_API_TOKEN has a space, tab or line break inside it") && !text.contains("TOKEN-SECRET")
        }
    }

    /// The HTTP client refuses such a header with an error that quotes the header's value.
    @Test("a token the HTTP client refuses as a header never shows in the error or the logs")
    func tokenInHeaderValidationError() async throws {
        let token = Self.wrappedToken
        let credentials = Credentials.accessToken(Secret(token))
        try await StubServer.with({ Self.stubTenant($0) }) { stub, baseURL in
            let logs = CapturedLogs()
            let client = ManagementAPIClient(
                configuration: try ManagementAPIConfiguration(domain: baseURL, concurrency: 1, retry: ClientHarness.fastRetry),
                credentials: credentials, logger: logs.logger())
            var texts: [String] = []
            do {
                _ = try await client.readCurrentState(of: Self.desired, progress: nil)
                Issue.record("expected a failure")
            } catch {
                texts.append(String(describing: error))
                texts.append(String(reflecting: error))
            }
            texts += logs.all
            #expect(stub.requests.isEmpty, "nothing reached the server")
            for text in texts {
                #expect(!text.contains("TOKEN-SECRET-PART-42"), "token in: \(text)")
                #expect(!text.contains("Bearer"), "Authorization header in: \(text)")
            }
        }
    }
}

import NIOHTTP2

/// Auth0 answers over HTTP/2 (the recordings' responses are `HTTP/2.0`). A stream the server
/// resets (RST_STREAM, which proxies send when an upstream fails) is retried like a reset
/// connection; REFUSED_STREAM means the request was not processed, so even a write may be.
@Suite("HTTP/2 stream resets")
struct StreamResetTests {
    @Test("an HTTP/2 stream reset is a transient failure, retried like a reset connection",
          arguments: [HTTP2ErrorCode.internalError, .cancel, .refusedStream])
    func streamResetIsTransient(code: HTTP2ErrorCode) {
        let error = NIOHTTP2Errors.streamClosed(streamID: HTTP2StreamID(1), errorCode: code)
        #expect(ConnectionFailure.classify(error) == .transient("the stream was reset", neverSent: code == .refusedStream))
    }
}

#if canImport(Glibc)
import Glibc
#endif

/// A raw HTTP/1.1 server on 127.0.0.1 whose answers are written byte for byte, so that an
/// answer can be cut off after its head (which Hummingbird's stub cannot do).
final class RawHTTPServer: @unchecked Sendable {
    let port: Int
    private let listener: Int32
    private let lock = NSLock()
    private var _paths: [String] = []
    var paths: [String] { lock.lock(); defer { lock.unlock() }; return _paths }

    /// `respond(path, index)` returns the raw bytes to write, then the connection is closed.
    init(respond: @escaping @Sendable (String, Int) -> String) throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) } }
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
        port = Int(UInt16(bigEndian: address.sin_port))
        listen(fd, 16)
        listener = fd
        Thread.detachNewThread { [self] in
            var index = 0
            while true {
                let client = accept(fd, nil, nil)
                if client < 0 { return }
                var data = [UInt8]()
                var buffer = [UInt8](repeating: 0, count: 4096)
                var bodyNeeded: Int?
                var headerEnd = 0
                while true {
                    let n = read(client, &buffer, buffer.count)
                    if n <= 0 { break }
                    data += buffer[0 ..< n]
                    let text = String(decoding: data, as: UTF8.self)
                    if bodyNeeded == nil, let range = text.range(of: "\r\n\r\n") {
                        headerEnd = text.utf8.distance(from: text.startIndex, to: range.upperBound)
                        let lengthLine = text[..<range.lowerBound].split(separator: "\r\n")
                            .first { $0.lowercased().hasPrefix("content-length:") }
                        bodyNeeded = lengthLine.flatMap { Int($0.split(separator: ":")[1].trimmingCharacters(in: .whitespaces)) } ?? 0
                    }
                    if let needed = bodyNeeded, data.count - headerEnd >= needed { break }
                }
                let requestLine = String(decoding: data, as: UTF8.self).split(separator: "\r\n").first ?? ""
                let path = requestLine.split(separator: " ").dropFirst().first.map { String($0.split(separator: "?")[0]) } ?? ""
                self.lock.lock(); self._paths.append(path); self.lock.unlock()
                let answer = Array(respond(path, index).utf8)
                index += 1
                _ = answer.withUnsafeBufferPointer { write(client, $0.baseAddress, $0.count) }
                shutdown(client, Int32(SHUT_RDWR))
                close(client)
            }
        }
    }

    func stop() { shutdown(listener, Int32(SHUT_RDWR)); close(listener) }
}

/// An answer whose connection closes after the head and part of the body (HTTP/1.1 with
/// Content-Length) fails inside AsyncHTTPClient with an HTTPParserError: a read is retried.
@Suite("Answers cut off partway")
struct CutOffAnswerTests {
    @Test("a GET whose answer is cut off mid-body is retried")
    func cutOffMidBodyIsRetried() async throws {
        let organization = #"{"id":"org_1","name":"org-000"}"#
        let server = try RawHTTPServer { path, _ in
            if path == "/oauth/token" {
                let body = #"{"access_token":"tok","token_type":"Bearer","expires_in":86400}"#
                return "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n\(body)"
            }
            return "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: \(organization.utf8.count + 200)\r\nConnection: close\r\n\r\n\(organization)"
        }
        defer { server.stop() }
        let client = ManagementAPIClient(
            configuration: try ManagementAPIConfiguration(
                domain: "http://127.0.0.1:\(server.port)", concurrency: 1, retry: ClientHarness.fastRetry,
                requestTimeout: .seconds(5)),
            credentials: .clientCredentials(clientID: TestTenant.clientID, clientSecret: Secret(TestTenant.secret)),
            logger: CapturedLogs().logger())
        await #expect(throws: ManagementAPIError.self) {
            _ = try await client.transport.send(.GET, ["organizations", "name", "org-000"], idempotent: true)
        }
        let gets = server.paths.filter { $0.hasPrefix("/api/v2/") }.count
        #expect(gets == ClientHarness.fastRetry.maxAttempts, "every attempt used on a transient failure, not 1")
    }
}

import Auth0Emulator

/// Past 1,000 roles the client looks ids up with `GET /api/v2/roles/{id}`
/// (docs/management-api.md, Requests step 3); the emulator answers it.
@Suite("Roles past the 1,000th, by id, against the emulator")
struct RoleByIDPastListTests {
    @Test("a role past the 1,000th is found by id; an unknown one is reported")
    func roleByIDPastTheOffsetLimit() async throws {
        var snapshot = TestTenant.snapshot(organizations: 1, memberCount: { _ in 0 })
        snapshot.roles = (0 ..< 1_050).map { .init(id: String(format: "rol_%05d", $0), name: "role-\($0)") }
        let member = MemberSpec(principal: .userID("auth0|x"), roles: [.id("rol_01040"), .id("rol_99999")],
                                location: RosterCore.SourceLocation(file: "orgs.yaml", line: 3, column: 5))
        try await ClientHarness.with(snapshot) { harness in
            let state = try await harness.client().readCurrentState(
                of: TestTenant.desired(organizations: ["org-000"], members: [member]), progress: nil)
            let byID = await harness.apiRequests().filter { $0.path.hasPrefix("/api/v2/roles/") }
            #expect(byID.compactMap(\.status).sorted() == [200, 404], "\(byID.map(\.description))")
            #expect(state.diagnostics.map(\.message) == ["unknown role id \"rol_99999\": 127.0.0.1 has no role with this id"])
            #expect(state.resolution.roleNamesByID["rol_01040"] == "role-1040")
        }
    }
}
