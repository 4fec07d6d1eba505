import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// A child process started with `posix_spawn`, with the part of Foundation's `Process` interface the
/// tests use, instead of `Process` itself: on Linux with Swift 6.3.1 `Process.run()` crashes now and
/// then (an over-read of a `dirent` in `findMaximumOpenFromProcSelfFD`, swift-corelibs-foundation
/// #5472, fixed after this toolchain), and it took the whole test process down in CI. Standard
/// streams may be a `Pipe` (the child's end is closed here once it runs), a `FileHandle`
/// (`FileHandle.nullDevice` is /dev/null), or left as this process's; every other descriptor is closed in the child, and its signal mask and
/// dispositions are reset.
public final class Subprocess: @unchecked Sendable {
    // @unchecked: the configuration is set before run() on one thread; the rest is under `state`.
    public var executableURL: URL?
    public var arguments: [String]?
    public var environment: [String: String]?
    public var standardInput: Any?
    public var standardOutput: Any?
    public var standardError: Any?

    private struct State {
        var pid: pid_t = 0
        /// The raw wait status once the child has been reaped.
        var waitStatus: Int32?
    }
    private let state = Mutex(State())

    public init() {}

    public struct Failed: Error, CustomStringConvertible {
        public let description: String
    }

    /// glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34 and later), which Swift's Glibc
    /// module does not declare: found by name at run time.
    private static let closeFrom: @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32 = {
        guard let symbol = dlsym(nil, "posix_spawn_file_actions_addclosefrom_np") else {
            fatalError("glibc lacks posix_spawn_file_actions_addclosefrom_np (2.34 or later is needed)")
        }
        return unsafeBitCast(symbol, to: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32).self)
    }()

    /// Starts the child.
    public func run() throws {
        guard let executable = executableURL?.path else { throw Failed(description: "no executableURL") }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        var closeAfterSpawn: [FileHandle] = []
        for (target, stream, childReads) in [(Int32(0), standardInput, true), (1, standardOutput, false), (2, standardError, false)] {
            let handle: FileHandle?
            switch stream {
            case let pipe as Pipe:
                handle = childReads ? pipe.fileHandleForReading : pipe.fileHandleForWriting
                closeAfterSpawn.append(handle!)
            case let file as FileHandle: handle = file
            default: handle = nil
            }
            guard let handle else { continue }
            // FileHandle.nullDevice has no descriptor (-1) here: the child opens /dev/null, as Process does.
            let given =
                handle.fileDescriptor < 0
                ? posix_spawn_file_actions_addopen(&actions, target, "/dev/null", childReads ? O_RDONLY : O_WRONLY, 0)
                : posix_spawn_file_actions_adddup2(&actions, handle.fileDescriptor, target)
            guard given == 0 else { throw Failed(description: "cannot give the child descriptor \(target)") }
        }
        guard Self.closeFrom(&actions, 3) == 0 else { throw Failed(description: "posix_spawn_file_actions_addclosefrom_np failed") }

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        var defaults = sigset_t()
        sigfillset(&defaults)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let argv = ([executable] + (arguments ?? [])).map { strdup($0) } + [nil]
        let environment = self.environment ?? ProcessInfo.processInfo.environment
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for pointer in argv + envp { free(pointer) } }
        var pid = pid_t()
        let spawned = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        guard spawned == 0 else { throw Failed(description: "posix_spawn \(executable): \(String(cString: strerror(spawned)))") }
        state.withLock { $0.pid = pid }
        for handle in closeAfterSpawn { try? handle.close() }
    }

    /// The child's process id (0 before ``run()``).
    public var processIdentifier: Int32 { state.withLock { $0.pid } }

    /// Whether the child has not exited yet (reaps it when it has).
    public var isRunning: Bool {
        state.withLock { state in
            guard state.pid != 0, state.waitStatus == nil else { return false }
            var status: Int32 = 0
            if waitpid(state.pid, &status, WNOHANG) == state.pid { state.waitStatus = status }
            return state.waitStatus == nil
        }
    }

    /// Blocks until the child has exited.
    public func waitUntilExit() {
        let pid = state.withLock { $0.waitStatus == nil ? $0.pid : 0 }
        guard pid != 0 else { return }
        var status: Int32 = 0
        while true {
            let reaped = waitpid(pid, &status, 0)
            if reaped == pid { break }
            if reaped == -1, errno == EINTR { continue }
            // Reaped already (by isRunning on another thread): its status is recorded there.
            return
        }
        state.withLock { $0.waitStatus = $0.waitStatus ?? status }
    }

    /// Sends SIGTERM, as `Process.terminate()` does.
    public func terminate() { signal(SIGTERM) }

    /// Sends `signal` to the child while it runs.
    public func signal(_ signal: Int32) {
        if isRunning { kill(processIdentifier, signal) }
    }

    /// The exit status, or the signal number when a signal ended it (as `Process` reports it).
    public var terminationStatus: Int32 {
        let status = state.withLock { $0.waitStatus } ?? 0
        let signal = status & 0x7F
        return signal == 0 ? (status >> 8) & 0xFF : signal
    }

    /// Whether it exited or a signal ended it.
    public var terminationReason: Process.TerminationReason {
        let status = state.withLock { $0.waitStatus } ?? 0
        return status & 0x7F == 0 ? .exit : .uncaughtSignal
    }
}
