import Dispatch
import Foundation

/// Computes the removals that bring a tenant in line with a desired state. A pure function
/// of its inputs: no file, clock, logger or network.
public enum Planner {
    /// The plan for every organization whose membership the desired state manages.
    ///
    /// Organizations come in name order; in each, member additions, role additions, member
    /// removals, then role removals, each by user id (and role). Protected principals are
    /// kept and noted; declared members and roles the tenant lacks are added, or noted as
    /// not present when additions are off (`policy.additions: false`, `--no-additions`).
    ///
    /// - Throws: ``PlanRefusal`` when any name did not resolve (an email matching no user
    ///   or several, an unknown role, an organization not found) or a member is declared
    ///   twice: a plan is never made from a guess.
    public static func plan(
        desired: DesiredState, current: TenantState, options: PlanOptions = PlanOptions()
    ) throws(PlanRefusal) -> Plan {
        let pass = Pass(desired: desired, current: current, options: options)
        if pass.problems.containsErrors { throw PlanRefusal(diagnostics: Array(Set(pass.problems))) }
        return Plan(desiredStateSHA256: pass.desiredStateSHA256, overrideGuards: options.overrideGuards,
                    organizations: pass.organizations.compactMap(\.plan))
    }

    /// One planning pass over every managed organization, which never refuses: what
    /// resolved is planned, and what did not is in ``problems``. ``plan(desired:current:options:)``
    /// refuses when there are problems; a drift report lists them.
    ///
    /// Organizations are independent of each other, so a large desired state is planned in
    /// runs of consecutive organizations on every core; the results are put together in
    /// name order, the same whatever the number of runs.
    struct Pass {
        /// One managed organization.
        struct Organization {
            /// As declared.
            var spec: OrganizationSpec
            /// Its plan, or `nil` when it was not read from the tenant.
            var plan: OrganizationPlan?
            /// What an additive policy leaves alone.
            var leftAlone: [(member: CurrentMember, role: TenantRole?)]
        }

        /// The managed organizations, by name.
        var organizations: [Organization] = []
        /// Every problem: the tenant read's errors, then the planner's own.
        var problems: [Diagnostic]
        /// ``StateDigest/of(_:)-desired`` of the desired state, computed on the way.
        var desiredStateSHA256: String

        /// Below this many declared members a pass runs on the calling thread alone.
        static let membersPerRun = 20_000

        /// - Parameter runs: how many runs to split the organizations into; by default one
        ///   per ``membersPerRun`` members, at most eight per core (short runs keep every
        ///   core busy to the end).
        init(desired: DesiredState, current: TenantState, options: PlanOptions = PlanOptions(), runs: Int? = nil) {
            problems = current.diagnostics.filter { $0.severity == .error }
            let context = Context(
                desired: desired, current: current, options: options,
                located: Set(problems.compactMap(\.location)),
                // By name, the first of a name as `TenantState.organization(named:)` finds it:
                // one look-up per organization instead of a search through all of them.
                byName: Dictionary(current.organizations.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first }))
            let order = desired.organizationOrder
            let cores = options.parallel ? Parallel.cores : 1
            let count = max(1, min(order.count, runs ?? (cores == 1 ? 1 : min(desired.memberCount / Self.membersPerRun, 8 * cores))))
            let runs = Runs(count: count)
            if count == 1 {
                // One run hashes the desired state's JSON as it writes it, without keeping it.
                runs.finishAlone { digest in context.run(order[...], first: true, digest: &digest) }
            } else {
                let bounds = (0 ... count).map { $0 * order.count / count }
                DispatchQueue.concurrentPerform(iterations: count) { run in
                    var digest = CanonicalJSONHasher(collecting: true)
                    var result = context.run(order[bounds[run] ..< bounds[run + 1]], first: run == 0, digest: &digest)
                    result.digest = digest.collected
                    runs.finish(run, result)
                }
            }
            for run in runs.results {
                organizations += run.organizations
                problems += run.problems
            }
            desiredStateSHA256 = runs.digest()
        }

        /// The runs' results, and the desired state's digest hashed as the runs finish: the
        /// first run to finish after the runs before it hashes their canonical JSON, in
        /// order, while the other runs go on.
        private final class Runs: @unchecked Sendable {
            private let lock = NSLock()
            /// Guarded by `lock`.
            private var slots: [Run?]
            private var next = 0
            private var hashing = false
            /// Used only by the thread that set `hashing`, or after all runs are over.
            private var hasher = CanonicalJSONHasher()

            init(count: Int) {
                slots = Array(repeating: nil, count: count)
                hasher.raw(StateDigest.desiredPrefix)
            }

            func finish(_ index: Int, _ run: Run) {
                lock.lock()
                slots[index] = run
                guard !hashing else { return lock.unlock() }
                hashing = true
                while next < slots.count, let bytes = slots[next]?.digest {
                    slots[next]?.digest = []
                    next += 1
                    lock.unlock()
                    hasher.hash(bytes)
                    lock.lock()
                }
                hashing = false
                lock.unlock()
            }

            /// The one run of a pass not split: it hashes straight into the digest.
            func finishAlone(_ body: (inout CanonicalJSONHasher) -> Run) {
                precondition(slots.count == 1 && next == 0, "finishAlone is for a pass of one run")
                slots[0] = body(&hasher)
                next = 1
            }

            /// Every run's result, once all are over.
            var results: [Run] { slots.map { $0! } }

            /// The desired state's digest, once all runs are over.
            func digest() -> String {
                precondition(next == slots.count, "a run did not finish")
                hasher.raw(StateDigest.desiredSuffix)
                return hasher.finalize()
            }
        }

        /// What one run found.
        private struct Run {
            var organizations: [Organization] = []
            var problems: [Diagnostic] = []
            /// The canonical JSON of the run's organizations for the desired state's digest.
            var digest: [UInt8] = []
        }

        /// What every run reads.
        private struct Context: Sendable {
            let desired: DesiredState
            let current: TenantState
            let options: PlanOptions
            let located: Set<SourceLocation>
            let byName: [String: CurrentOrganization]

            /// Plans the organizations at `positions` of `desired.organizations`, and writes
            /// their part of the desired state's canonical JSON into `json`.
            func run(_ positions: ArraySlice<Int>, first: Bool, digest json: inout CanonicalJSONHasher) -> Run {
                var run = Run()
                var digestCache = StateDigest.DesiredCache()
                let roleIDs = RoleIDCache()
                let userIDs = UserIDIndex()
                for (index, position) in positions.enumerated() {
                    let spec = desired.organizations[position]
                    guard let declared = spec.members, let organization = byName[spec.name],
                          let members = organization.members else {
                        StateDigest.append(spec, first: first && index == 0, to: &json, cache: &digestCache)
                        guard spec.members != nil else {
                            // Membership not managed: nothing to plan, but what the read found
                            // wrong with the organization (not found, or its pinned id names
                            // another) is reported with it.
                            if byName[spec.name] == nil, located.contains(spec.location) {
                                run.organizations.append(Organization(spec: spec, plan: nil, leftAlone: []))
                            }
                            continue
                        }
                        if !located.contains(spec.location) {
                            run.problems.append(.error("organization \"\(spec.name)\" was not read from the tenant", at: spec.location,
                                                       notes: [.init("create it in Auth0 first, or fix the name")]))
                        }
                        run.organizations.append(Organization(spec: spec, plan: nil, leftAlone: []))
                        continue
                    }
                    var builder = OrganizationPlanBuilder(
                        spec: spec, organization: organization, members: members, resolution: current.resolution,
                        additionsOff: !options.additions ? "--no-additions" : spec.policy.additions ? nil : "policy.additions: false")
                    builder.resolve(declared, knownProblems: located, roleIDs: roleIDs, index: userIDs,
                                    principals: &digestCache.principals)
                    StateDigest.append(spec, first: first && index == 0, to: &json, cache: &digestCache, principalsRead: true)
                    run.problems += builder.problems
                    let plan = builder.build()
                    run.organizations.append(Organization(spec: spec, plan: plan, leftAlone: builder.leftAlone))
                }
                return run
            }
        }
    }
}
