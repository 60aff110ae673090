extension DriftReport {
    /// The report for people: one block per organization with something to say, a line per
    /// item with its reason, then the summary line. ANSI colour only when `color` is true.
    ///
    /// `-` a plan would remove it, `+` declared but missing from the tenant, `!` cannot be
    /// resolved, `=` protected (kept), `~` left alone by an additive policy. `maskEmails`
    /// hides the local part of every email address (``EmailMask``).
    public func renderedText(color: Bool = false, maskEmails: Bool = false) -> String {
        let style = TextStyle(enabled: color)
        // Names, emails and reasons hold text from files and the tenant: shown as written,
        // never acting on the terminal.
        func mask(_ text: String) -> String { DisplaySafe.terminal(maskEmails ? EmailMask.mask(text) : text) }
        var lines: [String] = []
        for organization in organizations where !organization.drift.isEmpty || !organization.notes.isEmpty {
            lines.append(style.bold("\(mask(organization.name)) (\(organization.id.map(mask) ?? "not found"))"))
            for item in organization.drift {
                let line = item.kind.marker + " " + mask(item.headline)
                switch item.kind.marker {
                case "-": lines.append("  " + style.red(line))
                case "+": lines.append("  " + style.cyan(line))
                default: lines.append("  " + style.yellow(line))
                }
                lines.append("      " + style.dim(mask(item.message) + (item.source.map { item.message.contains($0) ? "" : ", \(mask($0))" } ?? "")))
            }
            for note in organization.notes {
                lines.append("  " + style.dim((note.isProtection ? "= " : "~ ") + mask(note.headline)))
                lines.append("      " + style.dim(mask(note.message)))
            }
            lines.append("")
        }
        lines.append(style.bold(summaryLine))
        return lines.joined(separator: "\n")
    }
}
