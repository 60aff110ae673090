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
}
