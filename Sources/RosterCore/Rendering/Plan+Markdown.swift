extension Plan {
    /// The plan for a pull-request comment: a summary table, one collapsible section per
    /// organization with something to say. `maskEmails` hides the local part of every
    /// address (`j***@example.com`) for public repositories.
    public func renderedMarkdown(maskEmails: Bool = false) -> String {
        func mask(_ text: String) -> String { maskEmails ? EmailMask.mask(text) : text }
        // Names, emails and reasons hold text from files and the tenant: rendered as written.
        func prose(_ text: String) -> String { DisplaySafe.markdown(mask(text)) }
        var lines = ["### Roster plan for \(Self.code(tenant))", ""]
        if let undoLine { lines += ["> [!NOTE]", "> \(undoLine)", ""] }
        if let overrideLine {
            lines.append("> [!WARNING]")
            lines.append("> **\(overrideLine)**")
            for violation in overriddenGuards { lines.append("> - \(prose(violation.summary))") }
            lines.append("")
        }
        lines.append("| Organization | Member additions | Role additions | Member removals | Role removals | Kept (protected) | Not present |")
        lines.append("|---|---:|---:|---:|---:|---:|---:|")
        for organization in organizations {
            let kept = organization.notes.filter(\.isKept).count
            lines.append("| \(prose(organization.name)) | \(organization.memberAdditions.count) | \(organization.roleAdditions.count) | "
                         + "\(organization.memberRemovals.count) | \(organization.roleRemovals.count) | \(kept) | "
                         + "\(organization.notes.count - kept) |")
        }
        lines.append("")
        for organization in organizations where !organization.steps.isEmpty || !organization.notes.isEmpty {
            var counts = "\(Self.count(organization.memberRemovals.count, "member removal")), "
                + Self.count(organization.roleRemovals.count, "role removal")
            if organization.steps.contains(where: \.action.isAddition) {
                counts = "\(Self.count(organization.memberAdditions.count, "member addition")), "
                    + "\(Self.count(organization.roleAdditions.count, "role addition")), " + counts
            }
            lines.append("<details><summary><b>\(prose(organization.name))</b>: \(counts)</summary>")
            lines.append("")
            for step in organization.steps {
                let (icon, sign) = step.action.isAddition ? (":heavy_plus_sign:", "+") : (":x:", "-")
                lines.append("- \(icon) \(Self.code(sign + " " + mask(step.headline))): \(prose(step.reason))")
            }
            for note in organization.notes {
                let icon = note.isKept ? ":shield:" : ":grey_question:"
                // As in text: a kept note's reason names its place already.
                let source = note.isKept || note.source == nil ? "" : ", \(prose(note.source!))"
                lines.append("- \(icon) \(Self.code(mask(note.headline))): \(prose(note.reason))\(source)")
            }
            lines.append("")
            lines.append("</details>")
            lines.append("")
        }
        lines.append("**\(summaryLine)**")
        return lines.joined(separator: "\n") + "\n"
    }

    /// Text in a code span, safe whatever backticks it holds.
    static func code(_ text: String) -> String {
        DisplaySafe.markdownCode(text)
    }
}
