import AsyncHTTPClient
import Auth0Emulator
import Foundation
import Logging
import NIOCore
import NIOHTTP1

/// A started emulator plus an HTTP client and helpers, for one test.
struct EmulatorHarness {
    let emulator: RunningEmulator
    let client: HTTPClient

    static let logger: Logger = {
        var logger = Logger(label: "auth0-emulator-tests", factory: { _ in SwiftLogNoOpLogHandler() })
        logger.logLevel = .critical
        return logger
    }()

    /// Starts an emulator on 127.0.0.1 with a free port.
    static func start(
        _ snapshot: TenantSnapshot = Fixtures.tenant(),
        configuration: EmulatorConfiguration = EmulatorConfiguration()
    ) async throws -> EmulatorHarness {
        let emulator = try await Emulator.start(snapshot: snapshot, configuration: configuration, logger: logger)
        return EmulatorHarness(emulator: emulator, client: HTTPClient.shared)
    }

    /// Runs a body with a started emulator and shuts it down afterwards, even on failure.
    static func with<T>(
        _ snapshot: TenantSnapshot = Fixtures.tenant(),
        configuration: EmulatorConfiguration = EmulatorConfiguration(),
        _ body: (EmulatorHarness) async throws -> T
    ) async throws -> T {
        let harness = try await start(snapshot, configuration: configuration)
        do {
            let result = try await body(harness)
            await harness.emulator.shutdown()
            return result
        } catch {
            await harness.emulator.shutdown()
            throw error
        }
    }

    /// A parsed response.
    struct Reply {
        var status: Int
        var headers: HTTPHeaders
        var body: Data
        var json: Any? { try? JSONSerialization.jsonObject(with: body, options: [.fragmentsAllowed]) }
        var object: [String: Any] { json as? [String: Any] ?? [:] }
        var array: [[String: Any]] { json as? [[String: Any]] ?? [] }
        var text: String { String(decoding: body, as: UTF8.self) }
    }

    /// Sends a request to a path (with query) on the emulator.
    func send(
        _ method: HTTPMethod,
        _ path: String,
        token: String? = nil,
        json: Any? = nil,
        rawBody: Data? = nil,
        contentType: String? = nil,
        headers extra: [(String, String)] = [],
        timeout: TimeAmount = .seconds(30)
    ) async throws -> Reply {
        var request = HTTPClientRequest(url: emulator.baseURL.absoluteString + path)
        request.method = method
        if let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        for (name, value) in extra { request.headers.add(name: name, value: value) }
        if let json {
            let data = try JSONSerialization.data(withJSONObject: json, options: [.fragmentsAllowed])
            request.body = .bytes(ByteBuffer(bytes: data))
            request.headers.add(name: "Content-Type", value: contentType ?? "application/json")
        } else if let rawBody {
            request.body = .bytes(ByteBuffer(bytes: rawBody))
            request.headers.add(name: "Content-Type", value: contentType ?? "application/json")
        }
        let response = try await client.execute(request, timeout: timeout)
        let buffer = try await response.body.collect(upTo: 32 << 20)
        return Reply(status: Int(response.status.code), headers: response.headers, body: Data(buffer.readableBytesView))
    }

    /// Gets a token for a client of the snapshot (by default the all-scopes client).
    func token(
        clientID: String = Fixtures.fullClientID,
        secret: String? = nil,
        scope: String? = nil
    ) async throws -> String {
        var form: [String: Any] = [
            "grant_type": "client_credentials",
            "client_id": clientID,
            "client_secret": secret ?? Fixtures.secret(for: clientID),
            "audience": emulator.audience,
        ]
        if let scope { form["scope"] = scope }
        let reply = try await send(.POST, "/oauth/token", json: form)
        guard reply.status == 200, let token = reply.object["access_token"] as? String else {
            throw HarnessError.noToken(reply.status, reply.text)
        }
        return token
    }

    enum HarnessError: Error {
        case noToken(Int, String)
    }
}
