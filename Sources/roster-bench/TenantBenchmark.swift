import Auth0Emulator
import Foundation

/// Scenarios 3 to 5 as table rows: request counts against the minimum, wall times, and
/// wall times under a rate limit against the ideal (requests / rate).
struct TenantBenchmark {
    var planOrganizations: Int
    var applyOrganizations: Int
    var rate: Double
    var scenarios: Set<RosterBench.Scenario>

    func run(into table: inout BenchTable) async throws {
        let http = try HTTPBenchmark()
        defer { http.cleanUp() }
        let limit = RateLimitConfiguration(requestsPerSecond: rate, burst: Int(rate))
        let rateText = String(format: "%g/s", rate)
        if scenarios.contains(.plan) {
            let members = 100
            let fixture = TenantFixture.plan(organizations: planOrganizations, members: members)
            let minimum = RequestFormula.plan(memberCounts: fixture.memberCounts, roles: TenantFixture.roles.count)
            let name = "plan over HTTP, \(planOrganizations) orgs x \(members) members"
            let free = try await http.plan(fixture, rateLimit: nil)
            try check(free, fixture)
            table.addCount(name + ": requests", measured: free.requests, minimum: minimum)
            let perMember = 1 + planOrganizations + planOrganizations * members
            table.add("  a client reading roles per member (1 + orgs + members)", measured: "\(perMember) requests",
                      limit: "Roster \(free.requests)", ratio: Double(perMember) / Double(free.requests), target: .detail)
            table.add(name + ": wall time", measured: Stopwatch.seconds(free.seconds),
                      limit: String(format: "%.0f requests/s", Double(free.requests) / free.seconds), ratio: 1, target: .detail)
            let limited = try await http.plan(fixture, rateLimit: limit)
            try check(limited, fixture)
            addLimited(name, limited, minimum: minimum, rateText: rateText, into: &table)
        }
        if scenarios.contains(.apply) {
            let fixture = TenantFixture.apply(organizations: applyOrganizations)
            let minimum = RequestFormula.apply(
                before: fixture.memberCounts, after: zip(fixture.memberCounts, fixture.removed).map { $0 - $1 },
                removed: fixture.removed, roleStripped: fixture.roleStripped)
            let minimumWrites = RequestFormula.writes(removed: fixture.removed, roleStripped: fixture.roleStripped)
            let name = "apply \(fixture.memberRemovals) member + \(fixture.roleRemovals) role removals, \(applyOrganizations) orgs"
            let free = try await http.apply(fixture, rateLimit: nil)
            try check(free, fixture)
            table.addCount(name + ": writes", measured: free.writes, minimum: minimumWrites)
            table.addCount(name + ": requests", measured: free.requests, minimum: minimum)
            table.add(name + ": wall time", measured: Stopwatch.seconds(free.seconds),
                      limit: String(format: "%.0f requests/s", Double(free.requests) / free.seconds), ratio: 1, target: .detail)
            let limited = try await http.apply(fixture, rateLimit: limit)
            try check(limited, fixture)
            addLimited(name, limited, minimum: minimum, rateText: rateText, into: &table)
        }
    }

    /// Rows of a rate-limited run: requests (429s left out) against the minimum, wall time
    /// against the ideal, 429s against 1% of requests.
    private func addLimited(_ name: String, _ run: HTTPBenchmark.Measurement, minimum: Int, rateText: String,
                            into table: inout BenchTable) {
        table.addCount("  at \(rateText): requests other than 429", measured: run.requests - run.rateLimited, minimum: minimum)
        let ideal = Double(minimum) / rate
        table.add("  at \(rateText): wall time", measured: Stopwatch.seconds(run.seconds),
                  limit: "ideal " + Stopwatch.seconds(ideal), ratio: run.seconds / ideal, target: .atMost(1.1))
        let share = Double(run.rateLimited) / Double(max(1, run.requests))
        table.add("  at \(rateText): 429 answers", measured: "\(run.rateLimited)",
                  limit: "1% of \(run.requests)", ratio: share / 0.01, target: .atMost(1))
    }

    private func check(_ run: HTTPBenchmark.Measurement, _ fixture: TenantFixture) throws {
        guard run.plan.memberRemovalCount == fixture.memberRemovals, run.plan.roleRemovalCount == fixture.roleRemovals else {
            throw BenchError("the plan holds \(run.plan.memberRemovalCount) member and \(run.plan.roleRemovalCount) role "
                             + "removals, expected \(fixture.memberRemovals) and \(fixture.roleRemovals)")
        }
    }
}
