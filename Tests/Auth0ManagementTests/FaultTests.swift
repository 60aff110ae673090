import Auth0Emulator
import Auth0Management
import Testing

@Suite("Retrying server errors and dropped connections")
struct FaultTests {
    @Test("injected 500/502/503 answers and dropped connections are retried and the read is still exact",
          arguments: [UInt64(42), 3, 5, 19])
    func readsThroughFaults(seed: UInt64) async throws {
        let snapshot = TestTenant.snapshot(organizations: 5, memberCount: { [0, 1, 100, 101, 250][$0] })
        let desired = TestTenant.desired(organizations: snapshot.organizations.map(\.name))
        let faults = FaultConfiguration(seed: seed, errorRate: 0.2, dropRate: 0.1)
        try await ClientHarness.with(snapshot, configuration: EmulatorConfiguration(faults: faults)) { harness in
            // One request at a time, so that the seeded faults fall on the same requests each run.
            let client = try harness.client(concurrency: 1)
            let state = try await client.readCurrentState(of: desired, progress: nil)
            #expect(state.organizations == snapshot.organizations.map { TestTenant.expected($0, in: snapshot) })
            #expect(state.diagnostics.isEmpty)

            let statistics = await client.statistics()
            let log = await harness.apiRequests()
            let serverErrors = log.filter { ($0.status ?? 0) >= 500 }.count
            #expect(serverErrors > 0, "the faults were met")
            #expect(statistics.serverErrors == serverErrors)
            #expect(statistics.connectionFailures > 0, "dropped connections were met")
            #expect(statistics.retries == statistics.serverErrors + statistics.connectionFailures)
            print("faults (seed \(seed)): \(statistics)")
        }
    }

    @Test("a request that fails on every attempt ends the run with the endpoint, status and Auth0's message")
    func givesUp() async throws {
        let snapshot = TestTenant.snapshot(organizations: 1, memberCount: { _ in 1 })
        let faults = FaultConfiguration(errorRate: 1)
        try await ClientHarness.with(snapshot, configuration: EmulatorConfiguration(faults: faults)) { harness in
            let client = try harness.client(retry: RetryPolicy(
                maxAttempts: 3, baseDelay: .milliseconds(1), maxDelay: .milliseconds(5)))
            let error = await #expect(throws: ManagementAPIError.self) {
                try await client.readCurrentState(of: TestTenant.desired(organizations: ["org-000"]), progress: nil)
            }
            guard case .serverError(let endpoint, let status, let message, _, let attempts)? = error else {
                Issue.record("expected a server error, got \(String(describing: error))")
                return
            }
            #expect(endpoint.description == "GET /api/v2/organizations/name/org-000")
            #expect([500, 502, 503].contains(status))
            #expect(message != nil)
            #expect(attempts == 3)
            #expect(await harness.apiRequests().count == 3)
            #expect(error?.description.contains("status.auth0.com") == true)
        }
    }

    @Test("a 4xx other than 401 and 429 is never retried")
    func noRetryOn4xx() async throws {
        let snapshot = TestTenant.snapshot(organizations: 1, memberCount: { _ in 1 })
        try await ClientHarness.with(snapshot) { harness in
            let client = try harness.client()
            let outcome = try await client.removeRoles(
                organizationID: "org_000000", userID: TestTenant.userID(0), roleIDs: ["rol_admin01"])
            #expect(outcome == .written(requests: 1))
            let error = await #expect(throws: ManagementAPIError.self) {
                try await client.removeMembers(organizationID: "org_missing", userIDs: [TestTenant.userID(0)])
            }
            #expect(error?.status == 404)
            #expect(await harness.apiRequests().filter { $0.path == "/api/v2/organizations/org_missing/members" }.count == 1)
        }
    }
}
