import ArgumentParser
import Foundation
import RosterCore

/// `--org NAME` (repeatable): limit a run to some organizations, so that large tenants can
/// split their work across parallel pipeline jobs.
struct OrganizationOptions: ParsableArguments {
    @Option(name: .customLong("org"), help: ArgumentHelp(
        "Limit the run to this organization (by name; repeat for several). Default: every organization.",
        valueName: "name"))
    var organizations: [String] = []

    func validate() throws {
        if let empty = organizations.first(where: { $0.trimmingCharacters(in: .whitespaces).isEmpty }) {
            throw ValidationError("--org needs an organization name, found \"\(empty)\"")
        }
    }

    /// The selection.
    var selection: OrganizationSelection { OrganizationSelection(organizations) }
}
