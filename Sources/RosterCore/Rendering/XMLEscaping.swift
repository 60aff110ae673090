/// Text made safe for XML 1.0 attribute values and character data.
enum XMLEscaping {
    /// Escapes `&`, `<`, `>`, `"` and `'`; characters XML 1.0 cannot hold at all (control
    /// characters other than tab and line breaks, lone surrogates, U+FFFE and U+FFFF)
    /// become U+FFFD. In attributes, tabs and line breaks become character references so
    /// that parsers do not normalise them to spaces.
    static func escape(_ text: String, attribute: Bool = false) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&apos;"
            case "\t", "\n", "\r":
                result += attribute ? "&#\(scalar.value);" : String(scalar)
            default:
                let value = scalar.value
                if value < 0x20 || value == 0xFFFE || value == 0xFFFF {
                    result += "\u{FFFD}"
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result
    }
}
