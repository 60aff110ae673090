extension Plan {
    /// The plan for people: the override line when guards were overridden, one block per
    /// organization with something to say, a line per step with its reason, then the
    /// summary line. ANSI colour only when `color` is true; `maskEmails` hides the local
    /// part of every email address (``EmailMask``).
    public func renderedText(color: Bool = false, maskEmails: Bool = false) -> String {
        let style = TextStyle(enabled: color)
        // Names, emails and reasons hold text from files and the tenant: shown as written,
        // never acting on the terminal.
        func mask(_ text: String) -> String { DisplaySafe.terminal(maskEmails ? EmailMask.mask(text) : text) }
        var lines: [String] = []
        if let undoLine {
            lines.append(style.bold(undoLine))
            lines.append("")
        }
        if let overrideLine {
            lines.append(style.yellow("! " + overrideLine))
            for violation in overriddenGuards { lines.append(style.yellow("!   " + violation.summary)) }
            lines.append("")
        }
        for organization in organizations where !organization.steps.isEmpty || !organization.notes.isEmpty {
            lines.append(style.bold("\(mask(organization.name)) (\(mask(organization.id)))"))
            for step in organization.steps {
                lines.append("  " + (step.action.isAddition ? style.green("+ " + mask(step.headline)) : style.red("- " + mask(step.headline))))
                lines.append("      " + style.dim(mask(step.reason)))
            }
            for note in organization.notes {
                let marker = note.isKept ? style.yellow("= " + mask(note.headline)) : style.cyan("? " + mask(note.headline))
                lines.append("  " + marker)
                lines.append("      " + style.dim(mask(note.reason) + (note.isKept || note.source == nil ? "" : ", \(mask(note.source!))")))
            }
            lines.append("")
        }
        lines.append(style.bold(summaryLine))
        return lines.joined(separator: "\n")
    }
}
