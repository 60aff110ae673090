@testable import Auth0Management
import AsyncHTTPClient
import NIOCore
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

@Suite("Classifying failures without an answer")
struct ConnectionFailureTests {
    struct SomethingElse: Error {}

    @Test("timeouts, closed or reset connections and failed connects are transient")
    func transient() {
        let cases: [(any Error, Bool)] = [
            (HTTPClientError.readTimeout, false), (HTTPClientError.deadlineExceeded, false),
            (HTTPClientError.remoteConnectionClosed, false), (HTTPClientError.connectTimeout, true),
            (ChannelError.ioOnClosedChannel, false), (ChannelError.eof, false),
            (IOError(errnoCode: ECONNRESET, reason: "read"), false), (IOError(errnoCode: ECONNREFUSED, reason: "connect"), true),
        ]
        for (error, neverSent) in cases {
            guard case .transient(_, let classified) = ConnectionFailure.classify(error) else {
                Issue.record("\(error) should be transient, is \(ConnectionFailure.classify(error))")
                continue
            }
            #expect(classified == neverSent, "\(error)")
        }
    }

    @Test("an oversized body and other failures are not transient")
    func notTransient() {
        #expect(ConnectionFailure.classify(NIOTooManyBytesError(maxBytes: 8)) == .tooLarge)
        guard case .other = ConnectionFailure.classify(HTTPClientError.invalidURL) else {
            Issue.record("an invalid URL is not worth retrying"); return
        }
        guard case .other = ConnectionFailure.classify(SomethingElse()) else {
            Issue.record("an unknown error is not retried"); return
        }
    }
}
