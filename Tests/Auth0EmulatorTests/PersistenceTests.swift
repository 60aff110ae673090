import Auth0Emulator
import Foundation
import Testing

@Suite("Persistence")
struct PersistenceTests {
    func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("emulator-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test("with persistence every change is written back as a parseable snapshot")
    func persists() async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("tenant.json")
        try Fixtures.tenant().encodedJSON().write(to: file)
        let configuration = EmulatorConfiguration(persistURL: file)
        try await EmulatorHarness.with(configuration: configuration) { harness in
            let token = try await harness.token()
            let members = "/api/v2/organizations/\(Fixtures.orgID)/members"
            _ = try await harness.send(.DELETE, members, token: token, json: ["members": [Fixtures.ravi]])
            _ = try await harness.send(.POST, "\(members)/auth0%7C64f1a2b3c4d5e6f7a8b9c0d1/roles", token: token,
                                       json: ["roles": ["rol_viewer01"]])
            let saved = try TenantSnapshot.load(contentsOf: file)
            #expect(saved == (await harness.emulator.snapshot()))
            let org = try #require(saved.organizations.first { $0.id == Fixtures.orgID })
            #expect(org.members == [.init(userID: Fixtures.jane, roles: ["rol_admin01", "rol_billing01", "rol_viewer01"])])
            let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            #expect(leftovers == ["tenant.json"], "no temporary file is left behind")
        }
    }

    @Test("without persistence the file is never written")
    func noPersistence() async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("tenant.json")
        let original = try Fixtures.tenant().encodedJSON()
        try original.write(to: file)
        try await EmulatorHarness.with(try TenantSnapshot.load(contentsOf: file)) { harness in
            let token = try await harness.token()
            let reply = try await harness.send(
                .DELETE, "/api/v2/organizations/\(Fixtures.orgID)/members", token: token,
                json: ["members": [Fixtures.ravi]])
            #expect(reply.status == 204)
        }
        #expect(try Data(contentsOf: file) == original)
    }

    @Test("a snapshot survives an encode and load round trip")
    func roundTrip() throws {
        let snapshot = Fixtures.tenant()
        #expect(try TenantSnapshot.decode(snapshot.encodedJSON()) == snapshot)
    }

    @Test("an unwritable state file fails the start with its path")
    func unwritableAtStart() async throws {
        let file = URL(fileURLWithPath: "/nonexistent-\(UUID().uuidString)/tenant.json")
        do {
            let emulator = try await Emulator.start(
                snapshot: Fixtures.tenant(), configuration: EmulatorConfiguration(persistURL: file),
                logger: EmulatorHarness.logger)
            await emulator.shutdown()
            Issue.record("the emulator started with an unwritable state file")
        } catch let error as Emulator.StartError {
            #expect(error.description.hasPrefix("cannot write the state file \(file.path): "), "\(error)")
        }
    }

    @Test("with persistence the state file is written at start")
    func writtenAtStart() async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("tenant.json")
        try await EmulatorHarness.with(configuration: EmulatorConfiguration(persistURL: file)) { _ in
            let saved = try TenantSnapshot.load(contentsOf: file)
            #expect(saved == Fixtures.tenant())
        }
    }

    @Test("a write whose state file cannot be saved changes nothing and answers 500")
    func failedWriteChangesNothing() async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("tenant.json")
        let configuration = EmulatorConfiguration(persistURL: file, consistencyDelay: .seconds(600))
        try await EmulatorHarness.with(configuration: configuration) { harness in
            let token = try await harness.token()
            try FileManager.default.removeItem(at: folder)
            let members = "/api/v2/organizations/\(Fixtures.orgID)/members"
            let failed = try await harness.send(.DELETE, members, token: token, json: ["members": [Fixtures.jane]])
            #expect(failed.status == 500)
            #expect(await harness.emulator.snapshot() == Fixtures.tenant(), "the change was rolled back")
            let added = try await harness.send(.POST, members, token: token, json: ["members": [Fixtures.outsider]])
            #expect(added.status == 500)
            #expect(await harness.emulator.snapshot() == Fixtures.tenant())

            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let removed = try await harness.send(.DELETE, members, token: token, json: ["members": [Fixtures.ravi]])
            #expect(removed.status == 204)
            let list = try await harness.send(.GET, members, token: token)
            #expect(list.array.map { $0["user_id"] as? String } == [Fixtures.jane, Fixtures.ravi],
                    "readers see the state before the one successful write")
            let saved = try TenantSnapshot.load(contentsOf: file)
            #expect(saved.organizations.first { $0.id == Fixtures.orgID }?.members.map(\.userID) == [Fixtures.jane])
        }
    }

}
