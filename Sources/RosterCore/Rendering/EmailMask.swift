/// Masks email addresses in text: the local part becomes its first character and `***`.
public enum EmailMask {
    /// `jane@example.com` -> `j***@example.com`, anywhere in the text.
    public static func mask(_ text: String) -> String {
        text.replacing(/[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(\.[A-Za-z0-9\-]+)+/) { match in
            let address = match.output.0
            guard let at = address.firstIndex(of: "@"), let first = address.first else { return String(address) }
            return "\(first)***\(address[at...])"
        }
    }
}
