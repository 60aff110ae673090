@testable import Auth0Management
import Auth0Emulator
import Foundation
import Testing

@Suite("Removing members and member roles")
struct WriterTests {
    @Test("member removals are batched 50 per call and the tenant ends up exact")
    func batchedRemovals() async throws {
        let snapshot = TestTenant.snapshot(organizations: 1, memberCount: { _ in 130 })
        try await ClientHarness.with(snapshot) { harness in
            let removed = (0 ..< 120).map(TestTenant.userID)
            let outcome = try await harness.client().removeMembers(organizationID: "org_000000", userIDs: removed + removed)
            #expect(outcome == .written(requests: 3))
            let log = await harness.apiRequests()
            #expect(log.map(\.description) == Array(repeating: "DELETE /api/v2/organizations/org_000000/members 204", count: 3))
            let remaining = await harness.emulator.snapshot().organizations[0].members.map(\.userID)
            #expect(remaining == (120 ..< 130).map(TestTenant.userID))
        }
    }

    @Test("batches also stay under 512,000 bytes of body, in order", arguments: [50, 7])
    func bodySizeLimit(batchSize: Int) throws {
        let ids = (0 ..< 120).map { "auth0|" + String(repeating: "x", count: 20_000) + String($0) }
        let batches = try IDListRequestBody.batches(of: ids, key: "members", batchSize: batchSize, maxBytes: 512_000).get()
        #expect(batches.flatMap { $0 } == ids)
        for batch in batches {
            let size = IDListRequestBody(key: "members", ids: batch).encoded().count
            #expect(size < 512_000)
            #expect(batch.count <= batchSize)
        }
        #expect(batches.count == (batchSize == 50 ? 5 : 18))  // 25 ids of ~20 kB fit in one body
    }

    @Test("an id too long for any body is refused before anything is sent")
    func oversizedID() async throws {
        let snapshot = TestTenant.snapshot(organizations: 1, memberCount: { _ in 1 })
        try await ClientHarness.with(snapshot) { harness in
            let error = await #expect(throws: ManagementAPIError.self) {
                try await harness.client().removeMembers(
                    organizationID: "org_000000", userIDs: [String(repeating: "y", count: 600_000)])
            }
            guard case .bodyTooLarge(_, let bytes, let limit)? = error else { Issue.record("\(String(describing: error))"); return }
            #expect(bytes > limit)
            #expect(await harness.apiRequests().isEmpty)
        }
    }

    @Test("large ids are removed through the emulator in bodies it accepts")
    func largeIDsEndToEnd() async throws {
        var snapshot = TestTenant.snapshot(organizations: 1, memberCount: { _ in 0 })
        let ids = (0 ..< 60).map { "auth0|" + String(repeating: "z", count: 30_000) + String($0) }
        snapshot.users += ids.map { .init(userID: $0) }
        snapshot.organizations[0].members = ids.map { .init(userID: $0) }
        try await ClientHarness.with(snapshot) { harness in
            let outcome = try await harness.client().removeMembers(organizationID: "org_000000", userIDs: ids)
            #expect(outcome == .written(requests: 4))  // 16 ids of ~30 kB per body
            #expect(await harness.apiRequests().allSatisfy { $0.status == 204 })
            #expect(await harness.emulator.snapshot().organizations[0].members.isEmpty)
        }
    }

    @Test("a member's roles are removed in one call; a role already gone counts as done, other 404s are errors")
    func roleRemovals() async throws {
        let snapshot = TestTenant.snapshot(organizations: 1, memberCount: { _ in 2 })
        try await ClientHarness.with(snapshot) { harness in
            let client = try harness.client()
            let user = TestTenant.userID(0)  // viewer and admin
            #expect(try await client.removeRoles(
                organizationID: "org_000000", userID: user, roleIDs: ["rol_viewer01", "rol_admin01"]) == .written(requests: 1))
            #expect(await harness.emulator.snapshot().organizations[0].members[0].roles.isEmpty)
            // A role deleted from the tenant: Auth0 answers 404 "No such role" (recording 12).
            #expect(try await client.removeRoles(organizationID: "org_000000", userID: user, roleIDs: ["rol_deleted"])
                == .alreadyGone(message: "No such role with id: rol_deleted"))
            // A member already removed: Auth0 was never seen to answer this, so the 404 is an
            // error rather than a guess that the roles are gone.
            _ = try await client.removeMembers(organizationID: "org_000000", userIDs: [TestTenant.userID(1)])
            let error = await #expect(throws: ManagementAPIError.self) {
                try await client.removeRoles(organizationID: "org_000000", userID: TestTenant.userID(1), roleIDs: ["rol_viewer01"])
            }
            #expect(error?.status == 404)
            #expect(try await client.removeRoles(organizationID: "org_000000", userID: user, roleIDs: []) == .nothing)
            let roleCalls = await harness.apiRequests().filter { $0.path.hasSuffix("/roles") }
            #expect(roleCalls.map { $0.status } == [204, 404, 404])
        }
    }

    @Test("removing members who are already gone is a plain success against the emulator (204, as recording 10 shows for a member)")
    func membersAlreadyGone() async throws {
        let snapshot = TestTenant.snapshot(organizations: 1, memberCount: { _ in 2 })
        try await ClientHarness.with(snapshot) { harness in
            let client = try harness.client()
            #expect(try await client.removeMembers(organizationID: "org_000000", userIDs: [TestTenant.userID(1)]) == .written(requests: 1))
            #expect(try await client.removeMembers(organizationID: "org_000000", userIDs: [TestTenant.userID(1)]) == .written(requests: 1))
            #expect(await harness.apiRequests().map(\.status) == [204, 204])
        }
    }

    @Test("only \"No such role\" counts as already gone; unconfirmed 404 texts do not", arguments: [
        ("No such role with id: rol_1", true),
        ("No such user with id: auth0|1", false),
        ("The user auth0|1 is not a member of the organization", false),
        ("No organization found by that id or name", false),
        ("Not Found", false),
    ])
    func alreadyGoneMessages(message: String, gone: Bool) {
        #expect(ManagementAPIClient.meansAlreadyGone(message) == gone)
    }

    @Test("removals answered 503 after being applied are retried and end exact")
    func appliedButUnavailable() async throws {
        let snapshot = TestTenant.snapshot(organizations: 1, memberCount: { _ in 100 })
        let faults = FaultConfiguration(seed: 3, appliedButUnavailableRate: 0.5)
        try await ClientHarness.with(snapshot, configuration: EmulatorConfiguration(faults: faults)) { harness in
            let client = try harness.client(concurrency: 1, deleteBatchSize: 10)
            let outcome = try await client.removeMembers(organizationID: "org_000000", userIDs: (0 ..< 60).map(TestTenant.userID))
            #expect(outcome == .written(requests: 6))
            for index in 60 ..< 64 {
                _ = try await client.removeRoles(organizationID: "org_000000", userID: TestTenant.userID(index),
                                                 roleIDs: ["rol_viewer01", "rol_admin01"])
            }
            let members = await harness.emulator.snapshot().organizations[0].members
            #expect(members.map(\.userID) == (60 ..< 100).map(TestTenant.userID))
            #expect(members.prefix(4).allSatisfy { $0.roles.isEmpty })
            let unavailable = await harness.apiRequests().filter { $0.status == 503 }.count
            #expect(unavailable > 0, "the fault was met")
            #expect(await client.statistics().serverErrors == unavailable)
        }
    }
}
