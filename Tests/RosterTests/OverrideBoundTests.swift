import Auth0Management
import Foundation
import Logging
@testable import Roster
import RosterCore
import Testing

/// What `override_guards` lets through at apply is bounded by the plan's own steps, never
/// by the counts stored in `overridden_guards`.
@Suite("Apply: override bounds")
struct OverrideBoundTests {
    final class RecordingWriter: TenantWriter, Sendable {
        let calls = CallCounter()
        func removeMembers(organizationID: String, userIDs: [String]) async throws -> WriteOutcome {
            _ = await calls.next()
            return .written(requests: 1)
        }
        func removeRoles(organizationID: String, userID: String, roleIDs: [String]) async throws -> WriteOutcome {
            _ = await calls.next()
            return .written(requests: 1)
        }
        func addMembers(organizationID: String, userIDs: [String]) async throws -> WriteOutcome {
            _ = await calls.next()
            return .written(requests: 1)
        }
        func addRoles(organizationID: String, userID: String, roleIDs: [String]) async throws -> WriteOutcome {
            _ = await calls.next()
            return .written(requests: 1)
        }
    }

    @Test("a forged overridden_guards count does not raise the limit the plan's own steps set")
    func forgedCount() async throws {
        var policy = Policy.defaults
        policy.maxMemberRemovalPercent = 4
        let step = PlanStep(action: .removeMember, organization: "acme", organizationID: "org_1", userID: "auth0|m000",
                            email: nil, memberRoles: [], reason: "", source: nil)
        // Planned on 20 members: 1 removal is 5%, over 4%, let through by --override-guards.
        let organization = OrganizationPlan(name: "acme", id: "org_1", stateSHA256: "", memberCount: 20,
                                            policy: PlannedPolicy(policy), steps: [step], notes: [])
        // The file claims the override covered 100%.
        let plan = Plan(desiredStateSHA256: "", overrideGuards: true,
                        overriddenGuards: [GuardViolation(guardName: .maxMemberRemovalPercent, organization: "acme",
                                                          count: 100, limit: 4)],
                        organizations: [organization])
        // Now the organization has 10 members: the same removal is 10%.
        let fresh = CurrentOrganization(id: "org_1", name: "acme", members: (0 ..< 10).map {
            CurrentMember(userID: String(format: "auth0|m%03d", $0))
        })
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("roster-override-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let journal = try Journal(path: folder.appendingPathComponent("plan.json.journal").path,
                                  planSHA256: String(repeating: "a", count: 64))
        let writer = RecordingWriter()
        let runner = OrganizationRunner(plan: plan, organization: organization, writer: writer, journal: journal,
                                        logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() },
                                        reread: { fresh })
        let result = try await runner.run([step], fresh: fresh)
        await journal.close()
        #expect(result.refusal?.contains("max_member_removal_percent") == true, "\(result.refusal ?? "no refusal")")
        #expect(result.outcomes.map(\.status) == [.notRun])
        #expect(await writer.calls.next() == 1)
    }
}
