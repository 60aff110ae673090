import AsyncHTTPClient

/// A short, secret-free description of a failure without an answer.
enum ConnectionFailure {
    /// The kind of failure: timeout, closed connection, refused, or the error's type.
    static func describe(_ error: any Error) -> String {
        if let error = error as? HTTPClientError {
            switch error {
            case .deadlineExceeded, .readTimeout, .connectTimeout, .writeTimeout: return "timed out"
            case .remoteConnectionClosed: return "the connection was closed without an answer"
            default: return "HTTP client error \(error)"
            }
        }
        let text = String(describing: error)
        if text.localizedCaseInsensitiveContains("refused") { return "connection refused" }
        return "\(type(of: error))"
    }
}
