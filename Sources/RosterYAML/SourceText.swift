/// Position arithmetic over a file's raw bytes, used only when reporting errors.
enum SourceText {
    /// The 1-based line and column (in characters) of a byte offset, as libyaml counts them:
    /// a line ends at `\n`, `\r\n` or a lone `\r`, and a byte-order mark at the start of
    /// the file is not a column.
    static func lineAndColumn(ofByte offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> (line: Int, column: Int) {
        var line = 1
        var column = 1
        var index = byteOrderMarkLength(bytes)
        let end = min(offset, bytes.count)
        while index < end {
            let byte = bytes[index]
            if byte == 0x0A || byte == 0x0D && (index + 1 >= bytes.count || bytes[index + 1] != 0x0A) {
                line += 1
                column = 1
            } else if byte != 0x0D, byte & 0xC0 != 0x80 {  // not a UTF-8 continuation byte
                column += 1
            }
            index += 1
        }
        return (line, column)
    }

    /// The length of a UTF-8 byte-order mark at the start of `bytes`: 3 or 0.
    static func byteOrderMarkLength(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0
    }

    /// The byte offset of a 1-based line and column (in characters), counted as
    /// ``lineAndColumn(ofByte:in:)`` counts them, or `nil` past the end.
    static func byteOffset(line: Int, column: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var index = byteOrderMarkLength(bytes)
        var currentLine = 1
        while currentLine < line {
            guard let end = bytes[index...].firstIndex(where: { $0 == 0x0A || $0 == 0x0D }) else { return nil }
            index = bytes[end] == 0x0D && end + 1 < bytes.count && bytes[end + 1] == 0x0A ? end + 2 : end + 1
            currentLine += 1
        }
        var currentColumn = 1
        while currentColumn < column, index < bytes.count {
            index += 1
            while index < bytes.count, bytes[index] & 0xC0 == 0x80 { index += 1 }
            currentColumn += 1
        }
        return index < bytes.count ? index : nil
    }

    /// `U+0007`: a code point as Unicode writes it.
    static func codePoint(_ value: UInt32) -> String {
        let hex = String(value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    /// Text for a message, cut to `limit` characters: a name in a message must not be able to
    /// make the message itself huge.
    static func abbreviated(_ text: String, limit: Int = 60) -> String {
        text.count <= limit ? text : text.prefix(limit) + "…"
    }

    /// A short, printable rendering of a possibly long or odd string, for messages.
    static func quoted(_ text: String, limit: Int = 60) -> String {
        var out = ""
        var count = 0
        for scalar in text.unicodeScalars {
            if count == limit {
                out += "…"
                break
            }
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || (0x80..<0xA0).contains(scalar.value) {
                    out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
            count += 1
        }
        return "\"" + out + "\""
    }
}
