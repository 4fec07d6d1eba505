import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Runs a program with `posix_spawn` and waits for it, instead of Foundation's `Process`: on Linux
/// with Swift 6.3.1, `Process.run()` crashes now and then (a 256-byte over-read of a `dirent` in
/// `findMaximumOpenFromProcSelfFD`, swift-corelibs-foundation PR #5472, fixed after this
/// toolchain), and it took the whole test process down twice in CI. The tests that start a program
/// and wait for it (``ExternalTool``, thousands of runs a suite) come through here.
enum Spawn {
    struct Failed: Error, CustomStringConvertible {
        let description: String
    }

    /// glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34 and later), which Swift's Glibc
    /// module does not declare: found by name at run time.
    private static let closeFrom: @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32 = {
        guard let symbol = dlsym(nil, "posix_spawn_file_actions_addclosefrom_np") else {
            fatalError("glibc lacks posix_spawn_file_actions_addclosefrom_np (2.34 or later is needed)")
        }
        return unsafeBitCast(symbol, to: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32).self)
    }()

    /// Runs `executable` with `arguments` and `environment`, its standard streams opened on the
    /// three files (input read, output and error truncated), every other descriptor of this
    /// process closed in the child, and the signal mask and dispositions reset. Returns the exit
    /// status, or the signal number when a signal ended it (as `Process.terminationStatus` does).
    static func runToExit(
        _ executable: String, arguments: [String], environment: [String: String], standardInput: String, standardOutput: String,
        standardError: String
    ) throws -> Int32 {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for (descriptor, path, flags) in [
            (0, standardInput, O_RDONLY), (1, standardOutput, O_WRONLY | O_TRUNC), (2, standardError, O_WRONLY | O_TRUNC),
        ] {
            guard posix_spawn_file_actions_addopen(&actions, Int32(descriptor), path, flags, 0o600) == 0 else {
                throw Failed(description: "cannot open \(path) for the child")
            }
        }
        guard closeFrom(&actions, 3) == 0 else { throw Failed(description: "posix_spawn_file_actions_addclosefrom_np failed") }

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

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for pointer in argv + envp { free(pointer) } }
        var pid = pid_t()
        let spawned = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        guard spawned == 0 else { throw Failed(description: "posix_spawn \(executable): \(String(cString: strerror(spawned)))") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 {
            guard errno == EINTR else { throw Failed(description: "waitpid \(pid): \(String(cString: strerror(errno)))") }
        }
        let signal = status & 0x7F
        return signal == 0 ? (status >> 8) & 0xFF : signal
    }
}
