import Auth0Emulator
import Auth0Management
import Foundation
import Roster
import RosterCore
import Testing

/// Additions through the same compare-and-swap, journal and resume as removals.
@Suite("Apply: additions")
struct AdditionApplyTests {
    typealias A = AcmeTenant

    static let bot = "google-oauth2|109876543210"

    /// globex (additive members) declares bot with viewer: one member addition, then one
    /// role addition, and nothing else.
    static func plan(in folder: URL) async throws -> (Plan, String, String) {
        let orgs = folder.appendingPathComponent("orgs")
        try FileManager.default.createDirectory(at: orgs, withIntermediateDirectories: true)
        try """
            version: 1
            organizations:
              globex:
                policy: {members: additive}
                members:
                  ravi@example.com: [admin]
                  bot@example.com: [viewer]
            """.write(to: orgs.appendingPathComponent("globex.yaml"), atomically: true, encoding: .utf8)
        return try await A.plan(try A.snapshot(), in: folder, paths: [orgs.path])
    }

    static func globex(_ snapshot: TenantSnapshot) -> [String: [String]] {
        let organization = snapshot.organizations.first { $0.name == "globex" }!
        return Dictionary(uniqueKeysWithValues: organization.members.map { ($0.userID, $0.roles.sorted()) })
    }

    @Test("a failure after the member was added stops the organization; the resumed apply does not add it again")
    func resumeAfterAddition() async throws {
        let folder = try A.folder()
        let (plan, _, path) = try await Self.plan(in: folder)
        #expect(plan.steps.map(\.id) == ["globex/add_member/\(Self.bot)", "globex/add_role/\(Self.bot)/rol_viewer01"])
        // The second write call (the role) fails after the client's retries.
        let (first, halfway, _) = try await A.apply(path, to: try A.snapshot(), writer: { FailingWriter($0, failing: 2) })
        #expect(first.steps.map(\.status) == [.done, .failed])
        #expect(Self.globex(halfway)[Self.bot] == [])
        let (second, after, counts) = try await A.apply(path, to: halfway)
        #expect(second.steps.map(\.status) == [.alreadyDone, .done])
        #expect(second.succeeded)
        #expect(Self.globex(after)[Self.bot] == ["rol_viewer01"])
        let posts = counts.filter { $0.method == "POST" && $0.route.hasSuffix("/members") }.reduce(0) { $0 + $1.count }
        #expect(posts == 0, "the member is not added a second time")
    }

    @Test("the undo of an apply that added a member removes it with the role it was given, and nothing else")
    func undoOfAdditions() async throws {
        let folder = try A.folder()
        let (_, _, path) = try await Self.plan(in: folder)
        let before = try A.snapshot()
        let (report, after, _) = try await A.apply(path, to: before)
        #expect(report.succeeded)
        let (plan, sha) = try PlanFile.read(path)
        let journal = try Journal(path: path + ".journal", planSHA256: sha)
        let undo = try #require(try await UndoFile.write(for: plan, planSHA256: sha, planPath: path, journal: journal))
        await journal.close()
        #expect(undo.plan.steps.map(\.id) == ["globex/remove_member/\(Self.bot)"])
        #expect(undo.plan.steps[0].precondition.roleIDs == ["rol_viewer01"])
        let (undone, restored, _) = try await A.apply(undo.path, to: after)
        #expect(undone.succeeded)
        #expect(Self.globex(restored) == Self.globex(before))
    }
}
