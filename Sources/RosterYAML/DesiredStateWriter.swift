import RosterCore

/// Writes an organization's current membership as a desired-state file (format version 1)
/// that Roster's own loader accepts and that plans no change against the same tenant:
/// members sorted by user id with the email as a comment, roles by name (by id when a name
/// is shared by several roles or reads as an id), every scalar quoted by libyaml's emitter.
public enum DesiredStateWriter {
    /// Why an organization cannot be exported; says which value and what to do.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        /// What went wrong.
        public var description: String
    }

    /// The file for one organization. `rolesByID` are the role names to write by id
    /// (``TenantMembership/rolesWrittenByID``); `header` lines become comments at the top.
    public static func document(
        for organization: CurrentOrganization, rolesByID: Set<String> = [], header: [String] = []
    ) throws(Failure) -> String {
        var lines = header.map { "# " + commentText($0) }
        lines += ["version: 1", "organizations:"]
        lines.append("  \(try scalar(organization.name, what: "the organization name")):")
        lines.append("    id: \(try scalar(organization.id, what: "the id of organization \(organization.name)"))")
        let members = (organization.members ?? []).sorted { $0.userID < $1.userID }
        guard !members.isEmpty else {
            lines.append("    # No members today, so membership is not managed: add `members:` to manage it.")
            return lines.joined(separator: "\n") + "\n"
        }
        lines.append("    members:")
        for member in members {
            guard case .userID? = Principal(parsing: member.userID) else {
                throw Failure(description: "the user id \(member.userID.debugDescription) of a member of "
                              + "\(organization.name) is not one Roster can name (provider|id, no spaces)")
            }
            let key = try scalar(member.userID, what: "the user id \(member.userID)")
            var roles: [String] = []
            for role in member.roles.sorted() {
                let text = rolesByID.contains(role.name) ? role.id : role.name
                guard !text.isEmpty, !text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
                    throw Failure(description: "the role \(role.id) of \(member.userID) in \(organization.name) has "
                                  + "the name \(role.name.debugDescription), which a desired-state file cannot hold")
                }
                roles.append(try scalar(text, what: "the role \(role.name) of \(member.userID)"))
            }
            let comment = member.email.map { "  # " + commentText($0) } ?? ""
            lines.append("      \(key): [\(roles.joined(separator: ", "))]\(comment)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func scalar(_ text: String, what: String) throws(Failure) -> String {
        if text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) || text.isEmpty {
            throw Failure(description: "\(what) is \(text.debugDescription), which a desired-state file cannot hold "
                          + "(empty, or a control character)")
        }
        do {
            return try YAMLScalarEmitter.render(text)
        } catch {
            throw Failure(description: "\(what): \(error)")
        }
    }

    /// Text for a comment: on one line, no control characters and no line or paragraph
    /// separator (YAML reads U+2028 and U+2029 as line breaks, and Roster refuses them).
    private static func commentText(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { breaksLines($0) ? " " : $0 }))
    }

    /// Whether a character is a control character or a line or paragraph separator.
    private static func breaksLines(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .control, .lineSeparator, .paragraphSeparator: true
        default: false
        }
    }
}
