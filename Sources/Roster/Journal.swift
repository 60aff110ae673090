import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `close(2)`, out of reach of the actor's own `close()`.
private func closeDescriptor(_ descriptor: Int32) -> Int32 {
    close(descriptor)
}

/// The apply journal next to a plan (`FILE.journal`): JSON lines, each written, flushed and
/// fsynced before the next step starts, so that a killed apply loses nothing it did.
///
/// An actor, so that it can be shared by the tasks of one apply.
public actor Journal {
    /// The journal's path.
    public nonisolated let path: String
    private let planSHA256: String
    private let handle: FileHandle
    private let now: @Sendable () -> Date
    /// The final result of each step already recorded (done or skipped).
    public private(set) var finished: [String: JournalEntry] = [:]
    /// The steps an earlier apply started (a `started` line) without recording a result:
    /// their outcome is unknown, and they are not run again.
    public private(set) var unknown: Set<String> = []
    /// The steps whose last result is `failed`: run again, unless their change is found in
    /// place (a call can go through and still fail, when its answer is lost or is a 5xx).
    public private(set) var failed: Set<String> = []

    /// Opens the journal of the plan with this SHA-256, creating it when missing.
    ///
    /// - Throws: ``SessionError/journal(path:reason:)`` when the file belongs to another
    ///   plan or cannot be read or written.
    public init(path: String, planSHA256: String, now: @escaping @Sendable () -> Date = { Date() }) throws(SessionError) {
        self.path = path
        self.planSHA256 = planSHA256
        self.now = now
        // O_APPEND: every line goes to the end. O_NOFOLLOW and the check below: a journal
        // is a regular file of its own, never a link to (or a device, a pipe in place of)
        // another file that opening it would change. O_NONBLOCK keeps a pipe from blocking
        // the open; it changes nothing for a regular file. The exclusive lock, held until
        // close, keeps a second apply of the same plan from running at the same time.
        let descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK, 0o644)
        guard descriptor >= 0 else {
            let code = errno
            if code == ELOOP {
                throw .journal(path: path, reason: "it is a symbolic link; apply writes its journal only to a regular file "
                               + "of its own, and nothing was changed. Remove the link")
            }
            throw .journal(path: path, reason: "cannot open it for writing (\(String(cString: strerror(code)))); "
                           + "check the folder is writable and the path is a regular file")
        }
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG else {
            _ = closeDescriptor(descriptor)
            throw .journal(path: path, reason: "it is not a regular file; apply writes its journal only to a regular file "
                           + "of its own, and nothing was changed. Move it away")
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let code = errno
            _ = closeDescriptor(descriptor)
            throw .journal(path: path, reason: code == EWOULDBLOCK
                           ? "another apply of this plan is running; nothing was changed. Wait for it to finish"
                           : "cannot lock it (\(String(cString: strerror(code))))")
        }
        var entries: [JournalEntry] = []
        var validLength: UInt64 = 0
        do throws(SessionError) {
            (entries, validLength) = try Self.readEntries(path)
            if let first = entries.first, first.planSHA256 != planSHA256 {
                throw SessionError.journal(path: path, reason: "it belongs to another plan (SHA-256 \(first.planSHA256)); "
                               + "nothing was changed. Move it away if that plan is finished, or apply that plan")
            }
            if let first = entries.first, first.kind != .plan {
                throw SessionError.journal(path: path, reason: "its first line is not the plan line that apply writes first, "
                               + "so it was edited or is not a journal; nothing was changed. Move it away")
            }
            if let stray = entries.first(where: { $0.planSHA256 != planSHA256 }) {
                throw SessionError.journal(path: path, reason: "it mixes plans (a line for \(stray.planSHA256)); move it away")
            }
            // Drops a last line cut short by a kill, so that the next line starts clean.
            guard ftruncate(descriptor, off_t(validLength)) == 0 else {
                throw SessionError.journal(path: path, reason: "cannot open it for writing (\(String(cString: strerror(errno))))")
            }
        } catch {
            _ = closeDescriptor(descriptor)
            throw error
        }
        handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        for entry in entries where entry.kind == .step {
            guard let id = entry.stepID, let result = entry.result else { continue }
            switch result {
            case .started:
                unknown.insert(id)
                failed.remove(id)
            case .done, .skipped:
                unknown.remove(id)
                failed.remove(id)
                finished[id] = entry
            case .failed:
                unknown.remove(id)
                failed.insert(id)
                finished[id] = nil
            }
        }
        if entries.isEmpty {
            DurableFile.syncFolder(of: path)
            try Self.append(JournalEntry(kind: .plan, planSHA256: planSHA256, at: now()), to: handle, path: path)
        }
    }

    /// Records that the steps' write call is about to be sent, durably, before returning.
    public func recordStarted(_ stepIDs: [String]) throws(SessionError) {
        try record(stepIDs: stepIDs, result: .started, detail: nil)
    }

    /// Records the result of a step, durably, before returning.
    public func record(stepID: String, result: JournalEntry.Result, detail: String?) throws(SessionError) {
        try record(stepIDs: [stepID], result: result, detail: detail)
    }

    /// Records the same result for several steps (those of one write call), one line each,
    /// in one durable write: one fsync per call instead of one per step. A write cut short
    /// by a kill keeps its complete lines; the cut one is dropped when the journal is read.
    public func record(stepIDs: [String], result: JournalEntry.Result, detail: String?) throws(SessionError) {
        guard !stepIDs.isEmpty else { return }
        let at = now()
        let entries = stepIDs.map {
            JournalEntry(kind: .step, planSHA256: planSHA256, stepID: $0, result: result, detail: detail, at: at)
        }
        try Self.append(entries, to: handle, path: path)
        for entry in entries {
            guard let stepID = entry.stepID else { continue }
            if result.isFinal { finished[stepID] = entry }
            if result == .started { unknown.insert(stepID) } else { unknown.remove(stepID) }
            if result == .failed { failed.insert(stepID) } else { failed.remove(stepID) }
        }
    }

    /// Closes the file.
    public func close() {
        try? handle.close()
    }

    private static func append(_ entry: JournalEntry, to handle: FileHandle, path: String) throws(SessionError) {
        try append([entry], to: handle, path: path)
    }

    private static func append(_ entries: [JournalEntry], to handle: FileHandle, path: String) throws(SessionError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        do {
            var lines = Data()
            for entry in entries {
                lines.append(try encoder.encode(entry))
                lines.append(0x0A)
            }
            try handle.write(contentsOf: lines)
            try handle.synchronize()
        } catch {
            throw .journal(path: path, reason: "cannot write it (\(error.localizedDescription)); stopped before the next step. "
                           + "The last step may have run; free space, then run the same apply again: it finds a step "
                           + "whose change is in place done, and reports any other unfinished one as outcome unknown")
        }
    }

    /// The entries of a journal file. A last line cut short by a kill is ignored; any
    /// other unreadable line is an error.
    static func readEntries(_ path: String) throws(SessionError) -> (entries: [JournalEntry], validLength: UInt64) {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw .journal(path: path, reason: "cannot read it (\(error.localizedDescription))")
        }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        let complete = data.lastIndex(of: 0x0A).map { data.prefix(through: $0) } ?? Data()
        let lines = complete.split(separator: 0x0A, omittingEmptySubsequences: true)
        var entries: [JournalEntry] = []
        for (index, line) in lines.enumerated() {
            guard let entry = try? decoder.decode(JournalEntry.self, from: Data(line)) else {
                throw .journal(path: path, reason: "line \(index + 1) is not a journal entry; move the file away")
            }
            entries.append(entry)
        }
        return (entries, UInt64(complete.count))
    }
}
