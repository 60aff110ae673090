extension DriftReport {
    /// The report for a pull-request comment or a job summary: a table per organization,
    /// one collapsible section per organization with something to say. `maskEmails` hides
    /// the local part of every address (`j***@example.com`) for public repositories.
    public func renderedMarkdown(maskEmails: Bool = false) -> String {
        func mask(_ text: String) -> String { maskEmails ? EmailMask.mask(text) : text }
        // Names, emails and messages hold text from files and the tenant: rendered as written.
        func prose(_ text: String) -> String { DisplaySafe.markdown(mask(text)) }
        var lines = ["### Roster drift for \(Plan.code(tenant))", ""]
        lines.append(inSync ? "> [!NOTE]" : "> [!WARNING]")
        lines.append("> " + (inSync ? "The tenant matches the desired state." : "The tenant differs from the desired state."))
        lines.append("")
        lines.append("| Organization | Undeclared members | Undeclared roles | Missing | Unresolved | Protected | Left alone |")
        lines.append("|---|---:|---:|---:|---:|---:|---:|")
        for organization in organizations {
            func count(_ kinds: Set<DriftItem.Kind>) -> Int { organization.drift.filter { kinds.contains($0.kind) }.count }
            let protected = organization.notes.filter(\.isProtection).count
            lines.append("| \(prose(organization.name)) | \(count([.undeclaredMember])) | \(count([.undeclaredRole])) | "
                         + "\(count([.missingMember, .missingRole])) | "
                         + "\(count([.missingOrganization, .unresolvedMember, .unknownRole])) | "
                         + "\(protected) | \(organization.notes.count - protected) |")
        }
        lines.append("")
        for organization in organizations where !organization.drift.isEmpty || !organization.notes.isEmpty {
            lines.append("<details><summary><b>\(prose(organization.name))</b>: \(Plan.count(organization.drift.count, "drift item"))</summary>")
            lines.append("")
            for item in organization.drift {
                let icon: String
                switch item.kind.marker {
                case "-": icon = ":x:"
                case "+": icon = ":heavy_plus_sign:"
                default: icon = ":warning:"
                }
                lines.append("- \(icon) \(Plan.code(mask(item.headline))): \(prose(item.message))")
            }
            for note in organization.notes {
                lines.append("- \(note.isProtection ? ":shield:" : ":white_circle:") \(Plan.code(mask(note.headline))): \(prose(note.message))")
            }
            lines.append("")
            lines.append("</details>")
            lines.append("")
        }
        lines.append("**\(summaryLine)**")
        return lines.joined(separator: "\n") + "\n"
    }
}
