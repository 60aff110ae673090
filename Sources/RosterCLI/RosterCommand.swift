import ArgumentParser

/// The `roster` command: Auth0 Organization membership as code.
public struct RosterCommand: ParsableCommand {
    /// Roster's version, as `roster --version` prints it.
    public static let version = "0.1.0-dev"

    public static let configuration = CommandConfiguration(
        commandName: "roster",
        abstract: "Keep Auth0 Organization membership as code.",
        discussion: """
            Desired state lives in YAML files: which users belong to which Auth0 \
            organization, with which roles. Roster checks those files, compares them with \
            the tenant and plans the additions and removals that would bring the tenant \
            in line; apply carries out exactly a saved, reviewed plan and leaves an undo \
            plan.

            Examples:
              roster demo                      Plan and apply on a bundled example tenant
              roster validate orgs/            Check every *.yaml / *.yml under orgs/
              roster plan orgs/ --out plan.json
                                               Show and save the changes (read-only)
              roster apply plan.json --plan-sha256 HEX
                                               Carry out the reviewed plan
              roster apply plan.json.undo --plan-sha256 HEX
                                               Take that apply's changes back
              roster drift orgs/ --format junit --output drift.xml
                                               Report drift (exit 2), e.g. nightly
              roster export --output orgs/     Write the tenant's membership as YAML
              roster validate --format json    Diagnostics as JSON, for tools
              roster emulator --state examples/acme/tenant.json
                                               Serve a local Auth0 Management API
            """,
        version: version,
        subcommands: [
            ValidateCommand.self, PlanCommand.self, ApplyCommand.self, DriftCommand.self, ExportCommand.self,
            DemoCommand.self, EmulatorCommand.self,
        ]
    )

    public init() {}
}
