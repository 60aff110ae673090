import Auth0Emulator
import Foundation
import Testing

@Suite("Fault injection")
struct FaultInjectionTests {
    static func faults(seed: UInt64) -> EmulatorConfiguration {
        EmulatorConfiguration(faults: FaultConfiguration(seed: seed, errorRate: 0.3, dropRate: 0.1))
    }

    /// Sends the same 40 requests one after another and returns what each met.
    func outcomes(seed: UInt64) async throws -> (replies: [String], log: [RequestLogEntry]) {
        try await EmulatorHarness.with(configuration: Self.faults(seed: seed)) { harness in
            let token = try await harness.token()
            var replies: [String] = []
            for _ in 0 ..< 40 {
                do {
                    let reply = try await harness.send(.GET, "/api/v2/roles", token: token)
                    replies.append(String(reply.status))
                } catch {
                    replies.append("dropped")
                }
            }
            return (replies, await harness.emulator.requestLog())
        }
    }

    @Test("the same seed gives the same faults for the same requests")
    func deterministic() async throws {
        let first = try await outcomes(seed: 42)
        let second = try await outcomes(seed: 42)
        #expect(first.replies == second.replies)
        #expect(first.log == second.log)
        #expect(Set(first.replies).isSuperset(of: ["200", "dropped"]), "\(first.replies)")
        #expect(first.replies.contains { ["500", "502", "503"].contains($0) })
        let other = try await outcomes(seed: 7)
        #expect(other.replies != first.replies, "another seed gives another sequence")
    }

    @Test("a dropped connection is logged without a status")
    func droppedIsLogged() async throws {
        let configuration = EmulatorConfiguration(faults: FaultConfiguration(seed: 1, dropRate: 1))
        try await EmulatorHarness.with(configuration: configuration) { harness in
            let token = try await harness.token()
            await #expect(throws: (any Error).self) {
                _ = try await harness.send(.GET, "/api/v2/roles", token: token)
            }
            let log = await harness.emulator.requestLog()
            #expect(log.last == RequestLogEntry(method: "GET", path: "/api/v2/roles", status: nil))
        }
    }

    @Test("an injected server error does nothing and answers in Auth0's shape")
    func injectedError() async throws {
        let configuration = EmulatorConfiguration(faults: FaultConfiguration(seed: 3, errorRate: 1))
        try await EmulatorHarness.with(configuration: configuration) { harness in
            let token = try await harness.token()
            let reply = try await harness.send(
                .DELETE, "/api/v2/organizations/\(Fixtures.orgID)/members", token: token,
                json: ["members": [Fixtures.jane]])
            #expect([500, 502, 503].contains(reply.status))
            #expect(reply.object["statusCode"] as? Int == reply.status)
            #expect(reply.object["error"] is String && reply.object["message"] is String)
            #expect(await harness.emulator.snapshot() == Fixtures.tenant(), "nothing was applied")
        }
    }

    @Test("a write can be applied yet answered 503")
    func appliedButUnavailable() async throws {
        let configuration = EmulatorConfiguration(faults: FaultConfiguration(seed: 5, appliedButUnavailableRate: 1))
        try await EmulatorHarness.with(configuration: configuration) { harness in
            let token = try await harness.token()
            let path = "/api/v2/organizations/\(Fixtures.orgID)/members"
            let reply = try await harness.send(.DELETE, path, token: token, json: ["members": [Fixtures.jane]])
            #expect(reply.status == 503)
            #expect(reply.object["error"] as? String == "Service Unavailable")
            let list = try await harness.send(.GET, path, token: token)
            #expect(list.status == 200, "reads are not affected")
            #expect(list.array.map { $0["user_id"] as? String } == [Fixtures.ravi], "the removal happened")
        }
    }

    @Test("added latency delays answers by at least the minimum and leaves them unchanged")
    func latency() async throws {
        let minimum = Duration.milliseconds(40)
        let configuration = EmulatorConfiguration(
            faults: FaultConfiguration(seed: 9, minimumLatency: minimum, maximumLatency: .milliseconds(50)))
        try await EmulatorHarness.with(configuration: configuration) { harness in
            let token = try await harness.token()
            let clock = ContinuousClock()
            let start = clock.now
            let reply = try await harness.send(.GET, "/api/v2/roles?include_totals=true", token: token)
            // Only a lower bound: a loaded machine may always be slower, never faster.
            #expect(start.duration(to: clock.now) >= minimum)
            #expect(reply.status == 200)
            #expect(reply.object["total"] as? Int == 3)
        }
    }

    @Test("fault rates outside 0...1 are refused at start")
    func invalidRate() async throws {
        await #expect(throws: Emulator.StartError.self) {
            _ = try await Emulator.start(
                snapshot: Fixtures.tenant(),
                configuration: EmulatorConfiguration(faults: FaultConfiguration(errorRate: 1.5)),
                logger: EmulatorHarness.logger)
        }
    }
}
