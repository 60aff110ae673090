import CYAML
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// libyaml's event loop on a thread of its own, so that parsing and building the tree run
/// side by side on a large file.
///
/// The parser thread writes each event into a chunk in a compact form (its kind, style,
/// place and scalar bytes, back to back) and deletes it at once, on the thread that
/// allocated it; the few events with an anchor or a tag are kept whole for the reading
/// side. Reading a dense chunk from another core is cheap, where libyaml's own scattered
/// events, or freeing them on another thread, would cost more than the parsing saved.
///
/// Four chunks go round. The last chunk says why nothing follows: the stream ended, libyaml
/// failed (its error stays in the parser, read once the thread is over), or the reading side
/// asked it to stop.
final class EventPipeline: @unchecked Sendable {
    static let chunkCount = 4
    /// How many events a chunk holds.
    let eventsPerChunk: Int

    /// One event, compactly.
    struct Event {
        var type: yaml_event_type_t
        var style: yaml_scalar_style_t
        var line: UInt32
        var column: UInt32
        /// A scalar's bytes in the chunk's ``Chunk/text``.
        var textStart: UInt32
        var textCount: UInt32
        /// The position of the whole event in ``Chunk/kept`` when it has an anchor or a tag,
        /// or -1.
        var kept: Int32
    }

    struct Chunk {
        var events: UnsafeMutablePointer<Event>
        var count = 0
        var text: [UInt8] = []
        /// Events kept whole (anchors and tags), deleted when the chunk is filled again.
        var kept: UnsafeMutablePointer<yaml_event_t>
        var keptCount = 0
        /// libyaml failed after the last event of this chunk.
        var failed = false
        /// Nothing follows this chunk.
        var isLast = false
    }

    private let parser: UnsafeMutablePointer<yaml_parser_t>
    private let chunks: UnsafeMutablePointer<Chunk>
    private let free = DispatchSemaphore(value: EventPipeline.chunkCount)
    private let filled = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)
    private let lock = NSLock()
    /// Guarded by `lock`.
    private var stopRequested = false

    /// A pipeline over a parser that has its input; the parser must outlive ``finish()``.
    init(parser: UnsafeMutablePointer<yaml_parser_t>, eventsPerChunk: Int = 4_096) {
        self.parser = parser
        self.eventsPerChunk = max(1, eventsPerChunk)
        chunks = .allocate(capacity: Self.chunkCount)
        for index in 0 ..< Self.chunkCount {
            (chunks + index).initialize(to: Chunk(events: .allocate(capacity: eventsPerChunk),
                                                  kept: .allocate(capacity: eventsPerChunk)))
            chunks[index].text.reserveCapacity(eventsPerChunk * 16)
        }
    }

    /// After ``finish()``: the events kept by the chunks taken last are deleted here.
    deinit {
        for index in 0 ..< Self.chunkCount {
            Self.deleteKept(of: chunks + index)
            chunks[index].events.deallocate()
            chunks[index].kept.deallocate()
        }
        chunks.deinitialize(count: Self.chunkCount)
        chunks.deallocate()
    }

    /// Starts the parser thread; `false` when no thread could be made (the caller then
    /// runs the plain loop).
    func start() -> Bool {
        #if os(Linux)
        let context = Unmanaged.passRetained(self).toOpaque()
        var thread = pthread_t()
        let created = pthread_create(&thread, nil, { context in
            Unmanaged<EventPipeline>.fromOpaque(context!).takeRetainedValue().produce()
            return nil
        }, context)
        guard created == 0 else {
            Unmanaged<EventPipeline>.fromOpaque(context).release()
            return false
        }
        pthread_detach(thread)
        #else
        let thread = Thread { [self] in produce() }
        thread.name = "roster-yaml-parser"
        thread.start()
        #endif
        return true
    }

    /// The `number`th chunk (from 0), once the parser thread has filled it; hand it back
    /// with ``release()``.
    func chunk(_ number: Int) -> UnsafeMutablePointer<Chunk> {
        filled.wait()
        return chunks + number % Self.chunkCount
    }

    /// Gives the chunk taken last back to the parser thread.
    func release() {
        free.signal()
    }

    /// Asks the parser thread to stop after the chunk it is filling; the reading side still
    /// takes every chunk up to the last one.
    func stop() {
        lock.lock()
        stopRequested = true
        lock.unlock()
    }

    /// Waits for the parser thread to end; call after taking the last chunk.
    func finish() {
        finished.wait()
    }

    private var isStopRequested: Bool {
        lock.lock()
        defer { lock.unlock() }
        return stopRequested
    }

    private static func deleteKept(of chunk: UnsafeMutablePointer<Chunk>) {
        for index in 0 ..< chunk.pointee.keptCount { yaml_event_delete(chunk.pointee.kept + index) }
        chunk.pointee.keptCount = 0
    }

    private func produce() {
        var number = 0
        var event = yaml_event_t()
        while true {
            free.wait()
            let chunk = chunks + number % Self.chunkCount
            Self.deleteKept(of: chunk)
            chunk.pointee.count = 0
            chunk.pointee.text.removeAll(keepingCapacity: true)
            chunk.pointee.failed = false
            chunk.pointee.isLast = isStopRequested
            while !chunk.pointee.isLast, chunk.pointee.count < eventsPerChunk {
                guard yaml_parser_parse(parser, &event) == 1 else {
                    chunk.pointee.failed = true
                    chunk.pointee.isLast = true
                    break
                }
                append(&event, to: chunk)
            }
            let isLast = chunk.pointee.isLast
            filled.signal()
            if isLast { break }
            number += 1
        }
        finished.signal()
    }

    /// Writes an event into the chunk, and deletes it unless it is kept whole.
    private func append(_ event: inout yaml_event_t, to chunk: UnsafeMutablePointer<Chunk>) {
        let type = event.type
        var compact = Event(type: type, style: YAML_ANY_SCALAR_STYLE,
                            line: UInt32(truncatingIfNeeded: event.start_mark.line),
                            column: UInt32(truncatingIfNeeded: event.start_mark.column),
                            textStart: 0, textCount: 0, kept: -1)
        var keep = false
        switch type {
        case YAML_SCALAR_EVENT:
            let scalar = event.data.scalar
            keep = scalar.anchor != nil || scalar.tag != nil
            compact.style = scalar.style
            compact.textStart = UInt32(truncatingIfNeeded: chunk.pointee.text.count)
            compact.textCount = UInt32(truncatingIfNeeded: scalar.length)
            if scalar.length > 0 {
                chunk.pointee.text.append(contentsOf: UnsafeBufferPointer(start: scalar.value, count: scalar.length))
            }
        case YAML_MAPPING_START_EVENT:
            keep = event.data.mapping_start.anchor != nil || event.data.mapping_start.tag != nil
        case YAML_SEQUENCE_START_EVENT:
            keep = event.data.sequence_start.anchor != nil || event.data.sequence_start.tag != nil
        case YAML_STREAM_END_EVENT:
            chunk.pointee.isLast = true
        default:
            break
        }
        if keep {
            compact.kept = Int32(chunk.pointee.keptCount)
            (chunk.pointee.kept + chunk.pointee.keptCount).initialize(to: event)
            chunk.pointee.keptCount += 1
            event = yaml_event_t()
        } else {
            yaml_event_delete(&event)
        }
        chunk.pointee.events[chunk.pointee.count] = compact
        chunk.pointee.count += 1
    }
}
