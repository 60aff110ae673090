#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import RosterCore

/// Finds and reads desired-state files. A path may be a file or a directory; a directory is
/// read recursively for `*.yaml` and `*.yml`, skipping hidden entries (`.git`, `.github`),
/// in sorted order.
enum SourceFiles {
    /// Expands `paths` into the files to read, in order, each once. Problems (a missing path,
    /// a directory without YAML) are diagnostics without a location.
    static func discover(_ paths: [String]) -> (files: [String], diagnostics: [Diagnostic]) {
        var files: [String] = []
        var seen = Set<String>()
        var diagnostics: [Diagnostic] = []
        for path in paths {
            var info = stat()
            guard stat(path, &info) == 0 else {
                diagnostics.append(.error("cannot read \(path): \(errorText(errno))", at: nil))
                continue
            }
            if info.st_mode & S_IFMT == S_IFDIR {
                var found: [String] = []
                var visited = Set<String>()
                let problems = diagnostics.count
                walk(path, into: &found, visited: &visited, diagnostics: &diagnostics)
                if found.isEmpty, diagnostics.count == problems {
                    diagnostics.append(.error("no desired-state files (*.yaml, *.yml) under \(path)", at: nil,
                                              notes: [.init("hidden files and folders are skipped")]))
                }
                for file in found.sorted() where seen.insert(identity(of: file)).inserted { files.append(file) }
            } else if seen.insert(identity(of: path)).inserted {
                files.append(path)
            }
        }
        return (files, diagnostics)
    }

    /// The file a path names, however it is spelt (`orgs/a.yaml`, `./orgs/a.yaml`, a link).
    private static func identity(of path: String) -> String {
        guard let real = realpath(path, nil) else { return path }
        defer { free(real) }
        return String(cString: real)
    }

    private static func walk(_ directory: String, into found: inout [String], visited: inout Set<String>,
                             diagnostics: inout [Diagnostic]) {
        // Follow links to folders, but never the same folder twice (a link loop).
        if let real = realpath(directory, nil) {
            defer { free(real) }
            guard visited.insert(String(cString: real)).inserted else { return }
        }
        guard let handle = opendir(directory) else {
            diagnostics.append(.error("cannot read \(directory): \(errorText(errno))", at: nil))
            return
        }
        defer { closedir(handle) }
        var entries: [String] = []
        // The name is read in place, up to its NUL: `entry.pointee.d_name` would copy all
        // 256 bytes of the field, past the end of an entry that ends libc's buffer.
        let nameOffset = MemoryLayout<dirent>.offset(of: \dirent.d_name)!
        while let entry = readdir(handle) {
            let name = String(cString: UnsafeRawPointer(entry).advanced(by: nameOffset).assumingMemoryBound(to: CChar.self))
            if name.hasPrefix(".") { continue }
            entries.append(name)
        }
        for name in entries.sorted() {
            let path = directory == "." ? name : directory.hasSuffix("/") ? directory + name : directory + "/" + name
            let isYAML = name.hasSuffix(".yaml") || name.hasSuffix(".yml")
            var info = stat()
            guard stat(path, &info) == 0 else {
                // A dangling link: an error when it stands for a desired-state file, which
                // would otherwise be left out without a word.
                if isYAML { diagnostics.append(.error("cannot read \(path): \(errorText(errno)) (a link to a missing file)", at: nil)) }
                continue
            }
            if info.st_mode & S_IFMT == S_IFDIR {
                walk(path, into: &found, visited: &visited, diagnostics: &diagnostics)
            } else if isYAML, info.st_mode & S_IFMT == S_IFREG {
                found.append(path)
            } else if isYAML {
                // A pipe, socket or device named like a desired-state file: reading it could
                // wait for ever, and leaving it out without a word could drop a file.
                diagnostics.append(.error("cannot read \(path): it is not a regular file (a pipe, socket or device)", at: nil))
            }
        }
    }

    /// Reads a whole file, refusing one larger than `limit` bytes before reading it.
    static func read(_ path: String, limit: Int) -> Result<[UInt8], Diagnostic> {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else {
            return .failure(.error("cannot read \(path): \(errorText(errno))", at: nil))
        }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            return .failure(.error("cannot read \(path): \(errorText(errno))", at: nil))
        }
        if info.st_mode & S_IFMT == S_IFDIR {
            return .failure(.error("cannot read \(path): it is a directory", at: nil))
        }
        let size = Int(info.st_size)
        if size > limit {
            return .failure(.error("file is \(size) bytes, over the limit of \(limit) bytes",
                                   at: SourceLocation(file: path, line: 1, column: 1),
                                   notes: [.init("desired-state files are small; is this the right file?")]))
        }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        bytes.reserveCapacity(size)
        while true {
            let count = chunk.withUnsafeMutableBytes { systemRead(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                return .failure(.error("cannot read \(path): \(errorText(errno))", at: nil))
            }
            if count == 0 { break }
            bytes.append(contentsOf: chunk[..<count])
            if bytes.count > limit {
                return .failure(.error("file is over the limit of \(limit) bytes",
                                       at: SourceLocation(file: path, line: 1, column: 1)))
            }
        }
        return .success(bytes)
    }

    static func errorText(_ code: Int32) -> String {
        String(cString: strerror(code))
    }
}

/// `read(2)`, named apart from ``SourceFiles/read(_:limit:)``.
private func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    read(descriptor, buffer, count)
}
