import HTTPTypes
import Hummingbird
import NIOCore

/// Injects the configured faults into requests to the emulated `/api/v2` endpoints (it runs
/// after routing, so a dropped request is counted under its route template): latency, dropped connections,
/// 500/502/503 answers, and writes that are applied but answered with 503.
struct FaultMiddleware: RouterMiddleware {
    typealias Context = EmulatorRequestContext

    let injector: FaultInjector?
    let log: RequestLog

    /// Marks a response whose connection was closed and already logged as dropped.
    static let droppedHeader = HTTPField.Name("x-emulator-dropped")!

    func handle(
        _ request: Request,
        context: EmulatorRequestContext,
        next: (Request, EmulatorRequestContext) async throws -> Response
    ) async throws -> Response {
        guard let injector else {
            return try await next(request, context)
        }
        let plan = await injector.nextPlan()
        if plan.latency > .zero {
            try await Task.sleep(for: plan.latency)
        }
        if plan.drop {
            // Logged before closing, so a client that sees the close also sees the entry.
            await log.append(RequestLogEntry(method: request.method.rawValue, path: request.uri.path, status: nil),
                             route: context.endpointPath ?? "NotFound")
            try? await context.channel.close()
            var response = Response(status: .serviceUnavailable)
            response.headers[Self.droppedHeader] = "1"
            return response
        }
        if let status = plan.errorStatus {
            return Self.injectedError(status).response()
        }
        let response = try await next(request, context)
        let isWrite = request.method == .post || request.method == .delete || request.method == .patch
            || request.method == .put
        if isWrite, plan.answerUnavailableAfterWrite, (200 ..< 300).contains(response.status.code) {
            return Self.injectedError(503).response()
        }
        return response
    }

    /// The body of an injected server error.
    static func injectedError(_ status: Int) -> Auth0Error {
        let httpStatus = HTTPResponse.Status(code: status)
        return Auth0Error(httpStatus, Auth0Error.reasonPhrase(httpStatus))
    }
}
