import Auth0Emulator
import Foundation
#if canImport(Glibc)
import Glibc
#endif
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
        // Binding and listening on the port succeeds only if nothing listens there any more.
        // (SO_REUSEADDR lets the bind through connections left in TIME_WAIT, never past a
        // listening socket.) Unlike "some request error", this cannot pass by accident.
        let port = harness.emulator.port
        #expect(Self.canListen(port: port), "port \(port) is free after shutdown")
    }

    /// Whether a new socket can bind 127.0.0.1:port and listen on it.
    static func canListen(port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var yes: Int32 = 1
        guard setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size)) == 0 else {
            return false
        }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        return bound == 0 && listen(fd, 1) == 0
    }

    @Test("while the emulator runs its port cannot be bound")
    func portHeld() async throws {
        try await EmulatorHarness.with { harness in
            #expect(!Self.canListen(port: harness.emulator.port), "the check detects a listening socket")
        }
    }

    @Test("a body limit below 1 byte is refused at start", arguments: [0, -1])
    func invalidBodyLimit(_ limit: Int) async throws {
        do {
            let emulator = try await Emulator.start(
                snapshot: Fixtures.tenant(), configuration: EmulatorConfiguration(maxBodyBytes: limit),
                logger: EmulatorHarness.logger)
            await emulator.shutdown()
            Issue.record("the emulator started with maxBodyBytes \(limit)")
        } catch let error as Emulator.StartError {
            #expect(error.description == "invalid emulator configuration: the largest request body must be at least 1 byte, found \(limit)")
        }
    }

}
