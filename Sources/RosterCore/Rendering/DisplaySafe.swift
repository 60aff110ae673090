/// Text from files and from the tenant, made safe to show: names, emails and Auth0's
/// messages may hold characters that act on a terminal (escape sequences, carriage
/// returns), reorder what a reader sees (bidirectional controls), or act in Markdown (a
/// code span closed early, `<!--`, an image). Renderings pass every such piece through here;
/// the JSON renderings and the saved plan keep the text exactly.
public enum DisplaySafe {
    /// `text` with control characters (C0, DEL, C1), line and paragraph separators and
    /// bidirectional controls shown as `\u{1B}`; nothing else changes. `keepingLineBreaks`
    /// keeps `\n` (for messages of several lines that Roster itself wrote).
    public static func terminal(_ text: String, keepingLineBreaks: Bool = false) -> String {
        guard text.unicodeScalars.contains(where: { isUnsafe($0) && !(keepingLineBreaks && $0 == "\n") }) else { return text }
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if isUnsafe(scalar), !(keepingLineBreaks && scalar == "\n") {
                result.append(contentsOf: "\\u{\(String(scalar.value, radix: 16, uppercase: true))}".unicodeScalars)
            } else {
                result.append(scalar)
            }
        }
        return String(result)
    }

    /// `text` for Markdown prose: safe as ``terminal(_:keepingLineBreaks:)``, and with the
    /// characters that start Markdown or HTML (`` ` ``, `*`, `_`, `[`, `]`, `<`, `>`, `!`,
    /// `|`, `~`, `&`, `#`, `\`) escaped with a backslash, so that it renders as written.
    public static func markdown(_ text: String) -> String {
        var result = ""
        for character in terminal(text) {
            if "`*_[]<>!|~&#\\".contains(character) { result.append("\\") }
            result.append(character)
        }
        return result
    }

    /// `text` as a Markdown code span: safe as ``terminal(_:keepingLineBreaks:)``, between
    /// runs of backticks one longer than the longest in the text (so that none closes it),
    /// with a space inside each end when the text starts or ends with a backtick or a space.
    public static func markdownCode(_ text: String) -> String {
        let safe = terminal(text)
        var longest = 0, run = 0
        for character in safe {
            run = character == "`" ? run + 1 : 0
            longest = max(longest, run)
        }
        let fence = String(repeating: "`", count: longest + 1)
        let padded = safe.first == "`" || safe.last == "`" || safe.first == " " || safe.last == " " ? " \(safe) " : safe
        return fence + padded + fence
    }

    private static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00 ... 0x1F, 0x7F ... 0x9F: true  // C0, DEL, C1 (NEL among them)
        case 0x2028, 0x2029: true  // line and paragraph separators
        case 0x061C, 0x200E, 0x200F, 0x202A ... 0x202E, 0x2066 ... 0x2069: true  // bidirectional controls
        default: false
        }
    }
}
