import CYAML

/// The bare libyaml event loop (`yaml_parser_parse` + `yaml_event_delete`, nothing else) over
/// bytes in memory: the floor no loader on libyaml's event API can beat. The same loop as
/// the reference `yaml_floor.c`, called from the same process as the loader it is compared with.
enum YAMLFloor {
    /// Parses `bytes` and returns the number of events, or -1 on a parse error.
    static func run(_ bytes: [UInt8]) -> Int {
        bytes.withUnsafeBufferPointer { buffer -> Int in
            var parser = yaml_parser_t()
            guard yaml_parser_initialize(&parser) == 1 else { return -1 }
            defer { yaml_parser_delete(&parser) }
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            var event = yaml_event_t()
            var events = 0
            while true {
                guard yaml_parser_parse(&parser, &event) == 1 else { return -1 }
                events += 1
                let done = event.type == YAML_STREAM_END_EVENT
                yaml_event_delete(&event)
                if done { return events }
            }
        }
    }
}
