import Auth0Emulator
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Testing

/// `roster emulator --persist`, killed with SIGKILL while it answers a stream of writes,
/// always leaves a snapshot that loads, holding a state the writes could have produced.
@Suite("Emulator --persist killed during writes")
struct PersistKillTests {
    static let kills = 10

    @Test("a persisting emulator killed with SIGKILL during writes leaves a parseable snapshot", arguments: 0 ..< kills)
    func killDuringWrites(round: Int) async throws {
        let scenario = try SoakScenario(seed: UInt64(100 + round), organizations: 3, memberRemovals: 30, roleRemovals: 4)
        let folder = try AcmeTenant.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let state = folder.appendingPathComponent("tenant.json")
        try scenario.tenant.encodedJSON().write(to: state)
        let process = Process()
        process.executableURL = RosterBinary.executable
        process.arguments = ["emulator", "--state", state.path, "--port", "0", "--persist"]
        let out = folder.appendingPathComponent("out")
        FileManager.default.createFile(atPath: out.path, contents: nil)
        let outHandle = try FileHandle(forWritingTo: out)
        defer { try? outHandle.close() }
        process.standardOutput = outHandle
        process.standardError = FileHandle.nullDevice
        try process.run()
        var random = SeededGenerator(seed: UInt64(round))
        let writesBeforeKill = Int.random(in: 1 ... 40, using: &random)
        do {
            let base = try await Self.url(printedIn: out)
            let token = try await Self.token(base)
            // Four writers at once: member removals, one user per request.
            let written = WriteCounter()
            await withTaskGroup(of: Void.self) { group in
                for lane in 0 ..< 4 {
                    let organization = scenario.tenant.organizations[lane % scenario.tenant.organizations.count]
                    group.addTask {
                        for member in organization.members.dropFirst(lane / 3 * 15) {
                            // A flag, not task cancellation: cancelling a task while it waits in
                            // FoundationNetworking's URLSession can deadlock on Linux.
                            guard await !written.stopped else { break }
                            let ok = try? await Self.delete(member.userID, from: organization.id, base: base, token: token)
                            if ok == true { await written.increment() }
                        }
                    }
                }
                await written.waitFor(writesBeforeKill)
                try? await Task.sleep(for: .microseconds(Int.random(in: 0 ... 3000, using: &random)))
                kill(process.processIdentifier, SIGKILL)
                await written.stop()
            }
        } catch {
            kill(process.processIdentifier, SIGKILL)
            throw error
        }
        while process.isRunning { try await Task.sleep(for: .milliseconds(5)) }
        process.waitUntilExit()
        let saved = try TenantSnapshot.load(contentsOf: state)
        #expect(saved.users == scenario.tenant.users && saved.roles == scenario.tenant.roles)
        #expect(saved.clients == scenario.tenant.clients)
        for (before, after) in zip(scenario.tenant.organizations, saved.organizations) {
            #expect(before.id == after.id)
            let left = Set(after.members.map(\.userID))
            #expect(left.isSubset(of: Set(before.members.map(\.userID))))
            // Members still there are exactly as they were: only removals were sent.
            for member in after.members { #expect(before.members.contains(member)) }
        }
        let removed = zip(scenario.tenant.organizations, saved.organizations).reduce(0) { $0 + $1.0.members.count - $1.1.members.count }
        #expect(removed >= writesBeforeKill, "every answered write was saved before its answer")
    }

    static func url(printedIn file: URL) async throws -> URL {
        for _ in 0 ..< 2000 {
            if let text = try? String(contentsOf: file, encoding: .utf8), let line = text.split(separator: "\n").first,
               let url = URL(string: String(line)) { return url }
            try await Task.sleep(for: .milliseconds(10))
        }
        throw URLError(.cannotConnectToHost)
    }

    static func token(_ base: URL) async throws -> String {
        var request = URLRequest(url: base.appendingPathComponent("oauth/token"))
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "content-type")
        request.httpBody = try JSONSerialization.data(withJSONObject: [
            "grant_type": "client_credentials", "client_id": "roster-ci", "client_secret": "roster-ci-secret",
            "audience": base.absoluteString + "/api/v2/",
        ])
        let (data, _) = try await URLSession.shared.data(for: request)
        return try #require((try JSONSerialization.jsonObject(with: data) as? [String: Any])?["access_token"] as? String)
    }

    static func delete(_ userID: String, from organization: String, base: URL, token: String) async throws -> Bool {
        var request = URLRequest(url: base.appendingPathComponent("api/v2/organizations/\(organization)/members"))
        request.httpMethod = "DELETE"
        request.setValue("application/json", forHTTPHeaderField: "content-type")
        request.setValue("Bearer \(token)", forHTTPHeaderField: "authorization")
        request.httpBody = try JSONSerialization.data(withJSONObject: ["members": [userID]])
        let (_, response) = try await URLSession.shared.data(for: request)
        return (response as? HTTPURLResponse)?.statusCode == 204
    }
}

/// Writes answered so far, and a wait for a number of them.
actor WriteCounter {
    private(set) var count = 0
    /// Set once the emulator is killed: the writers stop sending.
    private(set) var stopped = false
    func increment() { count += 1 }
    func stop() { stopped = true }
    /// Returns once `target` writes were answered, or after 30 seconds.
    func waitFor(_ target: Int) async {
        for _ in 0 ..< 30_000 where count < target { try? await Task.sleep(for: .milliseconds(1)) }
    }
}
