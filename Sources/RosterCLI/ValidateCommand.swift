import ArgumentParser
import RosterCore
import RosterYAML

/// `roster validate`: checks desired-state files without touching any tenant.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check desired-state files, offline.",
        discussion: """
            Reads every *.yaml and *.yml file under the given paths (folders are read \
            recursively, hidden entries skipped), checks them against the desired-state \
            format and reports every problem in every file, compiler style \
            (file:line:column: error: message) on standard error, then a one-line summary. \
            No network access, no credentials.

            Exit status: 0 when valid (warnings allowed), 1 when any error was found.

            Examples:
              roster validate                      Check the current folder
              roster validate orgs/ extra.yaml     Check a folder and a file together
              roster validate --format json orgs/  Diagnostics as JSON on standard output
            """
    )

    /// The output formats of `validate`.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @Argument(help: "Files or folders of desired state (default: the current folder).")
    var paths: [String] = []

    @Option(name: .long, help: "Output format: text (diagnostics on stderr) or json (on stdout).")
    var format: Format = .text

    func run() throws {
        let result = DesiredStateLoader().load(paths: paths.isEmpty ? ["."] : paths)
        let report = DiagnosticReport(
            files: result.state.files.count, organizations: result.state.organizations.count,
            members: result.state.memberCount, diagnostics: result.diagnostics)
        switch format {
        case .json:
            Console.out(report.renderedJSON())
        case .text:
            for diagnostic in report.diagnostics { Console.err(diagnostic.renderedText) }
            Console.out(report.summaryLine)
        }
        if !report.valid { throw ExitCode.failure }
    }
}
