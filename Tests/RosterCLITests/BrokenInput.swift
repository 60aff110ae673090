import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One way of giving a command broken input: the files to set up in a fresh folder, the
/// command line (run in that folder), and what its one error must name. A new command
/// adds its rows to ``all``.
struct BrokenInput: Sendable, CustomTestStringConvertible {
    var name: String
    var setup: @Sendable (Workspace) async throws -> Void = { _ in }
    var arguments: @Sendable (Workspace) -> [String]
    /// Text the error must contain: the file, the flag or the value at fault.
    var mentions: String

    var testDescription: String { name }

    /// The folder a row runs in, with helpers to fill it.
    struct Workspace: Sendable {
        let folder: URL
        static let tenant = repositoryRoot.appendingPathComponent("examples/acme/tenant.json").path
        static let orgs = repositoryRoot.appendingPathComponent("examples/acme/orgs").path

        func write(_ path: String, _ text: String) throws {
            let url = folder.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }

        func read(_ path: String) throws -> Data { try Data(contentsOf: folder.appendingPathComponent(path)) }

        /// Plans the example on its own emulator into `plan.json`.
        func plan() async throws {
            let output = try await RosterProcess.run(
                ["plan", Self.orgs, "--emulator", Self.tenant, "--out", "plan.json"], in: folder, environment: [:])
            guard output.status == 0,
                  let line = output.stdout.split(separator: "\n").first(where: { $0.hasPrefix("SHA-256: ") })
            else { throw SetupFailed(output: output.stderr) }
            try write("plan.sha256", String(line.dropFirst("SHA-256: ".count)))
        }

        /// `plan.json` edited by `change` (on its text).
        func editPlan(_ change: (String) -> String) throws {
            try write("plan.json", change(String(decoding: try read("plan.json"), as: UTF8.self)))
        }

        /// The plan's SHA-256 as printed by `roster plan`.
        var planSHA256: String { (try? String(contentsOf: folder.appendingPathComponent("plan.sha256"), encoding: .utf8)) ?? "" }
    }

    struct SetupFailed: Error { var output: String }

    static let isRoot = getuid() == 0
    static let badYAML = "version: 1\norganizations:\n  acme: [unclosed\n"
    static let schemaBreak = "version: 1\norganizations: 5\n"
    static let emulator = ["--emulator", Workspace.tenant]

    /// The desired-state rows of a command that reads desired state (validate, plan).
    static func desiredState(_ command: String, extra: [String] = []) -> [BrokenInput] {
        var rows = [
            BrokenInput(name: "\(command): a missing file", arguments: { _ in [command, "missing.yaml"] + extra },
                        mentions: "missing.yaml"),
            BrokenInput(name: "\(command): a folder without YAML", setup: { try $0.write("empty/README.txt", "no yaml\n") },
                        arguments: { _ in [command, "empty"] + extra }, mentions: "empty"),
            BrokenInput(name: "\(command): a file that cannot be read (dangling link)", setup: { workspace in
                try FileManager.default.createDirectory(at: workspace.folder.appendingPathComponent("orgs"), withIntermediateDirectories: true)
                try FileManager.default.createSymbolicLink(atPath: workspace.folder.appendingPathComponent("orgs/gone.yaml").path,
                                                           withDestinationPath: "/nonexistent/gone.yaml")
            }, arguments: { _ in [command, "orgs"] + extra }, mentions: "gone.yaml"),
            BrokenInput(name: "\(command): a pipe named like a file in a folder (nothing writes to it)", setup: { workspace in
                try workspace.write("orgs/acme.yaml", "version: 1\norganizations:\n  acme:\n    members: {a@x.io: ~}\n")
                _ = mkfifo(workspace.folder.appendingPathComponent("orgs/pipe.yaml").path, 0o600)
            }, arguments: { _ in [command, "orgs"] + extra }, mentions: "pipe.yaml: it is not a regular file"),
            BrokenInput(name: "\(command): malformed YAML", setup: { try $0.write("orgs/acme.yaml", badYAML) },
                        arguments: { _ in [command, "orgs"] + extra }, mentions: "orgs/acme.yaml:"),
            BrokenInput(name: "\(command): valid YAML that breaks the schema", setup: { try $0.write("orgs/acme.yaml", schemaBreak) },
                        arguments: { _ in [command, "orgs"] + extra }, mentions: "orgs/acme.yaml:2:"),
            BrokenInput(name: "\(command): an unknown flag", arguments: { _ in [command, "--bogus"] + extra }, mentions: "--bogus"),
        ]
        if !isRoot {
            // Permissions do not stop root; the dangling link above covers that case.
            rows.append(BrokenInput(name: "\(command): an unreadable file", setup: { workspace in
                try workspace.write("orgs/acme.yaml", "version: 1\n")
                chmod(workspace.folder.appendingPathComponent("orgs/acme.yaml").path, 0)
            }, arguments: { _ in [command, "orgs"] + extra }, mentions: "acme.yaml"))
        }
        return rows
    }
}
