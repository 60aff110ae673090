import Auth0Emulator
import Foundation
import Testing

/// Plans whose file was edited by hand, applied with `--yes` and no `--plan-sha256`: apply
/// must not trust the file's internals.
@Suite("roster apply: hand-edited plan files")
struct EditedPlanTests {
    static let former = ApplyCommandTests.former
    static let jane = "auth0|64f1a2b3c4d5e6f7a8b9c0d1"

    /// Plans the example, lets `edit` change the acme steps (as JSON objects), applies the
    /// result with `--yes`, and checks that the tenant did not change.
    func applyEdited(_ edit: (inout [[String: Any]]) -> Void,
                     check: (RosterProcess.Output) -> Void) async throws {
        let acme = try EmulatedTenant.acme
        let (path, _) = try await ApplyCommandTests.plan(acme)
        var document = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as! [String: Any]
        var organizations = document["organizations"] as! [[String: Any]]
        let index = organizations.firstIndex { $0["name"] as? String == "acme" }!
        var steps = organizations[index]["steps"] as! [[String: Any]]
        edit(&steps)
        organizations[index]["steps"] = steps
        document["organizations"] = organizations
        try JSONSerialization.data(withJSONObject: document, options: [.prettyPrinted, .sortedKeys])
            .write(to: URL(fileURLWithPath: path))
        let after = try await EmulatedTenant.with(acme) { tenant in
            let output = try await tenant.roster(["apply", path, "--yes"])
            #expect(output.status == 1)
            check(output)
            #expect(await tenant.deletes() == 0)
        }
        #expect(acmeMembers(after) == acmeMembers(acme))
    }

    @Test("a step whose user_id is not its precondition's user is refused")
    func userMismatch() async throws {
        try await applyEdited({ steps in
            steps[0]["user_id"] = Self.jane
        }, check: { output in
            #expect(output.stderr.contains("the plan file was edited"), "\(output.stderr)")
            #expect(output.stderr.contains("plan again"))
        })
    }

    @Test("a member removal without precondition.role_ids is refused")
    func missingRoleIDs() async throws {
        try await applyEdited({ steps in
            var precondition = steps[0]["precondition"] as! [String: Any]
            precondition.removeValue(forKey: "role_ids")
            steps[0]["precondition"] = precondition
        }, check: { output in
            #expect(output.stderr.contains("the plan file was edited"), "\(output.stderr)")
            #expect(output.stderr.contains("role_ids"))
        })
    }

    @Test("a step id that appears twice is refused")
    func duplicateID() async throws {
        try await applyEdited({ steps in
            steps.append(steps[0])
        }, check: { output in
            #expect(output.stderr.contains("the plan file was edited"), "\(output.stderr)")
            #expect(output.stderr.contains("appears twice"))
        })
    }

    @Test("a step naming another organization id is refused")
    func organizationMismatch() async throws {
        try await applyEdited({ steps in
            steps[0]["organization_id"] = "org_other"
        }, check: { output in
            #expect(output.stderr.contains("the plan file was edited"), "\(output.stderr)")
        })
    }

    @Test("a consistent step that removes a protected member is refused, and the member kept")
    func protectedMember() async throws {
        try await applyEdited({ steps in
            var step = steps[0]
            step["id"] = "acme/remove_member/auth0|breakglass"
            step["user_id"] = "auth0|breakglass"
            step["email"] = "ops@example.com"
            step["precondition"] = ["kind": "is_member", "user_id": "auth0|breakglass", "role_ids": ["rol_admin01"]]
            step["member_roles"] = [["id": "rol_admin01", "name": "admin"]]
            steps = [step]
        }, check: { output in
            #expect(output.stdout.contains("refused: remove member ops@example.com"), "\(output.stdout)")
            #expect(output.stdout.contains("policy.protected"))
        })
    }
}
