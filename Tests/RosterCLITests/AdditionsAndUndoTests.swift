import Auth0Emulator
import Foundation
import RosterCore
import Testing

/// Additions and undo, end to end through the real CLI against the emulator.
@Suite("roster plan and apply: additions and undo")
struct AdditionsAndUndoTests {
    /// A desired state that adds and removes on the example tenant: acme gives ravi billing,
    /// takes support and removes former; globex (additive) adds bot with viewer.
    static let mixed = """
        version: 1
        policy:
          protected: [auth0|breakglass]
        organizations:
          acme:
            members:
              auth0|64f1a2b3c4d5e6f7a8b9c0d1: [admin, billing]
              ravi@example.com: [viewer, billing]
              bot@example.com: ~
          globex:
            policy: {members: additive}
            members:
              ravi@example.com: [admin]
              bot@example.com: [viewer]
        """

    /// Every organization's members and their roles, order aside.
    static func membership(_ snapshot: TenantSnapshot) -> [String: [String: [String]]] {
        Dictionary(uniqueKeysWithValues: snapshot.organizations.map { organization in
            (organization.name, Dictionary(uniqueKeysWithValues: organization.members.map { ($0.userID, $0.roles.sorted()) }))
        })
    }

    static func sha256(_ path: String) throws -> String {
        StateDigest.sha256(try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    @Test("a mixed plan shows + and -, converges in one apply, and a second plan shows no changes")
    func mixedPlanConverges() async throws {
        let folder = try temporaryFolder(["orgs/mixed.yaml": Self.mixed])
        let orgs = folder.appendingPathComponent("orgs").path
        let path = folder.appendingPathComponent("plan.json").path
        let after = try await EmulatedTenant.with(try EmulatedTenant.acme) { tenant in
            let plan = try await tenant.roster(["plan", orgs, "--out", path, "--detailed-exitcode"])
            #expect(plan.status == 2, "\(plan.stderr)")
            #expect(plan.stdout.contains("  + add role billing to ravi@example.com (auth0|64f1a2b3c4d5e6f7a8b9c0d2)"))
            #expect(plan.stdout.contains("  + add member bot@example.com (google-oauth2|109876543210)"))
            #expect(plan.stdout.contains("  + add role viewer to bot@example.com (google-oauth2|109876543210)"))
            #expect(plan.stdout.contains("  - remove member former@example.com"))
            #expect(plan.stdout.contains(
                "Plan: 1 member addition, 2 role additions, 1 member removal, 1 role removal in 2 organizations."))
            let apply = try await tenant.roster(["apply", path, "--plan-sha256", try Self.sha256(path)])
            #expect(apply.status == 0, "\(apply.stderr)")
            #expect(apply.stdout.contains("Apply: 5 done, 0 already done, 0 skipped, 0 failed, 0 not run."), "\(apply.stdout)")
            let again = try await tenant.roster(["plan", orgs, "--detailed-exitcode"])
            #expect(again.status == 0, "\(again.stdout)\(again.stderr)")
            #expect(again.stdout.contains("No changes. The tenant matches the desired state."))
        }
        let membership = Self.membership(after)
        #expect(membership["acme"]?["auth0|64f1a2b3c4d5e6f7a8b9c0d2"] == ["rol_billing01", "rol_viewer01"])
        #expect(membership["acme"]?["auth0|64f1a2b3c4d5e6f7a8b9c0d3"] == nil)
        #expect(membership["globex"]?["google-oauth2|109876543210"] == ["rol_viewer01"])
        // Nothing outside the plan: initech is untouched.
        #expect(membership["initech"] == Self.membership(try EmulatedTenant.acme)["initech"])
    }

    @Test("--no-additions plans removals only and reports the rest as not present")
    func noAdditions() async throws {
        let folder = try temporaryFolder(["orgs/mixed.yaml": Self.mixed])
        try await EmulatedTenant.with(try EmulatedTenant.acme) { tenant in
            let plan = try await tenant.roster(["plan", folder.appendingPathComponent("orgs").path, "--no-additions"])
            #expect(plan.status == 0, "\(plan.stderr)")
            #expect(!plan.stdout.contains("  + "))
            #expect(plan.stdout.contains("? not present: member bot@example.com"))
            #expect(plan.stdout.contains("Plan: 1 member removal, 1 role removal in 1 organization."))
        }
    }

    @Test("apply writes an undo plan; applying it restores the exact membership and roles of before")
    func undoRestores() async throws {
        let folder = try temporaryFolder(["orgs/mixed.yaml": Self.mixed])
        let orgs = folder.appendingPathComponent("orgs").path
        let path = folder.appendingPathComponent("plan.json").path
        let before = try EmulatedTenant.acme
        let restored = try await EmulatedTenant.with(before) { tenant in
            _ = try await tenant.roster(["plan", orgs, "--out", path])
            let apply = try await tenant.roster(["apply", path, "--plan-sha256", try Self.sha256(path)])
            #expect(apply.status == 0, "\(apply.stderr)")
            let undoPath = path + ".undo"
            let undoSHA = try Self.sha256(undoPath)
            #expect(apply.stdout.contains("Take these changes back with: roster apply \(undoPath) --plan-sha256 \(undoSHA)"))
            let undo = try await tenant.roster(["apply", undoPath, "--plan-sha256", undoSHA])
            #expect(undo.status == 0, "\(undo.stdout)\(undo.stderr)")
            #expect(undo.stdout.contains("done: add member former@example.com"), "\(undo.stdout)")
            #expect(undo.stdout.contains("done: remove member bot@example.com"), "\(undo.stdout)")
            // The undo of the undo exists too, and the tenant now drifts from the files again.
            #expect(FileManager.default.fileExists(atPath: undoPath + ".undo"))
            let plan = try await tenant.roster(["plan", orgs, "--detailed-exitcode"])
            #expect(plan.status == 2)
        }
        #expect(Self.membership(restored) == Self.membership(before))
    }

    @Test("the undo plan restores a removed member with exactly the roles it held, and takes back only what was done")
    func undoDocument() async throws {
        let folder = try temporaryFolder(["orgs/mixed.yaml": Self.mixed])
        let path = folder.appendingPathComponent("plan.json").path
        try await EmulatedTenant.with(try EmulatedTenant.acme) { tenant in
            _ = try await tenant.roster(["plan", folder.appendingPathComponent("orgs").path, "--out", path])
            _ = try await tenant.roster(["apply", path, "--plan-sha256", try Self.sha256(path)])
        }
        let undo = try Plan.decoder().decode(Plan.self, from: Data(contentsOf: URL(fileURLWithPath: path + ".undo")))
        #expect(undo.undoOf == (try Self.sha256(path)))
        #expect(undo.steps.map(\.id) == [
            "acme/add_member/auth0|64f1a2b3c4d5e6f7a8b9c0d3",
            "acme/add_role/auth0|64f1a2b3c4d5e6f7a8b9c0d2/rol_support01",
            "acme/add_role/auth0|64f1a2b3c4d5e6f7a8b9c0d3/rol_viewer01",
            "acme/remove_role/auth0|64f1a2b3c4d5e6f7a8b9c0d2/rol_billing01",
            "globex/remove_member/google-oauth2|109876543210",
        ])
        // Removing bot again takes exactly the role the plan gave it.
        #expect(undo.steps.last?.precondition.roleIDs == ["rol_viewer01"])
        #expect(undo.overrideGuards == false)
        #expect(undo.steps.allSatisfy { $0.reason.hasPrefix("undo of ") })
    }

    @Test("stale additions: a member added by hand meanwhile is skipped, not added twice; the rest runs")
    func staleAdditions() async throws {
        let folder = try temporaryFolder(["orgs/mixed.yaml": Self.mixed])
        let path = folder.appendingPathComponent("plan.json").path
        let acme = try EmulatedTenant.acme
        try await EmulatedTenant.with(acme) { tenant in
            let plan = try await tenant.roster(["plan", folder.appendingPathComponent("orgs").path, "--out", path])
            #expect(plan.status == 0, "\(plan.stderr)")
        }
        // Someone adds bot to globex with viewer in the dashboard after the plan.
        var moved = acme
        let globex = moved.organizations.firstIndex { $0.name == "globex" }!
        moved.organizations[globex].members.append(.init(userID: "google-oauth2|109876543210", roles: ["rol_viewer01"]))
        let after = try await EmulatedTenant.with(moved) { tenant in
            let apply = try await tenant.roster(["apply", path, "--plan-sha256", try Self.sha256(path)])
            #expect(apply.status == 0, "\(apply.stderr)")
            #expect(apply.stdout.contains("already a member of globex"), "\(apply.stdout)")
            #expect(apply.stdout.contains("Apply: 3 done, 0 already done, 2 skipped, 0 failed, 0 not run."), "\(apply.stdout)")
            let posts = await tenant.emulator.requestCounts().filter { $0.method == "POST" && $0.route.contains("organizations") }
            #expect(posts.reduce(0) { $0 + $1.count } == 1)  // only ravi's billing role in acme
        }
        #expect(Self.membership(after)["globex"]?["google-oauth2|109876543210"] == ["rol_viewer01"])
    }

    @Test("a token without create scopes cannot apply a plan with additions: nothing is changed")
    func additionsNeedCreateScopes() async throws {
        let folder = try temporaryFolder(["orgs/mixed.yaml": Self.mixed])
        let path = folder.appendingPathComponent("plan.json").path
        var snapshot = try EmulatedTenant.acme
        snapshot.clients[0].scopes.removeAll { $0.hasPrefix("create:") }
        let after = try await EmulatedTenant.with(snapshot) { tenant in
            let plan = try await tenant.roster(["plan", folder.appendingPathComponent("orgs").path, "--out", path])
            #expect(plan.status == 0, "\(plan.stderr)")
            let apply = try await tenant.roster(["apply", path, "--plan-sha256", try Self.sha256(path)])
            #expect(apply.status == 1)
            #expect(apply.stderr.contains("create:organization_member_roles, create:organization_members"), "\(apply.stderr)")
            #expect(await tenant.deletes() == 0)
        }
        #expect(Self.membership(after) == Self.membership(snapshot))
    }
}
