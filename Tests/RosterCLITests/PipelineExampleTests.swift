import Auth0Emulator
import Foundation
import RosterCore
import Testing

/// The pipeline examples are real: both workflows run their Roster steps through the same
/// `roster-ci.sh`, and this suite runs that script's steps, in the workflows' order, against
/// an emulated tenant with the two clients the examples use.
@Suite("pipeline examples")
struct PipelineExampleTests {
    static let github = repositoryRoot.appendingPathComponent("examples/github-actions")
    static let gitlab = repositoryRoot.appendingPathComponent("examples/gitlab-ci")
    static let steps = ["validate", "plan", "apply", "drift"]
    static let readSecret = "read-secret-for-tests"
    static let applySecret = "apply-secret-for-tests"

    @Test("both workflows call roster-ci.sh for every step, and nothing else runs roster")
    func workflowsCallTheScript() throws {
        let githubScript = try String(contentsOf: Self.github.appendingPathComponent("roster-ci.sh"), encoding: .utf8)
        let gitlabScript = try String(contentsOf: Self.gitlab.appendingPathComponent("roster-ci.sh"), encoding: .utf8)
        #expect(githubScript == gitlabScript, "the two copies of roster-ci.sh differ")
        let workflows = [
            (try String(contentsOf: Self.github.appendingPathComponent("roster.yml"), encoding: .utf8), ".github/roster-ci.sh"),
            (try String(contentsOf: Self.gitlab.appendingPathComponent(".gitlab-ci.yml"), encoding: .utf8), "ci/roster-ci.sh"),
        ]
        for (workflow, script) in workflows {
            for step in Self.steps { #expect(workflow.contains("\(script) \(step)"), "\(script) \(step) is not run") }
            let direct = workflow.split(separator: "\n").filter { $0.contains(/(^|[\s;&|])roster (validate|plan|apply|drift|export)/) }
            #expect(direct.filter { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("#") }.isEmpty,
                    "roster is run outside roster-ci.sh: \(direct)")
            #expect(workflow.contains("AUTH0_READ_CLIENT_SECRET") && workflow.contains("AUTH0_APPLY_CLIENT_SECRET"))
            // The journal and undo plan are kept; only the workflow's own comment is trusted.
            #expect(workflow.contains("roster-out/plan.json.journal") && workflow.contains("roster-out/plan.json.undo"))
        }
        let github = workflows[0].0, gitlab = workflows[1].0
        #expect(github.components(separatedBy: "github-actions[bot]").count == 3, "both comment lookups filter on the author")
        #expect(gitlab.components(separatedBy: ".author.id == $me").count == 3, "both note lookups filter on the author")
        #expect(github.contains("group: roster-apply") && !github.contains("group: roster-${{ github.ref }}"))
        #expect(gitlab.contains("curl -sf --location --header \"$auth\" --output plan-artifacts.zip"))
    }

    /// The example tenant with a read-only client for plan and drift, and a client for apply.
    static func tenant() throws -> TenantSnapshot {
        var snapshot = try EmulatedTenant.acme
        let read = ["read:organizations", "read:organization_members", "read:organization_member_roles", "read:roles",
                    "read:users"]
        snapshot.clients = [
            .init(clientID: "roster-read", clientSecret: readSecret, scopes: read),
            .init(clientID: "roster-apply", clientSecret: applySecret,
                  scopes: read + ["delete:organization_members", "delete:organization_member_roles"]),
        ]
        return snapshot
    }

    /// Runs `roster-ci.sh STEP` as a pipeline job does.
    static func step(_ step: String, tenant: EmulatedTenant, out: URL, client: String, extra: [String: String] = [:])
        async throws -> RosterProcess.Output {
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("AUTH0_") && !$0.key.hasPrefix("ROSTER") }
        environment["ROSTER"] = RosterProcess.executable.path
        environment["ROSTER_ORGS"] = repositoryRoot.appendingPathComponent("examples/acme/orgs").path
        environment["ROSTER_OUT"] = out.path
        environment["AUTH0_DOMAIN"] = tenant.emulator.baseURL.absoluteString
        environment["AUTH0_CLIENT_ID"] = "roster-\(client)"
        environment["AUTH0_CLIENT_SECRET"] = client == "read" ? readSecret : applySecret
        environment["NO_COLOR"] = "1"
        environment.merge(extra) { $1 }
        return try await ChildProcess.run("/bin/bash", [github.appendingPathComponent("roster-ci.sh").path, step],
                                          in: out.deletingLastPathComponent(), environment: environment)
    }

    @Test("validate, plan, drift (2, JUnit), apply by SHA-256, drift again (0): exit codes and files")
    func sequence() async throws {
        let folder = try temporaryFolder([:])
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("roster-out")
        try await EmulatedTenant.with(try Self.tenant()) { tenant in
            let validate = try await Self.step("validate", tenant: tenant, out: out, client: "read")
            #expect(validate.status == 0, "\(validate.stderr)")

            let plan = try await Self.step("plan", tenant: tenant, out: out, client: "read")
            #expect(plan.status == 0, "\(plan.stderr)")
            let planFile = out.appendingPathComponent("plan.json")
            let sha256 = StateDigest.sha256(try Data(contentsOf: planFile))
            let recorded = try String(contentsOf: out.appendingPathComponent("plan.sha256"), encoding: .utf8)
            #expect(recorded.trimmingCharacters(in: .whitespacesAndNewlines) == sha256)
            let markdown = try String(contentsOf: out.appendingPathComponent("plan.md"), encoding: .utf8)
            #expect(markdown.contains("SHA-256 `\(sha256)`"), "the comment names the reviewed SHA-256")
            #expect(markdown.contains("f***@example.com") && !markdown.contains("former@example.com"))
            #expect(plan.stdout.contains("plan: changes, SHA-256 \(sha256)"))

            let drift = try await Self.step("drift", tenant: tenant, out: out, client: "read")
            #expect(drift.status == 2, "\(drift.stderr)")
            #expect(drift.stdout.contains("Drift: 2 items in 1 organization"))
            let suites = try #require(try await JUnitReader.read(out.appendingPathComponent("drift.xml").path))
            #expect(suites.reduce(0) { $0 + $1.failures } == 2)
            #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("drift.md").path))
            #expect(await tenant.deletes() == 0, "plan and drift only read")

            let unreviewed = try await Self.step("apply", tenant: tenant, out: out, client: "apply")
            #expect(unreviewed.status == 1)
            #expect(unreviewed.stderr.contains("ROSTER_PLAN_SHA256 is not set"))
            let readClient = try await Self.step("apply", tenant: tenant, out: out, client: "read",
                                                 extra: ["ROSTER_PLAN_SHA256": sha256])
            #expect(readClient.status == 1, "the read-only client cannot apply")
            let wrong = try await Self.step("apply", tenant: tenant, out: out, client: "apply",
                                            extra: ["ROSTER_PLAN_SHA256": String(repeating: "0", count: 64)])
            #expect(wrong.status == 1)
            #expect(await tenant.deletes() == 0)

            // Main moved on after the review: the merged files are not those planned.
            let merged = folder.appendingPathComponent("merged")
            try FileManager.default.copyItem(at: repositoryRoot.appendingPathComponent("examples/acme/orgs"), to: merged)
            let acme = merged.appendingPathComponent("acme.yaml")
            try Data(try String(contentsOf: acme, encoding: .utf8).replacingOccurrences(of: "[viewer]", with: "[viewer, support]").utf8)
                .write(to: acme)
            let stale = try await Self.step("apply", tenant: tenant, out: out, client: "apply",
                                            extra: ["ROSTER_PLAN_SHA256": sha256, "ROSTER_ORGS": merged.path])
            #expect(stale.status == 1)
            #expect(stale.stderr.contains("is not the one the plan was made from"), "\(stale.stderr)")
            #expect(await tenant.deletes() == 0)

            let apply = try await Self.step("apply", tenant: tenant, out: out, client: "apply",
                                            extra: ["ROSTER_PLAN_SHA256": sha256])
            #expect(apply.status == 0, "\(apply.stdout)\n\(apply.stderr)")
            #expect(apply.stdout.contains("Apply: 2 done"))

            let after = try await Self.step("drift", tenant: tenant, out: out, client: "read")
            #expect(after.status == 0, "\(after.stdout)\n\(after.stderr)")
            let clean = try #require(try await JUnitReader.read(out.appendingPathComponent("drift.xml").path))
            #expect(clean.reduce(0) { $0 + $1.failures } == 0)

            for output in [validate, plan, drift, unreviewed, readClient, wrong, stale, apply, after] {
                for secret in [Self.readSecret, Self.applySecret] {
                    #expect(!output.stdout.contains(secret) && !output.stderr.contains(secret))
                }
            }
            for file in try FileManager.default.contentsOfDirectory(atPath: out.path) {
                let text = try String(contentsOf: out.appendingPathComponent(file), encoding: .utf8)
                #expect(!text.contains(Self.readSecret) && !text.contains(Self.applySecret), "\(file) holds a secret")
            }
        }
    }
}
