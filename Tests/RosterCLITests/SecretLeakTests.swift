import Auth0Emulator
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// Runs every command with a known client secret and a known access token at the most
/// verbose log level, then searches everything it produced (standard output and error,
/// and every file it left in its folder: plan, journal, and any later artifact) for them,
/// as written and base64-encoded. A new command adds a row to ``runs``.
@Suite("Secrets never appear in any output")
struct SecretLeakTests {
    static let secret = "Sx9-known-client-secret-4f1b7e2a9c"

    /// How a row authenticates.
    enum Credentials: Sendable { case clientSecret, token, wrongSecret, wrongToken }

    struct Run: Sendable, CustomTestStringConvertible {
        var name: String
        var credentials: Credentials
        /// The command line, run in a folder that `plan.json` (the example's plan) is in.
        var arguments: [String]
        /// Whether the command talks to the tenant (and so takes `--domain`).
        var connects = true
        /// The exit status with valid credentials.
        var status: Int32 = 0
        var testDescription: String { name }
    }

    static let orgs = repositoryRoot.appendingPathComponent("examples/acme/orgs").path
    static let trace = ["--log-level", "trace"]

    static let runs: [Run] = [
        Run(name: "validate", credentials: .clientSecret, arguments: ["validate", orgs], connects: false),
        Run(name: "plan --out", credentials: .clientSecret, arguments: ["plan", orgs, "--out", "again.json"] + trace),
        Run(name: "plan --format json", credentials: .clientSecret, arguments: ["plan", orgs, "--format", "json"] + trace),
        Run(name: "plan --format markdown", credentials: .token, arguments: ["plan", orgs, "--format", "markdown"] + trace),
        Run(name: "plan with a token", credentials: .token, arguments: ["plan", orgs, "--out", "again.json"] + trace),
        Run(name: "plan with a wrong secret", credentials: .wrongSecret, arguments: ["plan", orgs] + trace),
        Run(name: "plan with a wrong token", credentials: .wrongToken, arguments: ["plan", orgs] + trace),
        Run(name: "apply", credentials: .clientSecret, arguments: ["apply", "plan.json", "--yes"] + trace),
        Run(name: "apply with a token", credentials: .token, arguments: ["apply", "plan.json", "--yes"] + trace),
        Run(name: "apply with a wrong secret", credentials: .wrongSecret, arguments: ["apply", "plan.json", "--yes"] + trace),
        Run(name: "drift, every format to files", credentials: .clientSecret,
            arguments: ["drift", orgs, "--format", "json", "--output", "drift.json", "--format", "junit", "--output", "drift.xml",
                        "--format", "markdown", "--output", "drift.md", "--format", "text"] + trace, status: 2),
        Run(name: "drift with a token", credentials: .token, arguments: ["drift", orgs, "--format", "junit"] + trace, status: 2),
        Run(name: "export", credentials: .clientSecret, arguments: ["export", "--output", "exported"] + trace),
        Run(name: "export with a wrong token", credentials: .wrongToken, arguments: ["export", "--output", "exported"] + trace),
    ]

    @Test("a command's outputs and files never hold the client secret or the token", arguments: runs)
    func noLeak(_ run: Run) async throws {
        var snapshot = try EmulatedTenant.acme
        snapshot.clients[0].clientSecret = Self.secret
        let folder = try temporaryFolder([:])
        defer { try? FileManager.default.removeItem(at: folder) }
        var produced: [(String, String)] = []
        var token = ""
        try await EmulatedTenant.with(snapshot) { tenant in
            let credentials = ["AUTH0_CLIENT_ID": "roster-ci", "AUTH0_CLIENT_SECRET": Self.secret]
            token = try await Self.token(from: tenant.emulator)
            let planned = try await RosterProcess.run(["plan", Self.orgs, "--out", "plan.json"] + tenant.domain, in: folder,
                                                      environment: credentials)
            #expect(planned.status == 0, "\(planned.stderr)")
            let environment: [String: String] = switch run.credentials {
            case .clientSecret: credentials
            case .token: ["AUTH0_API_TOKEN": token]
            case .wrongSecret: ["AUTH0_CLIENT_ID": "roster-ci", "AUTH0_CLIENT_SECRET": Self.secret + "-wrong"]
            case .wrongToken: ["AUTH0_API_TOKEN": token + "x"]
            }
            let output = try await RosterProcess.run(run.arguments + (run.connects ? tenant.domain : []), in: folder, environment: environment)
            produced += [("stdout", output.stdout), ("stderr", output.stderr)]
            if run.credentials == .wrongSecret || run.credentials == .wrongToken {
                #expect(output.status == 1, "\(output.stderr)")
            } else {
                #expect(output.status == run.status, "\(output.stderr)")
            }
        }
        for file in try FileManager.default.subpathsOfDirectory(atPath: folder.path) {
            var isFolder: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: folder.appendingPathComponent(file).path, isDirectory: &isFolder)
            if isFolder.boolValue { continue }
            let data = try Data(contentsOf: folder.appendingPathComponent(file))
            produced.append((file, String(decoding: data, as: UTF8.self)))
        }
        #expect(produced.count >= 3, "the plan file is searched too")
        let needles = Self.forms(of: Self.secret) + Self.forms(of: token) + Self.forms(of: "roster-ci:\(Self.secret)")
        for (name, text) in produced {
            for needle in needles { #expect(!text.contains(needle), "\(name) holds a secret form \(needle)") }
            #expect(!text.contains("eyJ"), "\(name) holds something like a JWT")
        }
    }

    @Test("roster demo, which runs the whole loop on the example's client secret, never shows it")
    func demoNoLeak() async throws {
        let folder = try temporaryFolder([:])
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = try await RosterProcess.run(["demo", "--log-level", "trace"], in: repositoryRoot,
                                                 environment: ["TMPDIR": folder.path])
        #expect(output.status == 0, "\(output.stderr)")
        for text in [output.stdout, output.stderr] {
            for needle in Self.forms(of: EmulatedTenant.secret) { #expect(!text.contains(needle)) }
            #expect(!text.contains("eyJ"))
        }
    }

    @Test("the search finds the secret base64-encoded inside a longer text, at every alignment", arguments: 0 ..< 3)
    func searchFindsEncoded(offset: Int) {
        let text = Data((String(repeating: "u", count: offset) + "id:" + Self.secret + "-tail").utf8).base64EncodedString()
        #expect(Self.forms(of: Self.secret).contains { text.contains($0) })
    }

    /// The value, and its base64 and base64url forms at each of the three alignments it
    /// can have inside a longer encoded text (the characters every alignment shares).
    static func forms(of value: String) -> [String] {
        guard !value.isEmpty else { return [] }
        var forms = [value]
        for offset in 0 ..< 3 {
            let padded = Data(repeating: 0, count: offset) + Data(value.utf8)
            let encoded = padded.base64EncodedString()
            // Skip the characters that mix in the padding, and the last partial group.
            let start = offset == 0 ? 0 : (offset * 8 + 5) / 6
            let usable = (padded.count / 3) * 4
            guard usable - start > 8 else { continue }
            let core = String(encoded.dropFirst(start).prefix(usable - start))
            forms.append(core)
            forms.append(core.replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_"))
        }
        return forms
    }

    /// An access token from the emulator's token endpoint, as a pipeline would hold one.
    static func token(from emulator: RunningEmulator) async throws -> String {
        var request = URLRequest(url: emulator.baseURL.appendingPathComponent("oauth/token"))
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "content-type")
        request.httpBody = try JSONSerialization.data(withJSONObject: [
            "grant_type": "client_credentials", "client_id": "roster-ci", "client_secret": secret, "audience": emulator.audience,
        ])
        let (data, _) = try await URLSession.shared.data(for: request)
        let body = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        return try #require(body?["access_token"] as? String)
    }
}
