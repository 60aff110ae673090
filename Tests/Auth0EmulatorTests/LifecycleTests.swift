import Auth0Emulator
import Foundation
import Testing

@Suite("Starting and stopping")
struct LifecycleTests {
    @Test("a port already in use fails the start with the address in the message")
    func portInUse() async throws {
        try await EmulatorHarness.with { harness in
            let port = harness.emulator.port
            do {
                let second = try await Emulator.start(
                    snapshot: Fixtures.tenant(), configuration: EmulatorConfiguration(port: port),
                    logger: EmulatorHarness.logger)
                await second.shutdown()
                Issue.record("a second emulator bound the same port")
            } catch let error as Emulator.StartError {
                #expect(error.description.hasPrefix("cannot serve on 127.0.0.1:\(port)"))
            }
        }
    }

    @Test("after shutdown the port no longer answers")
    func shutdown() async throws {
        let harness = try await EmulatorHarness.start()
        #expect(harness.emulator.baseURL.absoluteString == "http://127.0.0.1:\(harness.emulator.port)")
        _ = try await harness.token()
        await harness.emulator.shutdown()
        // The client retries a refused connection until its deadline, so keep that short.
        await #expect(throws: (any Error).self) {
            _ = try await harness.send(.GET, "/api/v2/roles", timeout: .milliseconds(300))
        }
    }
}
