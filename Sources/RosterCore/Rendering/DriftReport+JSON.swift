import Foundation

extension DriftReport {
    /// The drift document (docs/drift-format.md), with a final newline: pretty-printed,
    /// sorted keys, ISO 8601 dates in UTC, like the plan document.
    public func renderedJSON() -> String {
        // Plain structs of strings, integers, booleans and dates always encode.
        let data = (try? Plan.encoder().encode(self)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
