import Foundation

extension Plan {
    /// The encoder of plan documents: pretty-printed, sorted keys, ISO 8601 dates in UTC.
    public static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }

    /// The decoder of plan documents.
    public static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }

    /// The plan document (docs/plan-format.md), with a final newline.
    public func renderedJSON() -> String {
        // Plain structs of strings, integers, booleans and dates always encode.
        let data = (try? Self.encoder().encode(self)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
