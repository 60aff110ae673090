import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// glibc's `pipe2`, `posix_spawn_file_actions_addclosefrom_np` and
/// `posix_spawn_file_actions_addchdir_np`, which the Glibc module does not import (they
/// need `_GNU_SOURCE`), looked up by name.
private enum GNU {
    typealias Pipe2 = @convention(c) (UnsafeMutablePointer<Int32>, Int32) -> Int32
    typealias CloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
    typealias ChangeDirectory = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32

    static func symbol<T>(_ name: String, as type: T.Type) -> T {
        guard let address = dlsym(dlopen(nil, RTLD_NOW), name) else { fatalError("glibc lacks \(name)") }
        return unsafeBitCast(address, to: type)
    }

    static let pipe2 = symbol("pipe2", as: Pipe2.self)
    static let closeFrom = symbol("posix_spawn_file_actions_addclosefrom_np", as: CloseFrom.self)
    static let changeDirectory = symbol("posix_spawn_file_actions_addchdir_np", as: ChangeDirectory.self)
}

/// A child process started with `posix_spawn`: standard input from /dev/null, standard
/// output and error on pipes (or in files), and no other descriptor of the test process.
public struct SpawnedChild: Sendable {
    /// The child's process id.
    public let pid: pid_t
    /// The read ends of the child's standard output and error, or -1 when they go to files;
    /// closed by ``readAll(_:)``.
    public let stdout: Int32
    public let stderr: Int32

    /// Starts `executable`. With `outputFiles`, standard output and error go to those files
    /// (created or truncated) instead of pipes.
    public static func start(_ executable: String, _ arguments: [String], directory: String?,
                             environment: [String: String], outputFiles: (String, String)? = nil) throws -> SpawnedChild {
        if let (outPath, errPath) = outputFiles {
            var actions = posix_spawn_file_actions_t()
            posix_spawn_file_actions_init(&actions)
            defer { posix_spawn_file_actions_destroy(&actions) }
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
            posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            _ = GNU.closeFrom(&actions, 3)
            if let directory { _ = GNU.changeDirectory(&actions, directory) }
            return SpawnedChild(pid: try spawn(executable, arguments, environment: environment, actions: &actions),
                                stdout: -1, stderr: -1)
        }
        var out: [Int32] = [-1, -1], err: [Int32] = [-1, -1]
        guard GNU.pipe2(&out, O_CLOEXEC) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        guard GNU.pipe2(&err, O_CLOEXEC) == 0 else {
            let code = errno
            close(out[0]); close(out[1])
            throw POSIXError(POSIXErrorCode(rawValue: code) ?? .EIO)
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, out[1], 1)
        posix_spawn_file_actions_adddup2(&actions, err[1], 2)
        _ = GNU.closeFrom(&actions, 3)
        if let directory { _ = GNU.changeDirectory(&actions, directory) }
        let pid: pid_t
        do {
            pid = try spawn(executable, arguments, environment: environment, actions: &actions)
        } catch {
            close(out[0]); close(out[1]); close(err[0]); close(err[1])
            throw error
        }
        close(out[1])
        close(err[1])
        return SpawnedChild(pid: pid, stdout: out[0], stderr: err[0])
    }

    private static func spawn(_ executable: String, _ arguments: [String], environment: [String: String],
                              actions: inout posix_spawn_file_actions_t) throws -> pid_t {
        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for pointer in argv { free(pointer) }
            for pointer in envp { free(pointer) }
        }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, executable, &actions, nil, argv, envp)
        guard result == 0 else { throw POSIXError(POSIXErrorCode(rawValue: result) ?? .EIO) }
        return pid
    }

    /// Everything until end of file, then closes the descriptor.
    public static func readAll(_ descriptor: Int32) -> Data {
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count > 0 { data.append(contentsOf: buffer[0 ..< count]) }
            else if count < 0, errno == EINTR { continue }
            else { break }
        }
        close(descriptor)
        return data
    }

    /// Waits for the child: its exit status, or the number of the signal that ended it.
    public func wait() -> Int32 {
        waitStatus().code
    }

    /// Waits for the child: its exit status or signal number, and whether a signal ended it.
    public func waitStatus() -> (code: Int32, signaled: Bool) {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
        let signal = status & 0x7F
        return signal == 0 ? ((status >> 8) & 0xFF, false) : (signal, true)
    }

    /// The child's status if it has ended (it is then reaped: do not wait for it again), or
    /// `nil` while it runs. Never blocks.
    public func poll() -> (code: Int32, signaled: Bool)? {
        var status: Int32 = 0
        let result = waitpid(pid, &status, WNOHANG)
        guard result == pid else { return nil }
        let signal = status & 0x7F
        return signal == 0 ? ((status >> 8) & 0xFF, false) : (signal, true)
    }
}
