import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a file atomically: a temporary file beside it, fsync, rename, fsync of the folder.
///
/// A reader, or a restart after a kill, sees either the old file or the new one, never a
/// torn one. The file is created with mode 0600 because it holds client secrets. Every step,
/// including opening and fsyncing the folder, must succeed or the write throws; every
/// descriptor is opened with `O_CLOEXEC` so that no child process inherits it.
enum SnapshotWriter {
    /// Why a write failed.
    struct WriteError: Error, CustomStringConvertible {
        var step: String
        var path: String
        var code: Int32
        var description: String { "\(step) \(path): \(String(cString: strerror(code)))" }
    }

    /// Replaces the file at `url` with `data`.
    static func replace(_ url: URL, with data: Data) throws {
        let path = url.path
        let directory = url.deletingLastPathComponent().path
        let temporary = "\(directory)/.\(url.lastPathComponent).tmp-\(getpid())-\(UInt32.random(in: 0 ... .max))"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw WriteError(step: "create", path: temporary, code: errno) }
        var closed = false
        defer {
            if !closed { close(fd) }
        }
        do {
            try data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
                var offset = 0
                while offset < buffer.count {
                    let written = write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                    if written < 0 {
                        if errno == EINTR { continue }
                        throw WriteError(step: "write", path: temporary, code: errno)
                    }
                    offset += written
                }
            }
            guard fsync(fd) == 0 else { throw WriteError(step: "fsync", path: temporary, code: errno) }
            closed = true
            guard close(fd) == 0 else { throw WriteError(step: "close", path: temporary, code: errno) }
            guard rename(temporary, path) == 0 else { throw WriteError(step: "rename to", path: path, code: errno) }
        } catch {
            unlink(temporary)
            throw error
        }
        let directoryFD = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard directoryFD >= 0 else { throw WriteError(step: "open folder", path: directory, code: errno) }
        defer { close(directoryFD) }
        guard fsync(directoryFD) == 0 else { throw WriteError(step: "fsync folder", path: directory, code: errno) }
    }
}
