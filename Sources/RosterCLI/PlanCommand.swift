import ArgumentParser
import Auth0Management
import Foundation
import Roster
import RosterCore

/// `roster plan`: diff the desired state against the tenant and show the changes.
struct PlanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Show the changes that would bring the tenant in line with the desired state.",
        discussion: """
            Reads the desired-state files, reads the managed organizations from the tenant \
            (read-only) and shows the changes it would make, each with its reason: members \
            and roles the files declare and the tenant lacks are added (+), unless \
            --no-additions or `additions: false` in a policy; members and roles the tenant \
            has beyond authoritative lists are removed (-). Guards refuse mass removals: a plan that trips one is shown, not saved, \
            and the exit status is 1 unless --override-guards (recorded in the plan). With \
            --out the plan is saved for `roster apply` and its SHA-256 printed.

            Exit status: 0 ok, 1 error or guard tripped; with --detailed-exitcode 0 no \
            changes, 2 changes, 1 error.

            Examples:
              roster plan orgs/ --out plan.json
              roster plan orgs/ --format markdown --mask-emails > comment.md
              roster plan orgs/ --org acme --out plan-acme.json
              roster plan examples/acme/orgs --emulator examples/acme/tenant.json
            """)

    /// The output formats of `plan`.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json, markdown
    }

    @Argument(help: "Files or folders of desired state (default: the current folder).")
    var paths: [String] = []

    @Option(name: .long, help: ArgumentHelp("Save the plan (JSON) to this file for `roster apply`.", valueName: "file"))
    var out: String?

    @Option(name: .long, help: "Output format: text, json (the plan document) or markdown (for a pull request).")
    var format: Format = .text

    @Flag(name: .long, help: ArgumentHelp(
        "Mask email addresses (jane@example.com -> j***@example.com) in text and Markdown output and in messages "
            + "on standard error, for public CI logs and comments; never in JSON or the saved plan."))
    var maskEmails = false

    @Flag(name: .long, help: "Exit 2 when the plan has changes, 0 when none, 1 on error.")
    var detailedExitcode = false

    @Flag(name: .long, help: "Let a plan through that trips removal-count guards; recorded in the plan.")
    var overrideGuards = false

    @Flag(name: .long, help: "Plan removals only: report declared members and roles the tenant lacks as not present.")
    var noAdditions = false

    @OptionGroup var selection: OrganizationOptions
    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var emulator: EmulatorOption
    @OptionGroup var output: OutputOptions

    func run() async throws {
        let logger = output.logger()
        let tenant = try await TenantConnection.open(connection: connection, emulator: emulator, logger: logger)
        let result: PlanSession.Result = try await tenant.use { tenant in
            let session = PlanSession(reader: tenant.client, tenant: tenant.tenant, rosterVersion: RosterCommand.version,
                                      logger: logger)
            do {
                return try await session.plan(paths: paths.isEmpty ? ["."] : paths,
                                              options: PlanOptions(overrideGuards: overrideGuards, additions: !noAdditions),
                                              selection: selection.selection,
                                              progress: TerminalProgressReporter.standardError())
            } catch let error as SessionError {
                throw failure(error, maskEmails: maskEmails)
            } catch let tripped as GuardsTripped {
                // A refused plan is for reading only: text on standard error, never a
                // document on standard output that could be saved and applied.
                Console.err(tripped.plan.renderedText(color: false, maskEmails: maskEmails))
                throw failure(tripped.error, maskEmails: maskEmails)
            } catch let error as ManagementAPIError {
                throw failure(error, maskEmails: maskEmails)
            }
        }
        showForPeople(result.warnings, maskEmails: maskEmails)
        show(result.plan)
        if let out {
            do {
                let sha256 = try PlanFile.write(result.plan, to: out)
                let message = "Saved the plan to \(out)\nSHA-256: \(sha256)\nApply it with: roster apply \(out) --plan-sha256 \(sha256)"
                switch format {
                case .text: Console.out("\n" + message)
                case .markdown:
                    // In the rendering too: a pull-request comment shows what was reviewed.
                    Console.out("\nSaved the plan to `\(out)`, SHA-256 `\(sha256)`. Apply it with "
                                + "`roster apply \(out) --plan-sha256 \(sha256)`.")
                case .json: Console.err(message)
                }
                if FileManager.default.fileExists(atPath: out + ".journal") {
                    Console.err("warning: \(out).journal is the journal of an earlier apply; `roster apply \(out)` refuses "
                                + "it until it is moved away")
                }
            } catch {
                Console.err("error: \(error)")
                throw ExitCode.failure
            }
        }
        if detailedExitcode, result.plan.hasChanges { throw ExitCode(2) }
    }

    private func show(_ plan: Plan) {
        switch format {
        case .text: Console.out(plan.renderedText(color: output.useColor, maskEmails: maskEmails))
        case .json: Console.out(plan.renderedJSON().trimmingTrailingNewline)
        case .markdown: Console.out(plan.renderedMarkdown(maskEmails: maskEmails).trimmingTrailingNewline)
        }
    }
}

extension String {
    /// The text without its final newline, for `Console.out`, which adds one.
    var trimmingTrailingNewline: String { hasSuffix("\n") ? String(dropLast()) : self }
}
