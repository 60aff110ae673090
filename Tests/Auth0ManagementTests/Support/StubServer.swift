import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle
import Synchronization

/// A tiny HTTP server on 127.0.0.1 and a free port whose every answer comes from a closure:
/// for answers the emulator never gives (a paging cycle, hostile rate-limit headers,
/// `GET /roles/{id}`, a token that is revoked during a run).
final class StubServer: Sendable {
    /// What the stub saw.
    struct Request: Sendable {
        var method: String
        var path: String
        var query: [String: String]
        var authorization: String?
        /// The status the stub answered.
        var status = 0
    }

    /// What the stub answers.
    struct Answer: Sendable {
        var status: Int
        var headers: [String: String]
        var body: String

        init(_ status: Int, _ body: String, headers: [String: String] = [:]) {
            self.status = status
            self.body = body
            self.headers = headers
        }

        /// A JSON answer.
        static func json(_ body: String, status: Int = 200, headers: [String: String] = [:]) -> Answer {
            Answer(status, body, headers: headers)
        }
    }

    typealias Handler = @Sendable (Request) async -> Answer

    private let handler: Handler
    private let seen = Mutex<[Request]>([])

    private init(handler: @escaping Handler) { self.handler = handler }

    /// Every request so far, in order.
    var requests: [Request] { seen.withLock { $0 } }

    /// Runs `body` with a started stub, given its base URL (`http://127.0.0.1:<port>`), and
    /// stops it afterwards even on failure.
    static func with<T>(_ handler: @escaping Handler, _ body: (StubServer, String) async throws -> T) async throws -> T {
        let stub = StubServer(handler: handler)
        let router = Router()
        router.on("**", method: .get) { request, _ in try await stub.answer(request) }
        router.on("**", method: .post) { request, _ in try await stub.answer(request) }
        router.on("**", method: .delete) { request, _ in try await stub.answer(request) }
        let (started, continuation) = AsyncStream<Int>.makeStream()
        let app = Application(
            router: router,
            configuration: .init(address: .hostname("127.0.0.1", port: 0), serverName: nil),
            onServerRunning: { channel in continuation.yield(channel.localAddress?.port ?? 0) },
            logger: ClientHarness.quietLogger)
        let group = ServiceGroup(configuration: .init(services: [app], gracefulShutdownSignals: [], logger: ClientHarness.quietLogger))
        let task = Task { try await group.run() }
        var iterator = started.makeAsyncIterator()
        guard let port = await iterator.next(), port > 0 else {
            task.cancel()
            throw StubError()
        }
        do {
            let result = try await body(stub, "http://127.0.0.1:\(port)")
            await group.triggerGracefulShutdown()
            _ = await task.result
            return result
        } catch {
            await group.triggerGracefulShutdown()
            _ = await task.result
            throw error
        }
    }

    private func answer(_ request: Hummingbird.Request) async throws -> Response {
        var query: [String: String] = [:]
        for (key, value) in request.uri.queryParameters { query[String(key)] = String(value) }
        let seenRequest = Request(
            method: request.method.rawValue, path: request.uri.path, query: query,
            authorization: request.headers[.authorization])
        let answer = await handler(seenRequest)
        var answered = seenRequest
        answered.status = answer.status
        seen.withLock { $0.append(answered) }
        var fields = HTTPFields()
        fields[.contentType] = "application/json"
        for (name, value) in answer.headers {
            if let name = HTTPField.Name(name) { fields[name] = value }
        }
        return Response(
            status: .init(code: answer.status), headers: fields,
            body: .init(byteBuffer: ByteBuffer(string: answer.body)))
    }

    struct StubError: Error {}
}
