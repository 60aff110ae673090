import Auth0Emulator
import Auth0Management
import Testing

@Suite("Scope preflight")
struct ScopePreflightTests {
    static let snapshot = TestTenant.snapshot(organizations: 1, memberCount: { _ in 1 })

    @Test("a token without the read scopes yields one error listing every missing scope, before any read")
    func listsEveryMissingScope() async throws {
        try await ClientHarness.with(Self.snapshot) { harness in
            let error = await #expect(throws: ManagementAPIError.self) {
                try await harness.client(clientID: TestTenant.noScopesClientID)
                    .readCurrentState(of: TestTenant.desired(organizations: ["org-000"]), progress: nil)
            }
            #expect(error == .missingScopes(ManagementOperation.plan.requiredScopes, operation: .plan, granted: []))
            let text = try #require(error?.description)
            for scope in ["read:organizations", "read:organization_members", "read:organization_member_roles",
                          "read:roles", "read:users"] {
                #expect(text.contains(scope))
            }
            #expect(text.contains("5 scopes") && text.contains("Nothing was read or changed"))
            #expect(await harness.apiRequests().isEmpty, "nothing was read")
        }
    }

    @Test("apply needs the delete scopes as well; only the missing ones are listed")
    func applyScopes() async throws {
        try await ClientHarness.with(Self.snapshot) { harness in
            let client = try harness.client(clientID: TestTenant.readOnlyClientID)
            let error = await #expect(throws: ManagementAPIError.self) {
                try await client.checkScopes(for: .apply)
            }
            #expect(error == .missingScopes(
                ["delete:organization_member_roles", "delete:organization_members", "read:organization_member_roles",
                 "read:organization_members", "read:roles", "read:users"],
                operation: .apply, granted: ["read:organizations"]))
            try await harness.client().checkScopes(for: .apply)
            #expect(await harness.apiRequests().isEmpty)
        }
    }

    @Test("a 403 names the endpoint, Auth0's message and errorCode, and the scope to grant")
    func forbiddenNamesScope() async throws {
        try await ClientHarness.with(Self.snapshot) { harness in
            // Writers do not repeat the preflight (apply runs it once first), so Auth0 answers 403.
            let token = try await TokenTests.issueToken(harness, clientID: TestTenant.readOnlyClientID)
            let client = try harness.client(token: token)
            let error = await #expect(throws: ManagementAPIError.self) {
                try await client.removeMembers(organizationID: "org_000000", userIDs: [TestTenant.userID(0)])
            }
            #expect(error == .forbidden(
                endpoint: Endpoint(method: "DELETE", path: "/api/v2/organizations/org_000000/members"),
                message: "Insufficient scope, expected any of: delete:organization_members",
                errorCode: "insufficient_scope", missingScope: "delete:organization_members"))
            #expect(error?.description == "DELETE /api/v2/organizations/org_000000/members: 403 \"Insufficient scope, "
                + "expected any of: delete:organization_members\" (insufficient_scope). Grant the scope "
                + "delete:organization_members to Roster's application (Dashboard > Applications > APIs > Auth0 "
                + "Management API > Machine To Machine Applications).")
            #expect(await harness.apiRequests().count == 1, "a 403 is not retried")
        }
    }
}
