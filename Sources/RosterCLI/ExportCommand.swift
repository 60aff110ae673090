import ArgumentParser
import Auth0Management
import Foundation
import Roster
import RosterCore
import RosterYAML

/// `roster export`: write the tenant's current membership as desired-state YAML.
struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the tenant's current membership as desired-state YAML (read-only).",
        discussion: """
            Reads every organization of the tenant (or those given with --org) with all \
            its members and their roles, and writes one desired-state file per \
            organization, DIR/<name>.yaml: the organization pinned by id, members sorted by \
            user id with the email as a comment, roles by name. `roster plan` on the export \
            shows no changes, so it is where managing an existing tenant starts. Existing \
            files are not replaced unless --force. Without --output, one organization's \
            file is printed on standard output.

            Exit status: 0 written, 1 error.

            Examples:
              roster export --output orgs/
              roster export --org acme --org globex --output orgs/
              roster export --org acme > acme.yaml
              roster export --emulator examples/acme/tenant.json --output /tmp/orgs
            """)

    @Option(name: .customLong("output"), help: ArgumentHelp(
        "Write DIR/<organization>.yaml for each organization (the folder is created).", valueName: "dir"))
    var directory: String?

    @Flag(name: .long, help: "Replace files that already exist in the --output folder.")
    var force = false

    @OptionGroup var selection: OrganizationOptions
    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var emulator: EmulatorOption
    @OptionGroup var output: OutputOptions

    func run() async throws {
        let logger = output.logger()
        let tenant = try await TenantConnection.open(connection: connection, emulator: emulator, logger: logger)
        let (membership, missing, tenantName) = try await tenant.use { tenant in
            do {
                let read = try await tenant.client.readMembership(
                    of: selection.selection.names, progress: TerminalProgressReporter.standardError())
                return (read.membership, read.missing, tenant.tenant)
            } catch let error as ManagementAPIError {
                throw failure(error)
            }
        }
        if !missing.isEmpty {
            throw failure("--org \(missing.map { "\"\($0)\"" }.joined(separator: ", ")): the tenant \(tenantName) has no "
                          + "organization with this name; check the name (not the display name) in Auth0")
        }
        let header = [
            "Exported from \(tenantName) by `roster export` (Roster \(RosterCommand.version)).",
            "The membership as it was then: review it, commit it, then `roster plan` shows no changes.",
        ]
        var files: [(name: String, text: String)] = []
        for organization in membership.organizations {
            do {
                files.append((organization.name, try DesiredStateWriter.document(
                    for: organization, rolesByID: membership.rolesWrittenByID, header: header)))
            } catch {
                throw failure("cannot export \(organization.name): \(error)")
            }
        }
        guard let directory else {
            guard files.count == 1 else {
                throw failure(files.isEmpty ? "the tenant \(tenantName) has no organizations to export"
                              : "\(files.count) organizations: give --output DIR for one file each, or --org NAME for one")
            }
            Console.out(files[0].text.trimmingTrailingNewline)
            return
        }
        try write(files, to: directory)
    }

    private func write(_ files: [(name: String, text: String)], to directory: String) throws {
        let manager = FileManager.default
        do {
            try manager.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw failure("--output \(directory): cannot create the folder (\(error.localizedDescription))")
        }
        let paths = files.map { URL(fileURLWithPath: directory).appendingPathComponent("\($0.name).yaml").path }
        for (file, path) in zip(files, paths) {
            guard !file.name.isEmpty, !file.name.hasPrefix("."), !file.name.contains("/") else {
                throw failure("the organization name \(file.name.debugDescription) cannot be a file name; export it with "
                              + "--org into its own folder and rename the file")
            }
            if !force, manager.fileExists(atPath: path) {
                throw failure("\(path) exists; nothing was written. Export into an empty folder, or pass --force to replace it")
            }
        }
        for (file, path) in zip(files, paths) {
            do {
                try OutputFile.write(file.text, to: path)
            } catch {
                throw failure(error)
            }
            Console.err("Wrote \(path)")
        }
        Console.out("Exported \(files.count) organization\(files.count == 1 ? "" : "s") to \(directory)")
    }
}
