import Foundation
import Roster
import RosterCore

extension BrokenInput {
    /// Every row, command by command.
    static let all: [BrokenInput] = desiredState("validate") + desiredState("plan", extra: emulator) + plan + apply
        + desiredState("drift", extra: emulator) + drift + export + emulatorCommand + others

    static let drift: [BrokenInput] = [
        BrokenInput(name: "drift: --output into a missing folder",
                    arguments: { _ in ["drift", Workspace.orgs, "--format", "junit", "--output", "nowhere/drift.xml"] + emulator },
                    mentions: "nowhere"),
        BrokenInput(name: "drift: an unknown format", arguments: { _ in ["drift", Workspace.orgs, "--format", "yaml"] + emulator },
                    mentions: "yaml"),
        BrokenInput(name: "drift: --org naming an organization no file declares",
                    arguments: { _ in ["drift", Workspace.orgs, "--org", "hooli"] + emulator }, mentions: "hooli"),
    ]

    static let export: [BrokenInput] = [
        BrokenInput(name: "export: --org naming an organization the tenant lacks",
                    arguments: { _ in ["export", "--org", "hooli", "--output", "out"] + emulator }, mentions: "hooli"),
        BrokenInput(name: "export: a file in the way without --force", setup: { try $0.write("out/acme.yaml", "keep me\n") },
                    arguments: { _ in ["export", "--output", "out"] + emulator }, mentions: "acme.yaml"),
        BrokenInput(name: "export: an unknown flag", arguments: { _ in ["export", "--bogus"] }, mentions: "--bogus"),
    ]

    static let plan: [BrokenInput] = [
        BrokenInput(name: "plan: --out into a missing folder",
                    arguments: { _ in ["plan", Workspace.orgs, "--out", "nowhere/plan.json"] + emulator },
                    mentions: "nowhere does not exist"),
        BrokenInput(name: "plan: no tenant configured", arguments: { _ in ["plan", Workspace.orgs] }, mentions: "AUTH0_DOMAIN"),
        BrokenInput(name: "plan: a folder given as the emulator snapshot", setup: { try $0.write("snapshot/README.txt", "") },
                    arguments: { _ in ["plan", Workspace.orgs, "--emulator", "snapshot"] }, mentions: "it is a folder"),
        BrokenInput(name: "plan: a missing emulator snapshot", arguments: { _ in ["plan", Workspace.orgs, "--emulator", "none.json"] },
                    mentions: "none.json"),
    ]

    static let apply: [BrokenInput] = [
        BrokenInput(name: "apply: a missing plan file", arguments: { _ in ["apply", "plan.json", "--yes"] + emulator },
                    mentions: "plan.json"),
        BrokenInput(name: "apply: a folder given as the plan", setup: { try $0.write("plan.json/README.txt", "") },
                    arguments: { _ in ["apply", "plan.json", "--yes"] + emulator }, mentions: "plan.json: it is a folder"),
        BrokenInput(name: "apply: a tampered plan file", setup: { workspace in
            try await workspace.plan()
            try workspace.editPlan { $0.replacingOccurrences(of: "former@example.com", with: "jane@example.com") }
        }, arguments: { ["apply", "plan.json", "--plan-sha256", $0.planSHA256] + emulator }, mentions: "SHA-256"),
        BrokenInput(name: "apply: a file that is not the reviewed one is refused by its SHA-256 before it is parsed",
                    setup: { try $0.write("plan.json", "[[[[ not a plan") },
                    arguments: { _ in ["apply", "plan.json", "--plan-sha256", String(repeating: "ab", count: 32)] + emulator },
                    mentions: "not the reviewed"),
        BrokenInput(name: "apply: a truncated plan file", setup: { workspace in
            try await workspace.plan()
            try workspace.editPlan { String($0.prefix($0.count / 2)) }
        }, arguments: { _ in ["apply", "plan.json", "--yes"] + emulator }, mentions: "plan.json"),
        BrokenInput(name: "apply: a plan file over 1 GiB (sparse: nothing is read)", setup: { workspace in
            try workspace.write("plan.json", "")
            let handle = try FileHandle(forWritingTo: workspace.folder.appendingPathComponent("plan.json"))
            try handle.truncate(atOffset: UInt64(PlanFile.maximumSize) + 1)
            try handle.close()
        }, arguments: { _ in ["apply", "plan.json", "--yes"] + emulator }, mentions: "a plan file is at most 1073741824 bytes"),
        BrokenInput(name: "apply: a device given as the plan", arguments: { _ in ["apply", "/dev/zero", "--yes"] + emulator },
                    mentions: "/dev/zero: it is not a regular file"),
        BrokenInput(name: "apply: an empty plan file", setup: { try $0.write("plan.json", "") },
                    arguments: { _ in ["apply", "plan.json", "--yes"] + emulator }, mentions: "plan.json"),
        BrokenInput(name: "apply: YAML given as the plan", setup: { try $0.write("plan.json", "version: 1\n") },
                    arguments: { _ in ["apply", "plan.json", "--yes"] + emulator }, mentions: "plan.json"),
        BrokenInput(name: "apply: a tenant snapshot given as the plan",
                    arguments: { _ in ["apply", Workspace.tenant, "--yes"] + emulator }, mentions: "it is not a Roster plan"),
        BrokenInput(name: "apply: --org naming an organization the plan lacks", setup: { try await $0.plan() },
                    arguments: { _ in ["apply", "plan.json", "--yes", "--org", "hooli"] + emulator },
                    mentions: "the plan holds no such organization (it holds: acme"),
        BrokenInput(name: "apply: a plan whose step was edited", setup: { workspace in
            try await workspace.plan()
            try workspace.editPlan { $0.replacingOccurrences(of: "\"user_id\" : \"auth0|64f1a2b3c4d5e6f7a8b9c0d3\"",
                                                             with: "\"user_id\" : \"auth0|64f1a2b3c4d5e6f7a8b9c0d1\"") }
        }, arguments: { _ in ["apply", "plan.json", "--yes"] + emulator }, mentions: "the plan file was edited"),
        BrokenInput(name: "apply: a plan for another tenant", setup: { workspace in
            try await workspace.plan()
            try workspace.editPlan { $0.replacingOccurrences(of: "acme.eu.auth0.com (emulator)", with: "other.eu.auth0.com") }
        }, arguments: { _ in ["apply", "plan.json", "--yes"] + emulator }, mentions: "other.eu.auth0.com"),
        BrokenInput(name: "apply: a journal from another plan", setup: { workspace in
            try await workspace.plan()
            try workspace.write("plan.json.journal", """
                {"at":"2026-11-26T03:01:12Z","plan_sha256":"\(String(repeating: "ab", count: 32))","type":"plan"}

                """)
        }, arguments: { ["apply", "plan.json", "--plan-sha256", $0.planSHA256] + emulator }, mentions: "plan.json.journal"),
        BrokenInput(name: "apply: a journal with a broken line", setup: { workspace in
            try await workspace.plan()
            try workspace.write("plan.json.journal", "{\"type\":\n{}\n")
        }, arguments: { ["apply", "plan.json", "--plan-sha256", $0.planSHA256] + emulator }, mentions: "plan.json.journal"),
        BrokenInput(name: "apply: an undo plan whose step was edited", setup: { workspace in
            try await workspace.plan()
            let (plan, sha) = try PlanFile.read(workspace.folder.appendingPathComponent("plan.json").path)
            let undo = plan.undo(planSHA256: sha, done: Set(plan.steps.map(\.id)), createdAt: Date())!
            _ = try PlanFile.write(undo, to: workspace.folder.appendingPathComponent("plan.json.undo").path)
            let text = String(decoding: try workspace.read("plan.json.undo"), as: UTF8.self)
            try workspace.write("plan.json.undo", text.replacingOccurrences(of: "\"role_id\" : \"rol_support01\"",
                                                                            with: "\"role_id\" : \"rol_admin01\"", options: [], range: nil))
        }, arguments: { _ in ["apply", "plan.json.undo", "--yes"] + emulator }, mentions: "the plan file was edited"),
        BrokenInput(name: "apply: a malformed --plan-sha256", arguments: { _ in ["apply", "plan.json", "--plan-sha256", "xyz"] },
                    mentions: "--plan-sha256"),
        BrokenInput(name: "apply: an unknown flag", arguments: { _ in ["apply", "plan.json", "--bogus"] }, mentions: "--bogus"),
    ]

    static let emulatorCommand: [BrokenInput] = [
        BrokenInput(name: "emulator: a missing state file", arguments: { _ in ["emulator", "--state", "none.json", "--port", "0"] },
                    mentions: "none.json"),
        BrokenInput(name: "emulator: a malformed state file", setup: { try $0.write("tenant.json", "{\"domain\": ") },
                    arguments: { _ in ["emulator", "--state", "tenant.json", "--port", "0"] }, mentions: "tenant.json"),
        BrokenInput(name: "emulator: an unknown flag", arguments: { _ in ["emulator", "--state", Workspace.tenant, "--bogus"] },
                    mentions: "--bogus"),
    ]

    static let others: [BrokenInput] = [
        BrokenInput(name: "demo: an unknown flag", arguments: { _ in ["demo", "--bogus"] }, mentions: "--bogus"),
        BrokenInput(name: "an unknown command", arguments: { _ in ["frobnicate"] }, mentions: "frobnicate"),
    ]
}
