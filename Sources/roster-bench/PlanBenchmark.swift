import Foundation
import RosterCore
import RosterYAML

/// Scenario 2: the pure diff of `organizations x 100` memberships against a current state
/// that differs in 1% of members and 5% of roles, compared with loading the same data
/// from YAML. Runs in a child process (``runChild(organizations:repeats:)``), so that the
/// child's peak resident size is that of load + plan alone.
struct PlanBenchmark {
    var organizations: Int
    var repeats: Int

    /// Re-runs this executable with `--plan-child` and adds its figures to the table.
    func run(into table: inout BenchTable) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.executablePath)
        process.arguments = ["--plan-child", "\(organizations)", "--repeats", "\(repeats)"]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        var fields: [String: Double] = [:]
        for pair in text.split(whereSeparator: \.isWhitespace) {
            let parts = pair.split(separator: "=")
            if parts.count == 2, let value = Double(parts[1]) { fields[String(parts[0])] = value }
        }
        guard process.terminationStatus == 0, let load = fields["load"], let plan = fields["plan"],
              let oneCore = fields["plan1"], let digests = fields["digests"], let peak = fields["peak"] else {
            throw BenchError("the planning child process failed (status \(process.terminationStatus)): \(text)")
        }
        let members = organizations * 100
        table.add("plan \(members) memberships (1% members, 5% roles differ)", measured: Stopwatch.seconds(plan),
                  limit: "load " + Stopwatch.seconds(load), ratio: plan / load, target: .atMost(0.25))
        table.add("  the same plan on one core", measured: Stopwatch.seconds(oneCore),
                  limit: "load " + Stopwatch.seconds(load), ratio: oneCore / load, target: .detail)
        table.add("  of which the state digests, on one core", measured: Stopwatch.seconds(digests),
                  limit: "load " + Stopwatch.seconds(load), ratio: digests / load, target: .detail)
        let mebibytes = peak / 1_048_576
        table.add("peak resident memory, load + plan of \(members) members", measured: String(format: "%.0f MiB", mebibytes),
                  limit: "1024 MiB", ratio: mebibytes / 1024, target: .atMost(1))
    }

    /// The child's work: generate, load, build the current state, plan on every core and on
    /// one, and compute the digests a plan records (the desired state's and every
    /// organization's) on their own; prints `load=S plan=S plan1=S digests=S peak=BYTES`.
    static func runChild(organizations: Int, repeats: Int) throws {
        let bytes = DesiredStateGenerator(organizations: organizations, membersPerOrganization: 100).yaml()
        var loadTimes: [Double] = []
        var loaded: DesiredState?
        for _ in 0 ..< repeats {
            loaded = nil
            let (result, seconds) = Stopwatch.time { DesiredStateLoader().load(sources: [("bench.yaml", bytes)]) }
            guard result.isValid else { throw BenchError("generated file did not load") }
            loaded = result.state
            loadTimes.append(seconds)
        }
        guard let desired = loaded else { throw BenchError("nothing loaded") }
        let (current, expected) = currentState(of: desired)
        var planTimes: [Double] = []
        var oneCoreTimes: [Double] = []
        var digestTimes: [Double] = []
        for _ in 0 ..< repeats {
            // All cores (the default), and one core, alternating.
            for parallel in [true, false] {
                let (plan, seconds) = Stopwatch.time {
                    try? Planner.plan(desired: desired, current: current, options: PlanOptions(parallel: parallel))
                }
                guard let plan, plan.memberRemovalCount == expected.members, plan.roleRemovalCount == expected.roles else {
                    throw BenchError("the plan is not the expected one")
                }
                if parallel { planTimes.append(seconds) } else { oneCoreTimes.append(seconds) }
            }
        }
        // The peak of load + plan, before the digests are timed on their own.
        let peak = Stopwatch.peakResidentBytes()
        for _ in 0 ..< repeats {
            let (digests, seconds) = Stopwatch.time {
                [StateDigest.of(desired)] + current.organizations.map { StateDigest.of($0) }
            }
            guard digests.count == current.organizations.count + 1 else { throw BenchError("digests missing") }
            digestTimes.append(seconds)
        }
        print("load=\(Stopwatch.median(loadTimes)) plan=\(Stopwatch.median(planTimes))",
              "plan1=\(Stopwatch.median(oneCoreTimes)) digests=\(Stopwatch.median(digestTimes))",
              "peak=\(peak)")
    }

    /// The tenant's state for a desired state: every declared member with its roles, plus an
    /// undeclared member after every 100th one and an undeclared role on every 20th one.
    static func currentState(of desired: DesiredState) -> (TenantState, expected: (members: Int, roles: Int)) {
        let roleIDs = Dictionary(uniqueKeysWithValues: DesiredStateGenerator.roles.map { ($0, "rol_\($0)") })
        var emails: [String: String] = [:]
        var organizations: [CurrentOrganization] = []
        organizations.reserveCapacity(desired.organizations.count)
        var counter = 0
        var expected = (members: 0, roles: 0)
        for spec in desired.organizations {
            var members: [CurrentMember] = []
            members.reserveCapacity((spec.members?.count ?? 0) + 2)
            for member in spec.members ?? [] {
                var email: String?
                let userID: String
                switch member.principal {
                case .userID(let id): userID = id
                case .email(let address):
                    userID = "auth0|" + address
                    emails[address] = userID
                    email = address
                }
                let names = (member.roles ?? []).map(\.description)
                var roles = names.map { TenantRole(id: roleIDs[$0]!, name: $0) }
                counter += 1
                if counter % 20 == 0, let extra = DesiredStateGenerator.roles.first(where: { !names.contains($0) }) {
                    roles.append(TenantRole(id: roleIDs[extra]!, name: extra))
                    expected.roles += 1
                }
                members.append(CurrentMember(userID: userID, email: email, roles: roles))
                if counter % 100 == 0 {
                    members.append(CurrentMember(userID: "auth0|former-\(counter)", roles: [TenantRole(id: "rol_viewer", name: "viewer")]))
                    expected.members += 1
                }
            }
            organizations.append(CurrentOrganization(id: spec.id ?? "org_unpinned", name: spec.name, members: members))
        }
        let resolution = Resolution(roleIDsByName: roleIDs, userIDsByEmail: emails)
        return (TenantState(organizations: organizations, resolution: resolution, diagnostics: []), expected)
    }

    /// This executable, to run it again as a child.
    static var executablePath: String {
        #if os(Linux)
        return (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        #else
        return CommandLine.arguments[0]
        #endif
    }
}
