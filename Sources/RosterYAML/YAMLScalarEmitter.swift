import CYAML

/// Writes one scalar as YAML text through libyaml's emitter, so that quoting is libyaml's:
/// plain when plain reads back as the same text, single or double quoted otherwise.
///
/// The scalar is emitted as the item of a flow sequence with unlimited line width, which
/// is the strictest context a scalar meets (a form valid there is valid as a block mapping
/// key or value too). Text that Roster's loader or other YAML readers would take for
/// something else than text (null, `~`, booleans of YAML 1.1 and 1.2, numbers) is quoted.
public enum YAMLScalarEmitter {
    /// Why a scalar cannot be written.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        /// What went wrong.
        public var description: String
    }

    /// The YAML form of `text`, on one line.
    public static func render(_ text: String) throws(Failure) -> String {
        // Line and paragraph separators: libyaml writes them as they are, and YAML reads
        // them as line breaks (Roster refuses them in a file). Double-quoted, as escapes.
        if text.unicodeScalars.contains(where: { [0x85, 0x2028, 0x2029].contains($0.value) }) {
            var quoted = "\""
            for scalar in text.unicodeScalars {
                switch scalar.value {
                case 0x5C: quoted += "\\\\"
                case 0x22: quoted += "\\\""
                case 0x85: quoted += "\\N"
                case 0x2028: quoted += "\\L"
                case 0x2029: quoted += "\\P"
                default: quoted.unicodeScalars.append(scalar)
                }
            }
            return quoted + "\""
        }
        var emitter = yaml_emitter_t()
        guard yaml_emitter_initialize(&emitter) == 1 else { throw Failure(description: "libyaml could not initialise") }
        defer { yaml_emitter_delete(&emitter) }
        // Worst case: every byte becomes a 10-byte escape (\UXXXXXXXX), plus the brackets.
        let capacity = text.utf8.count * 10 + 64
        var buffer = [UInt8](repeating: 0, count: capacity)
        var written = 0
        var value = Array(text.utf8)
        let quoted = looksLikeNonText(text)
        let ok = buffer.withUnsafeMutableBufferPointer { output -> Bool in
            yaml_emitter_set_output_string(&emitter, output.baseAddress, capacity, &written)
            yaml_emitter_set_unicode(&emitter, 1)
            yaml_emitter_set_width(&emitter, -1)
            var event = yaml_event_t()
            func emit(_ initialised: Int32) -> Bool {
                initialised == 1 && yaml_emitter_emit(&emitter, &event) == 1
            }
            guard emit(yaml_stream_start_event_initialize(&event, YAML_UTF8_ENCODING)),
                  emit(yaml_document_start_event_initialize(&event, nil, nil, nil, 1)),
                  emit(yaml_sequence_start_event_initialize(&event, nil, nil, 1, YAML_FLOW_SEQUENCE_STYLE))
            else { return false }
            let scalar = value.withUnsafeMutableBufferPointer { bytes -> Int32 in
                var empty: UInt8 = 0
                return yaml_scalar_event_initialize(
                    &event, nil, nil, bytes.baseAddress ?? withUnsafeMutablePointer(to: &empty) { $0 }, Int32(bytes.count),
                    quoted ? 0 : 1, 1, YAML_ANY_SCALAR_STYLE)
            }
            guard emit(scalar),
                  emit(yaml_sequence_end_event_initialize(&event)),
                  emit(yaml_document_end_event_initialize(&event, 1)),
                  emit(yaml_stream_end_event_initialize(&event))
            else { return false }
            return yaml_emitter_flush(&emitter) == 1
        }
        guard ok else {
            let problem = emitter.problem.map { String(cString: $0) } ?? "unknown error"
            throw Failure(description: "libyaml cannot write \(text.debugDescription): \(problem)")
        }
        var output = String(decoding: buffer[..<written], as: UTF8.self)
        while output.hasSuffix("\n") { output.removeLast() }
        if output.hasSuffix("\n...") { output.removeLast(4) }
        guard output.hasPrefix("["), output.hasSuffix("]"), !output.contains("\n") else {
            throw Failure(description: "libyaml wrote \(text.debugDescription) on several lines")
        }
        return String(output.dropFirst().dropLast())
    }

    /// Whether a plain scalar with this text could be read as something else than text:
    /// null (`~`, `null`, empty), a boolean (`true`, `yes`, `on`, `n` ... in any case), or a
    /// number (anything starting with a digit, a sign and a digit, or `.inf` / `.nan`).
    static func looksLikeNonText(_ text: String) -> Bool {
        let lower = text.lowercased()
        let words: Set<String> = ["", "~", "null", "true", "false", "yes", "no", "y", "n", "on", "off"]
        if words.contains(lower) { return true }
        var scalars = lower.unicodeScalars[...]
        if scalars.first == "+" || scalars.first == "-" { scalars = scalars.dropFirst() }
        if scalars.first == "." { scalars = scalars.dropFirst() }
        if let first = scalars.first, ("0" ... "9").contains(first) { return true }
        return [".inf", "+.inf", "-.inf", ".nan"].contains(lower)
    }
}
