import Foundation
import NIOHTTP1

extension ManagementAPIClient {
    /// The configured ``ManagementAPIConfiguration/deleteBatchSize``.
    public var memberRemovalBatchSize: Int { configuration.deleteBatchSize }

    /// The configured ``ManagementAPIConfiguration/addBatchSize``.
    public var memberAdditionBatchSize: Int { configuration.addBatchSize }

    /// Adds users to an organization, batched by count and body size; see ``TenantWriter``.
    public func addMembers(organizationID: String, userIDs: [String]) async throws -> WriteOutcome {
        try await sendIDs(
            .POST, segments: ["organizations", organizationID, "members"], key: "members", ids: userIDs,
            batchSize: configuration.addBatchSize)
    }

    /// Gives roles to one member in one call; see ``TenantWriter``.
    public func addRoles(organizationID: String, userID: String, roleIDs: [String]) async throws -> WriteOutcome {
        try await sendIDs(
            .POST, segments: ["organizations", organizationID, "members", userID, "roles"], key: "roles", ids: roleIDs,
            batchSize: .max)
    }

    /// Removes users from an organization, batched by count and body size; see ``TenantWriter``.
    public func removeMembers(organizationID: String, userIDs: [String]) async throws -> WriteOutcome {
        try await sendIDs(
            .DELETE, segments: ["organizations", organizationID, "members"], key: "members", ids: userIDs,
            batchSize: configuration.deleteBatchSize)
    }

    /// Removes roles from one member in one call; see ``TenantWriter``.
    public func removeRoles(organizationID: String, userID: String, roleIDs: [String]) async throws -> WriteOutcome {
        try await sendIDs(
            .DELETE, segments: ["organizations", organizationID, "members", userID, "roles"], key: "roles", ids: roleIDs,
            batchSize: .max)
    }

    /// Sends `{"<key>": [ids]}` in batches. Both methods are safe to repeat (Auth0 ignores
    /// members already added or gone, and roles already held or not held), so a call whose
    /// answer was lost is retried.
    private func sendIDs(
        _ method: HTTPMethod, segments: [String], key: String, ids: [String], batchSize: Int
    ) async throws -> WriteOutcome {
        var seen = Set<String>()
        let unique = ids.filter { seen.insert($0).inserted }
        guard !unique.isEmpty else { return .nothing }
        let endpoint = Endpoint(method: method.rawValue, path: "/api/v2/" + segments.joined(separator: "/"))
        let batches: [[String]]
        switch IDListRequestBody.batches(
            of: unique, key: key, batchSize: batchSize, maxBytes: configuration.maxBodyBytes) {
        case .success(let value): batches = value
        case .failure(let tooLarge):
            throw ManagementAPIError.bodyTooLarge(endpoint: endpoint, bytes: tooLarge.bytes, limit: configuration.maxBodyBytes)
        }
        var goneMessages: [String] = []
        for batch in batches {
            let body = IDListRequestBody(key: key, ids: batch).encoded()
            let response = try await transport.send(method, segments, body: body, idempotent: true)
            if (200 ..< 300).contains(response.status) { continue }
            if response.status == 404, method == .DELETE, key == "roles", let message = response.error?.message, Self.meansAlreadyGone(message) {
                logger.info("already gone", metadata: ["endpoint": "\(endpoint)", "message": "\(message)"])
                goneMessages.append(message)
                continue
            }
            throw response.failure()
        }
        if goneMessages.count == batches.count, let last = goneMessages.last {
            return .alreadyGone(message: last)
        }
        return .written(requests: batches.count)
    }

    /// Whether a 404 to a member-role removal says the role no longer exists: "No such role
    /// with id: ...", the only such message seen from real Auth0 (recording 12). Any other 404
    /// (an unknown organization, user or membership, or a route) is an error: guessing at
    /// texts Auth0 was never seen to send could count a failed removal as done. Member
    /// removals have no such rule: a removal is recorded answered 204 (recording 10), the
    /// answer for ids that are not members is not recorded, and any 404 there is an error
    /// (the next apply then finds the member gone and skips the step).
    static func meansAlreadyGone(_ message: String) -> Bool {
        message.hasPrefix("No such role")
    }
}
