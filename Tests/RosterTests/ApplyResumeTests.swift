import Auth0Emulator
import Auth0Management
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Roster
import RosterCore
import Testing

/// Resuming an apply after what leaves its outcome in doubt: a call that went through but
/// failed, a kill between the `started` line and the call, a read within Auth0's lag, and
/// a journal path that is not a file of its own.
@Suite("Applier: resuming after doubtful outcomes")
struct ApplyResumeTests {
    typealias A = AcmeTenant

    static let initech = "org_5Vt1Wx6YzAb7CdEf"

    /// initech: jane is added and given admin, then former (initech's only admin) is removed.
    /// No min_role_holders: the plan relies on "additions first; a failed addition stops the
    /// removals planned after it" (docs/safety.md).
    static func replaceAdminPlan(in folder: URL) async throws -> (Plan, String, String) {
        let orgs = folder.appendingPathComponent("orgs")
        try FileManager.default.createDirectory(at: orgs, withIntermediateDirectories: true)
        try """
            version: 1
            organizations:
              initech:
                members:
                  bot@example.com: [viewer]
                  jane@example.com: [admin]
            """.write(to: orgs.appendingPathComponent("initech.yaml"), atomically: true, encoding: .utf8)
        return try await A.plan(try A.snapshot(), in: folder, paths: [orgs.path])
    }

    static func initechMembers(_ snapshot: TenantSnapshot) -> [String: [String]] {
        let organization = snapshot.organizations.first { $0.name == "initech" }!
        return Dictionary(uniqueKeysWithValues: organization.members.map { ($0.userID, $0.roles.sorted()) })
    }

    @Test("a write applied by Auth0 but answered 503 is taken back by the undo once a later apply finishes")
    func undoOfAppliedButFailedWrite() async throws {
        let folder = try A.folder()
        let (plan, _, path) = try await A.plan(try A.snapshot(), in: folder)
        #expect(plan.steps.first?.id == "acme/remove_member/\(A.former)")
        // Run 1: the member removal reaches the tenant and is made, but the answer is a 503
        // (as the emulator's --fault-applied-unavailable-rate does).
        let (first, halfway, _) = try await A.apply(path, to: try A.snapshot(), writer: { FailingWriter($0, failing: 1, applied: true) })
        #expect(first.steps.map(\.status) == [.failed, .notRun])
        #expect(A.acme(halfway)[A.former] == nil, "Roster's own call removed former")
        // Run 2, as the report says: "run again".
        let (second, after, _) = try await A.apply(path, to: halfway)
        #expect(second.succeeded)
        #expect(second.steps.map(\.status) == [.alreadyDone, .done])
        #expect(second.steps[0].detail?.contains("found in place on re-reading: an earlier apply's call for it failed") == true)
        let (read, sha) = try PlanFile.read(path)
        let journal = try Journal(path: path + ".journal", planSHA256: sha)
        let undo = try #require(try await UndoFile.write(for: read, planSHA256: sha, planPath: path, journal: journal))
        await journal.close()
        // Roster removed former; the undo must add former back.
        #expect(undo.plan.steps.map(\.id).contains("acme/add_member/\(A.former)"),
                "undo: \(undo.plan.steps.map(\.id)); run 2 said: \(second.steps.map { "\($0.status): \($0.detail ?? "")" })")
        let (_, restored, _) = try await A.apply(undo.path, to: after)
        #expect(A.acme(restored)[A.former] == ["rol_viewer01"], "the undo leaves former removed")
    }

    @Test("a resumed apply does not run removals after an addition whose outcome is unknown and not in place")
    func unknownAdditionStopsRemovals() async throws {
        let folder = try A.folder()
        let (plan, sha, path) = try await Self.replaceAdminPlan(in: folder)
        #expect(plan.steps.map(\.id) == ["initech/add_member/\(A.jane)", "initech/add_role/\(A.jane)/rol_admin01",
                                         "initech/remove_member/\(A.former)"])
        // What a kill -9 between the fsynced `started` line and the call leaves behind.
        let journal = try Journal(path: path + ".journal", planSHA256: sha)
        try await journal.recordStarted(["initech/add_member/\(A.jane)"])
        await journal.close()
        let (report, after, _) = try await A.apply(path, to: try A.snapshot())
        #expect(report.steps.map(\.status) == [.unknown, .notRun, .notRun])
        #expect(report.steps[2].detail == "stopped: the outcome of initech/add_member/\(A.jane) is unknown")
        #expect(report.organizations.first?.refusal?.contains("recorded no result, and its change is not in place") == true)
        #expect(!report.succeeded)
        #expect(Self.initechMembers(after)[A.former] == ["rol_admin01"], "initech: \(Self.initechMembers(after))")
    }

    @Test("a resumed apply within Auth0's read lag does not skip for good a role for a member an earlier run added")
    func staleReadOnResume() async throws {
        let folder = try A.folder()
        let (_, _, path) = try await Self.replaceAdminPlan(in: folder)
        let configuration = EmulatorConfiguration(consistencyDelay: .seconds(30))
        let ((first, second), after) = try await A.with(try A.snapshot(), configuration: configuration) { client, _ in
            func run(_ writer: any TenantWriter) async throws -> ApplyReport {
                let (plan, sha) = try PlanFile.read(path)
                let journal = try Journal(path: path + ".journal", planSHA256: sha)
                let applier = Applier(reader: client, writer: writer, preflight: {},
                                      readBack: ReadBackPolicy(attempts: 1, delay: .milliseconds(1)), logger: A.quiet)
                let report = try await applier.apply(plan, journal: journal)
                await journal.close()
                return report
            }
            // Run 1: jane is added, then giving her admin fails after the retries.
            let first = try await run(FailingWriter(client, failing: 2))
            // Run 2, straight away, as the report says ("run again").
            let second = try await run(client)
            return (first, second)
        }
        #expect(first.steps.map(\.status) == [.done, .failed, .notRun])
        // Run 2's read does not show jane yet; the journal says run 1 added her.
        #expect(second.steps.map(\.status) == [.alreadyDone, .done, .done],
                "\(second.steps.map { "\($0.status): \($0.detail ?? "")" })")
        #expect(Self.initechMembers(after)[A.jane] == ["rol_admin01"], "initech: \(Self.initechMembers(after))")
        #expect(Self.initechMembers(after)[A.former] == nil)
    }

    @Test("a journal path that is a symbolic link or a pipe is refused, and what it points to is left as it was")
    func journalNotARegularFile() async throws {
        let folder = try A.folder()
        let (_, sha, path) = try await A.plan(try A.snapshot(), in: folder)
        let other = folder.appendingPathComponent("api-key.txt")
        try Data("precious-contents-without-newline".utf8).write(to: other)
        try FileManager.default.createSymbolicLink(atPath: path + ".journal", withDestinationPath: other.path)
        #expect {
            try Journal(path: path + ".journal", planSHA256: sha)
        } throws: { error in
            "\(error)".contains("is a symbolic link")
        }
        #expect(try String(contentsOf: other, encoding: .utf8) == "precious-contents-without-newline")
        // A pipe: refused at once (opening it to write would wait for a reader).
        try FileManager.default.removeItem(atPath: path + ".journal")
        #expect(mkfifo(path + ".journal", 0o600) == 0)
        #expect {
            try Journal(path: path + ".journal", planSHA256: sha)
        } throws: { error in
            "\(error)".contains("not a regular file") || "\(error)".contains("cannot open it")
        }
    }
}
