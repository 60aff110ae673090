import Auth0Emulator
import Auth0Management
import Foundation
import Roster
import RosterCore
import Testing

@Suite("Apply against the emulator")
struct ApplierTests {
    typealias A = AcmeTenant

    @Test("the example plans exactly: remove former from acme, remove ravi's support role")
    func examplePlan() async throws {
        let folder = try A.folder()
        let (plan, sha, _) = try await A.plan(try A.snapshot(), in: folder)
        #expect(plan.steps.map(\.id) == ["acme/remove_member/\(A.former)", "acme/remove_role/\(A.ravi)/rol_support01"])
        #expect(plan.tenant == A.tenant)
        #expect(sha.count == 64)
        #expect(plan.organization(named: "globex")?.steps.isEmpty == true)
    }

    @Test("apply carries out the plan, journals every step, reads back converged, and a new plan is empty")
    func applyConverges() async throws {
        let folder = try A.folder()
        let snapshot = try A.snapshot()
        let (_, sha, path) = try await A.plan(snapshot, in: folder)
        let (report, after, counts) = try await A.apply(path, to: snapshot)
        #expect(report.succeeded)
        #expect(report.steps.map(\.status) == [.done, .done])
        #expect(report.organizations.map(\.readBack) == [.converged])
        #expect(report.organizations.map(\.changedSincePlan) == [false])
        #expect(A.acme(after)[A.former] == nil)
        #expect(A.acme(after)[A.ravi] == ["rol_viewer01"])
        #expect(A.deletes(counts, "/members") == 1)
        let journal = try String(contentsOfFile: path + ".journal", encoding: .utf8)
        let lines = journal.split(separator: "\n")
        #expect(lines.count == 5)
        #expect(lines.allSatisfy { $0.contains("\"plan_sha256\":\"\(sha)\"") })
        let (again, _, _) = try await A.plan(after, in: try A.folder())
        #expect(!again.hasChanges)
    }

    @Test("a planned member removed meanwhile is skipped and reported, with no call made")
    func memberGoneMeanwhile() async throws {
        let snapshot = try A.snapshot()
        let (_, _, path) = try await A.plan(snapshot, in: try A.folder())
        let moved = A.changingAcme(snapshot) { $0.removeAll { $0.userID == A.former } }
        let (report, _, counts) = try await A.apply(path, to: moved)
        #expect(report.steps.map(\.status) == [.skipped, .done])
        #expect(report.steps[0].detail?.contains("no longer a member") == true)
        #expect(report.organizations[0].changedSincePlan)
        #expect(A.deletes(counts, "/members") == 0)
        #expect(report.succeeded)
    }

    @Test("a planned role removed meanwhile is skipped and reported")
    func roleGoneMeanwhile() async throws {
        let snapshot = try A.snapshot()
        let (_, _, path) = try await A.plan(snapshot, in: try A.folder())
        let moved = A.changingAcme(snapshot) { members in
            members = members.map { $0.userID == A.ravi ? TenantSnapshot.Member(userID: A.ravi, roles: ["rol_viewer01"]) : $0 }
        }
        let (report, _, counts) = try await A.apply(path, to: moved)
        #expect(report.steps.map(\.status) == [.done, .skipped])
        #expect(report.steps[1].detail?.contains("no longer holds the role") == true)
        #expect(A.deletes(counts, "/roles") == 0)
    }

    @Test("a member re-added with other roles is not the reviewed membership: skipped, still a member")
    func readdedWithOtherRoles() async throws {
        let snapshot = try A.snapshot()
        let (_, _, path) = try await A.plan(snapshot, in: try A.folder())
        let moved = A.changingAcme(snapshot) { members in
            members.removeAll { $0.userID == A.former }
            members.append(TenantSnapshot.Member(userID: A.former, roles: ["rol_billing01"]))
        }
        let (report, after, _) = try await A.apply(path, to: moved)
        #expect(report.steps[0].status == .skipped)
        #expect(report.steps[0].detail?.contains("changed since the plan") == true)
        #expect(A.acme(after)[A.former] == ["rol_billing01"])
    }

    @Test("a member added after the plan is untouched")
    func newMemberUntouched() async throws {
        var snapshot = try A.snapshot()
        snapshot.users.append(TenantSnapshot.User(userID: "auth0|newcomer", email: "new@example.com"))
        let (_, _, path) = try await A.plan(snapshot, in: try A.folder())
        let moved = A.changingAcme(snapshot) { $0.append(TenantSnapshot.Member(userID: "auth0|newcomer", roles: ["rol_admin01"])) }
        let (report, after, _) = try await A.apply(path, to: moved)
        #expect(report.succeeded)
        #expect(A.acme(after)["auth0|newcomer"] == ["rol_admin01"])
        #expect(A.acme(after)[A.former] == nil)
    }

    @Test("a guard tripped only by changes after the plan refuses the organization, nothing changed in it")
    func guardTrippedAfterPlan() async throws {
        // former holds admin too; jane and breakglass keep admin at plan time, so the plan passes.
        let snapshot = A.changingAcme(try A.snapshot()) { members in
            members = members.map { $0.userID == A.former ? TenantSnapshot.Member(userID: A.former, roles: ["rol_admin01", "rol_viewer01"]) : $0 }
        }
        let (plan, _, path) = try await A.plan(snapshot, in: try A.folder())
        #expect(plan.steps.count == 2)
        // Meanwhile jane and breakglass lose admin: removing former would leave none.
        let moved = A.changingAcme(snapshot) { members in
            members = members.map { member in
                member.userID == A.jane || member.userID == "auth0|breakglass"
                    ? TenantSnapshot.Member(userID: member.userID, roles: member.roles.filter { $0 != "rol_admin01" }) : member
            }
        }
        let (report, after, counts) = try await A.apply(path, to: moved)
        #expect(!report.succeeded)
        #expect(report.organizations[0].refusal?.contains("min_role_holders") == true)
        #expect(report.steps.map(\.status) == [.notRun, .notRun])
        #expect(A.acme(after)[A.former] != nil)
        #expect(A.deletes(counts, "/members") + A.deletes(counts, "/roles") == 0)
    }

    @Test("a failure halfway stops the organization; applying again resumes without repeating done steps")
    func resumeAfterFailure() async throws {
        let snapshot = try A.snapshot()
        let (_, _, path) = try await A.plan(snapshot, in: try A.folder())
        let (first, halfway, _) = try await A.apply(path, to: snapshot) { FailingWriter($0, failing: 2) }
        #expect(first.steps.map(\.status) == [.done, .failed])
        #expect(!first.succeeded)
        #expect(A.acme(halfway)[A.former] == nil)
        #expect(A.acme(halfway)[A.ravi]?.contains("rol_support01") == true)

        let (second, after, counts) = try await A.apply(path, to: halfway)
        #expect(second.steps.map(\.status) == [.alreadyDone, .done])
        #expect(second.succeeded)
        #expect(A.deletes(counts, "/members") == 0)
        #expect(A.acme(after)[A.ravi] == ["rol_viewer01"])
    }

    @Test("member removals go in calls of the client's batch size, each journaled: a failed call fails only its own")
    func memberBatches() async throws {
        var snapshot = try A.snapshot()
        let extra = ["auth0|extra1", "auth0|extra2"]
        snapshot.users += extra.map { TenantSnapshot.User(userID: $0, email: nil) }
        snapshot = A.changingAcme(snapshot) { members in
            members += extra.map { TenantSnapshot.Member(userID: $0, roles: []) }
        }
        let (plan, _, path) = try await A.plan(snapshot, in: try A.folder())
        #expect(plan.organization(named: "acme")?.memberRemovals.count == 3)
        let (report, after, _) = try await A.apply(path, to: snapshot) {
            FailingWriter($0, failing: 2, memberRemovalBatchSize: 2)
        }
        #expect(report.steps.map(\.status) == [.done, .done, .failed, .notRun])
        #expect(A.acme(after)[A.former] == nil)
        #expect(A.acme(after)["auth0|extra1"] == nil)
        #expect(A.acme(after)["auth0|extra2"] != nil)
        let journal = try String(contentsOfFile: path + ".journal", encoding: .utf8)
        #expect(journal.split(separator: "\n").filter { $0.contains("\"result\":\"done\"") }.count == 2)
    }

    @Test("No such role for a multi-role call: each role is journaled by what the member still holds")
    func multiRoleAlreadyGone() async throws {
        let snapshot = A.changingAcme(try A.snapshot()) { members in
            members = members.map {
                $0.userID == A.ravi ? TenantSnapshot.Member(userID: A.ravi, roles: ["rol_viewer01", "rol_support01", "rol_billing01"]) : $0
            }
        }
        let (plan, _, path) = try await A.plan(snapshot, in: try A.folder())
        #expect(plan.steps.map(\.roleID) == [nil, "rol_billing01", "rol_support01"])
        let (report, after, _) = try await A.apply(path, to: snapshot) { PartlyGoneRolesWriter($0) }
        #expect(report.steps.map(\.status) == [.done, .done, .failed])
        #expect(report.steps[2].detail?.contains("still holds") == true)
        #expect(A.acme(after)[A.ravi] == ["rol_support01", "rol_viewer01"])
        // The failed role is tried again by a re-run.
        let (second, final, _) = try await A.apply(path, to: after)
        #expect(second.steps.map(\.status) == [.alreadyDone, .alreadyDone, .done])
        #expect(A.acme(final)[A.ravi] == ["rol_viewer01"])
    }

    @Test("a failure stops only its own organization; the others go on")
    func failureStopsOneOrganization() async throws {
        // globex's ravi also holds billing, which globex.yaml does not list: a role removal there.
        var snapshot = try A.snapshot()
        let globex = snapshot.organizations.firstIndex { $0.name == "globex" }!
        snapshot.organizations[globex].members = snapshot.organizations[globex].members.map {
            $0.userID == A.ravi ? TenantSnapshot.Member(userID: A.ravi, roles: ["rol_admin01", "rol_billing01"]) : $0
        }
        let (plan, _, path) = try await A.plan(snapshot, in: try A.folder())
        #expect(plan.steps.map(\.organization) == ["acme", "acme", "globex"])
        let (report, after, _) = try await A.apply(path, to: snapshot) { FailingWriter($0, failing: 1) }
        #expect(report.steps.map(\.status) == [.failed, .notRun, .done])
        #expect(!report.succeeded)
        #expect(A.acme(after)[A.former] != nil)
        let globexAfter = after.organizations.first { $0.name == "globex" }!
        #expect(globexAfter.members.first { $0.userID == A.ravi }?.roles == ["rol_admin01"])
    }

    @Test("each organization is read just before it runs: a change made while an earlier one ran is seen")
    func laterOrganizationReadFresh() async throws {
        var snapshot = try A.snapshot()
        let globex = snapshot.organizations.firstIndex { $0.name == "globex" }!
        snapshot.organizations[globex].members = snapshot.organizations[globex].members.map {
            $0.userID == A.ravi ? TenantSnapshot.Member(userID: A.ravi, roles: ["rol_admin01", "rol_billing01"]) : $0
        }
        let (plan, _, path) = try await A.plan(snapshot, in: try A.folder())
        let globexID = plan.organization(named: "globex")!.id
        #expect(plan.steps.map(\.organization) == ["acme", "acme", "globex"])
        // While acme runs, someone else takes billing from ravi in globex.
        let (report, _, _) = try await A.apply(path, to: snapshot) { base in
            MeddlingWriter(base) { try await base.removeRoles(organizationID: globexID, userID: A.ravi, roleIDs: ["rol_billing01"]) }
        }
        #expect(report.steps.map(\.status) == [.done, .done, .skipped])
        #expect(report.steps[2].detail?.contains("no longer holds the role") == true)
    }

    @Test("a kill between a call and its journal line double-applies nothing: the step is found already gone")
    func killedBeforeJournaling() async throws {
        let snapshot = try A.snapshot()
        let (_, _, path) = try await A.plan(snapshot, in: try A.folder())
        // The member removal reached the tenant, the journal never heard of it.
        let afterKill = A.changingAcme(snapshot) { $0.removeAll { $0.userID == A.former } }
        let (report, _, counts) = try await A.apply(path, to: afterKill)
        #expect(report.steps.map(\.status) == [.skipped, .done])
        #expect(A.deletes(counts, "/members") == 0)
    }

    @Test("a step started without a recorded result whose change is in place is found done, not run again")
    func startedAndInPlace() async throws {
        let snapshot = try A.snapshot()
        let (_, sha, path) = try await A.plan(snapshot, in: try A.folder())
        let journal = try Journal(path: path + ".journal", planSHA256: sha)
        try await journal.recordStarted(["acme/remove_member/\(A.former)"])
        await journal.close()
        // The call went through before the kill: the member is gone.
        let afterKill = A.changingAcme(snapshot) { $0.removeAll { $0.userID == A.former } }
        let (report, _, counts) = try await A.apply(path, to: afterKill)
        #expect(report.steps.map(\.status) == [.alreadyDone, .done])
        #expect(report.steps[0].detail?.contains("found in place") == true)
        #expect(report.succeeded)
        #expect(A.deletes(counts, "/members") == 0)
        let resumed = try Journal(path: path + ".journal", planSHA256: sha)
        #expect(await resumed.finished["acme/remove_member/\(A.former)"]?.result == .done)
        #expect(await resumed.unknown.isEmpty)
        await resumed.close()
    }

    @Test("a step started without a recorded result whose change is not in place is not run again, nor are the steps after it")
    func startedWithoutResult() async throws {
        let snapshot = try A.snapshot()
        let (_, sha, path) = try await A.plan(snapshot, in: try A.folder())
        let journal = try Journal(path: path + ".journal", planSHA256: sha)
        try await journal.recordStarted(["acme/remove_member/\(A.former)"])
        await journal.close()
        let (report, after, counts) = try await A.apply(path, to: snapshot)
        // Like a failed step, it stops its organization: the role removal after it waits for a new plan.
        #expect(report.steps.map(\.status) == [.unknown, .notRun])
        #expect(report.steps[0].detail?.contains("outcome unknown, not run again; plan again") == true)
        #expect(A.deletes(counts, "/roles") == 0)
        #expect(!report.succeeded)
        #expect(A.deletes(counts, "/members") == 0)
        #expect(A.acme(after)[A.former] != nil)
        // Only the line written before the kill: nothing else was started.
        let lines = try String(contentsOfFile: path + ".journal", encoding: .utf8).split(separator: "\n")
        #expect(lines.filter { $0.contains("\"result\":\"started\"") }.count == 1)
    }

    @Test("a journal cut short mid-line by a kill is read up to its last whole line")
    func truncatedJournal() async throws {
        let snapshot = try A.snapshot()
        let (_, _, path) = try await A.plan(snapshot, in: try A.folder())
        let (_, halfway, _) = try await A.apply(path, to: snapshot) { FailingWriter($0, failing: 2) }
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path + ".journal"))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("{\"type\":\"step\",\"plan_sh".utf8))
        try handle.close()
        let (second, _, _) = try await A.apply(path, to: halfway)
        #expect(second.steps.map(\.status) == [.alreadyDone, .done])
        let lines = try String(contentsOfFile: path + ".journal", encoding: .utf8).split(separator: "\n")
        #expect(lines.allSatisfy { $0.hasSuffix("}") })
    }

    @Test("read-back retries while member lists lag, and reports pending when the attempts run out",
          arguments: [(8, 300, ApplyReport.ReadBack.converged), (1, 60_000, .pending)])
    func readBack(attempts: Int, lagMilliseconds: Int, expected: ApplyReport.ReadBack) async throws {
        // Pending: the lag (60 s) is far longer than the one attempt, however slow the machine.
        let snapshot = try A.snapshot()
        let (_, _, path) = try await A.plan(snapshot, in: try A.folder())
        let (report, _, _) = try await A.apply(
            path, to: snapshot, configuration: EmulatorConfiguration(consistencyDelay: .milliseconds(lagMilliseconds)),
            readBack: ReadBackPolicy(attempts: attempts, delay: .milliseconds(100)))
        #expect(report.steps.map(\.status) == [.done, .done])
        #expect(report.organizations.map(\.readBack) == [expected])
    }

    @Test("a second apply of the same plan while one runs is refused by the journal lock, nothing changed")
    func concurrentApply() async throws {
        let snapshot = try A.snapshot()
        let (_, sha, path) = try await A.plan(snapshot, in: try A.folder())
        let running = try Journal(path: path + ".journal", planSHA256: sha)
        do {
            _ = try await A.apply(path, to: snapshot)
            Issue.record("the second apply ran")
        } catch let error as SessionError {
            #expect(error.description.contains("another apply of this plan is running"))
        }
        await running.close()
        // Once the first is done, the plan applies.
        let (report, _, _) = try await A.apply(path, to: snapshot)
        #expect(report.succeeded)
    }

    @Test("a read-back error after changes keeps the report: read back pending with the error, not succeeded")
    func readBackError() async throws {
        let snapshot = try A.snapshot()
        let (_, _, path) = try await A.plan(snapshot, in: try A.folder())
        let (report, after, _) = try await A.apply(path, to: snapshot, reader: { FailingReader($0, failingFrom: 2) })
        #expect(report.steps.map(\.status) == [.done, .done])
        #expect(report.organizations.map(\.readBack) == [.pending])
        #expect(report.organizations[0].readBackError?.contains("injected") == true)
        #expect(!report.succeeded)
        #expect(report.renderedText().contains("reading the tenant back failed"))
        #expect(A.acme(after)[A.former] == nil)
    }

    @Test("an organization recreated since the plan is refused with what to do")
    func organizationRecreated() async throws {
        let snapshot = try A.snapshot()
        let (_, _, path) = try await A.plan(snapshot, in: try A.folder())
        var moved = snapshot
        let index = moved.organizations.firstIndex { $0.name == "acme" }!
        moved.organizations[index].id = "org_recreated000001"
        let (report, _, counts) = try await A.apply(path, to: moved)
        #expect(report.organizations[0].refusal?.contains("Check whether it was deleted or recreated, then plan again") == true)
        #expect(A.deletes(counts, "/members") + A.deletes(counts, "/roles") == 0)
    }

    @Test("a plan file that cannot be written says what to check")
    func planFileUnwritable() throws {
        let plan = Plan(desiredStateSHA256: "", overrideGuards: false, organizations: [])
        #expect {
            _ = try PlanFile.write(plan, to: "/nonexistent-\(UUID().uuidString)/plan.json")
        } throws: { error in
            "\(error)".contains("check the folder exists and is writable")
        }
    }

    @Test("the journal of another plan is refused")
    func journalOfAnotherPlan() async throws {
        let folder = try A.folder()
        let (_, _, path) = try await A.plan(try A.snapshot(), in: folder)
        let other = String(repeating: "a", count: 64)
        _ = try Journal(path: path + ".journal", planSHA256: other)
        #expect(throws: SessionError.self) {
            _ = try Journal(path: path + ".journal", planSHA256: String(repeating: "b", count: 64))
        }
    }

    @Test("neither the plan file nor the journal holds a secret or a token")
    func noSecrets() async throws {
        let snapshot = try A.snapshot()
        let (_, _, path) = try await A.plan(snapshot, in: try A.folder())
        let (report, _, _) = try await A.apply(path, to: snapshot) { FailingWriter($0, failing: 2) }
        let texts = [try String(contentsOfFile: path, encoding: .utf8),
                     try String(contentsOfFile: path + ".journal", encoding: .utf8), report.renderedText()]
        for text in texts {
            #expect(!text.contains("roster-ci-secret"))
            #expect(!text.contains("eyJ"))
            #expect(!text.lowercased().contains("bearer"))
        }
    }
}
