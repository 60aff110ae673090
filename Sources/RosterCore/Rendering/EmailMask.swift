/// Masks email addresses in text: the local part becomes its first character and `***`.
public enum EmailMask {
    /// `jane@example.com` -> `j***@example.com`, anywhere in the text. An address is a run of
    /// characters other than spaces and the delimiters around it in Roster's output
    /// (`"`, `` ` ``, `<`, `>`, brackets, `,`, `;`, `:`, `|`, `\\`), an `@`, and a
    /// domain of one or more dot-separated labels of such characters: accented addresses
    /// (`max.müller@bücher.de`), ones with `'` or `+`, and ones at a host without a dot
    /// (`ops@localhost`, `jdoe@corp`: directory connections have them) are masked whole, and
    /// a user id holding an email (`samlp|acme|jane@example.com`) keeps its prefix. `/` and
    /// `=` may be in a local part (`john/cto@`, `mary=j@`): text before them is masked too.
    public static func mask(_ text: String) -> String {
        text.replacing(/[^\s"`<>()\[\]{},;:|\\@]+@[^\s"`<>()\[\]{},;:|\/=\\@.]+(\.[^\s"`<>()\[\]{},;:|\/=\\@.]+)*/) { match in
            let address = match.output.0
            guard let at = address.firstIndex(of: "@"), let first = address.first else { return String(address) }
            return "\(first)***\(address[at...])"
        }
    }
}
