import ArgumentParser
import Auth0Management
import Foundation
import Roster
import RosterCore

/// `roster drift`: report every difference between the desired state and the tenant.
struct DriftCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "drift",
        abstract: "Report every difference between the desired state and the tenant (read-only).",
        discussion: """
            Reads the desired-state files and the managed organizations (read scopes only; \
            drift never writes) and reports, by organization: members and roles the tenant \
            has and the files do not declare (a plan would remove them), declared members \
            and roles the tenant lacks, members and roles that do not resolve (unknown or \
            ambiguous email, unknown role), and declared organizations the tenant does not \
            have. Protected principals and what additive policies leave alone are shown as \
            such, not as drift.

            Formats: text, json (docs/drift-format.md), markdown (a pull-request comment or \
            job summary) and junit (JUnit XML: a test suite per organization, a test case \
            per declared member, a failing case per item of drift). Give --format/--output \
            in pairs to write several from one read of the tenant: the Nth --output gets \
            the Nth --format, and one --format without an --output goes to standard output.

            Exit status: 0 in sync, 2 drift found, 1 error.

            Examples:
              roster drift orgs/
              roster drift orgs/ --format markdown --output drift.md \\
                  --format junit --output drift.xml --format text
              roster drift orgs/ --org acme --format json
              roster drift examples/acme/orgs --emulator examples/acme/tenant.json
            """)

    /// The output formats of `drift`.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json, markdown, junit
    }

    @Argument(help: "Files or folders of desired state (default: the current folder).")
    var paths: [String] = []

    @Option(name: .long, help: "Output format: text, json, markdown or junit; repeat with --output for several.")
    var format: [Format] = []

    @Option(name: .customLong("output"), help: ArgumentHelp(
        "Write the report in the matching --format to this file (repeatable).", valueName: "file"))
    var outputFiles: [String] = []

    @Flag(name: .long, help: ArgumentHelp(
        "Mask email addresses (jane@example.com -> j***@example.com) in text, Markdown and JUnit output and in "
            + "messages on standard error, for public CI logs and comments; never in JSON."))
    var maskEmails = false

    @OptionGroup var selection: OrganizationOptions
    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var emulator: EmulatorOption
    @OptionGroup var output: OutputOptions

    func validate() throws {
        if !outputFiles.isEmpty, format.count < outputFiles.count {
            throw ValidationError("each --output needs its --format: \(outputFiles.count) --output for "
                                  + "\(format.count) --format (e.g. --format junit --output drift.xml)")
        }
        if format.count > outputFiles.count + 1 {
            throw ValidationError("only one --format can go to standard output: give an --output for each of the others")
        }
        if let twice = Dictionary(grouping: outputFiles, by: { $0 }).first(where: { $0.value.count > 1 })?.key {
            throw ValidationError("--output \(twice) is given twice")
        }
        for file in outputFiles {
            // Checked before the tenant is read, so that a typo costs no API calls.
            let folder = URL(fileURLWithPath: file).deletingLastPathComponent().path
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
                throw ValidationError("--output \(file): the folder \(folder) does not exist; create it first")
            }
        }
    }

    /// Each rendering and where it goes (`nil`: standard output).
    var destinations: [(format: Format, file: String?)] {
        let formats = format.isEmpty ? [.text] : format
        return formats.enumerated().map { ($1, $0 < outputFiles.count ? outputFiles[$0] : nil) }
    }

    func run() async throws {
        let logger = output.logger()
        let tenant = try await TenantConnection.open(connection: connection, emulator: emulator, logger: logger)
        let result: PlanSession.DriftResult = try await tenant.use { tenant in
            let session = PlanSession(reader: tenant.client, tenant: tenant.tenant, rosterVersion: RosterCommand.version,
                                      logger: logger)
            do {
                return try await session.drift(paths: paths.isEmpty ? ["."] : paths, selection: selection.selection,
                                               progress: TerminalProgressReporter.standardError())
            } catch let error as SessionError {
                throw failure(error, maskEmails: maskEmails)
            } catch let error as ManagementAPIError {
                throw failure(error, maskEmails: maskEmails)
            }
        }
        showForPeople(result.warnings, maskEmails: maskEmails)
        let report = result.report
        var printed = false
        for (format, file) in destinations {
            let text = render(report, as: format, color: file == nil && output.useColor)
            guard let file else {
                Console.out(text.trimmingTrailingNewline)
                printed = true
                continue
            }
            do {
                try OutputFile.write(text.hasSuffix("\n") ? text : text + "\n", to: file)
            } catch {
                throw failure(error)
            }
            Console.err("Wrote the drift report (\(format.rawValue)) to \(file)")
        }
        if !printed { Console.out(report.summaryLine) }
        if !report.inSync { throw ExitCode(2) }
    }

    private func render(_ report: DriftReport, as format: Format, color: Bool) -> String {
        switch format {
        case .text: return report.renderedText(color: color, maskEmails: maskEmails)
        case .json: return report.renderedJSON()
        case .markdown: return report.renderedMarkdown(maskEmails: maskEmails)
        case .junit: return report.renderedJUnit(maskEmails: maskEmails)
        }
    }
}
