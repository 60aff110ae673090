import Hummingbird
import NIOCore

/// The per-request context: the connection (so a fault can drop it) and the scopes of the
/// verified bearer token.
struct EmulatorRequestContext: RequestContext {
    /// Hummingbird's own per-request storage.
    var coreContext: CoreRequestContextStorage
    /// The client connection.
    let channel: any Channel
    /// Scopes granted by the request's verified access token; empty until AuthMiddleware ran.
    var grantedScopes: Set<String> = []

    /// Creates a context for a request on a connection.
    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        channel = source.channel
    }

    /// Throws Auth0's 403 unless the token has at least one of the scopes.
    func requireScope(anyOf scopes: [String]) throws(Auth0Error) {
        guard scopes.contains(where: grantedScopes.contains) else {
            throw .insufficientScope(scopes)
        }
    }
}
