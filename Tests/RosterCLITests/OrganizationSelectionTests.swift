import Auth0Emulator
import Foundation
import RosterCore
import Testing

@Suite("--org on plan and apply")
struct OrganizationSelectionTests {
    static let orgs = "examples/acme/orgs"

    @Test("plan --org plans only the organizations named")
    func plan() async throws {
        try await EmulatedTenant.with(try EmulatedTenant.acme) { tenant in
            let globex = try await tenant.roster(["plan", Self.orgs, "--org", "globex", "--format", "json"])
            #expect(globex.status == 0, "\(globex.stderr)")
            let plan = try Plan.decoder().decode(Plan.self, from: Data(globex.stdout.utf8))
            #expect(plan.organizations.map(\.name) == ["globex"])
            #expect(!plan.hasChanges)
            let both = try await tenant.roster(["plan", Self.orgs, "--org", "globex", "--org", "acme", "--format", "json"])
            #expect(try Plan.decoder().decode(Plan.self, from: Data(both.stdout.utf8)).organizations.count == 2)
            let unknown = try await tenant.roster(["plan", Self.orgs, "--org", "hooli"])
            #expect(unknown.status == 1)
            #expect(unknown.stderr.contains("--org \"hooli\": no such organization is declared (declared: acme, globex)"))
        }
    }

    @Test("apply --org runs the reviewed plan's steps for those organizations only")
    func apply() async throws {
        let folder = try temporaryFolder([:])
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("plan.json").path
        var snapshot = try EmulatedTenant.acme
        // globex gets a role to remove too, so that the plan has steps in both organizations.
        let globex = snapshot.organizations.firstIndex { $0.name == "globex" }!
        snapshot.organizations[globex].members = snapshot.organizations[globex].members.map {
            $0.userID == "auth0|64f1a2b3c4d5e6f7a8b9c0d2" ? .init(userID: $0.userID, roles: ["rol_admin01", "rol_billing01"]) : $0
        }
        let final = try await EmulatedTenant.with(snapshot) { tenant in
            let plan = try await tenant.roster(["plan", Self.orgs, "--out", file, "--format", "json"])
            #expect(plan.status == 0, "\(plan.stderr)")
            let sha256 = StateDigest.sha256(try Data(contentsOf: URL(fileURLWithPath: file)))
            let unknown = try await tenant.roster(["apply", file, "--plan-sha256", sha256, "--org", "hooli"])
            #expect(unknown.status == 1)
            #expect(unknown.stderr.contains("--org \"hooli\""))
            let applied = try await tenant.roster(["apply", file, "--plan-sha256", sha256, "--org", "globex"])
            #expect(applied.status == 0, "\(applied.stderr)")
            #expect(applied.stdout.contains("Apply: 1 done"), "\(applied.stdout)")
        }
        #expect(acmeMembers(final)["auth0|64f1a2b3c4d5e6f7a8b9c0d3"] != nil)  // acme untouched
        let globexMembers = final.organizations.first { $0.name == "globex" }!.members
        #expect(globexMembers.first { $0.userID == "auth0|64f1a2b3c4d5e6f7a8b9c0d2" }?.roles == ["rol_admin01"])
    }
}
