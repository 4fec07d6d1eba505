import Foundation
import TestSupport

#if canImport(Glibc)
    import Glibc
#endif

/// A real SMTP server (aiosmtpd, on ports the kernel picks on 127.0.0.1) that writes the port and
/// `Message-ID` of every message it accepts, one a line, before it answers the end of DATA. With
/// several listeners, each client can be given its own port, so the log shows who sent what. With
/// `keepText`, each message's plain-text part is also kept, decoded, for tests that follow a link.
/// With `holdAt: N`, the N-th message is recorded and its `250` withheld until ``release()``:
/// a client killed meanwhile has had its message taken by the server but never heard so.
final class MessageIDSink {
    /// The ports it listens on (`listeners` of them).
    let ports: [Int]
    var port: Int { ports[0] }
    private let process = Subprocess()
    private let log: URL
    private let held: URL
    private let releaseFile: URL

    private let folder: URL

    init(folder parent: URL, holdAt: Int = 0, listeners: Int = 1, keepText: Bool = false) throws {
        let folder = parent.appendingPathComponent("sink-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        self.folder = folder
        log = folder.appendingPathComponent("message-ids.txt")
        held = folder.appendingPathComponent("held.txt")
        releaseFile = folder.appendingPathComponent("release")
        let script = folder.appendingPathComponent("sink.py")
        try Data(Self.script.utf8).write(to: script)
        let output = Pipe()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", "-u", script.path, log.path, String(holdAt), held.path, releaseFile.path, String(listeners), keepText ? "1" : "0",
        ]
        process.standardOutput = output
        process.standardInput = FileHandle.nullDevice
        try process.run()
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { throw SinkFailed(description: "the SMTP sink exited before it listened (is aiosmtpd installed?)") }
            line += chunk
        }
        let ports = String(decoding: line, as: UTF8.self).split(whereSeparator: \.isWhitespace).compactMap { Int($0) }
        guard ports.count == listeners else { throw SinkFailed(description: "the SMTP sink printed no ports") }
        self.ports = ports
    }

    deinit { stop() }

    /// `smtp://127.0.0.1:PORT` of the first listener, or of listener `index`.
    func url(_ index: Int = 0) -> String { "smtp://127.0.0.1:\(ports[index])" }
    var url: String { url() }

    /// Every Message-ID received so far (on listener `index`, or on any), in arrival order, duplicates kept.
    func messageIDs(listener index: Int? = nil) -> [String] {
        ((try? String(contentsOf: log, encoding: .utf8)) ?? "").split(separator: "\n").compactMap { line in
            let fields = line.split(separator: " ", maxSplits: 1).map(String.init)
            guard fields.count == 2 else { return nil }
            if let index, String(ports[index]) != fields[0] { return nil }
            return fields[1]
        }
    }

    /// The recipients and decoded plain-text parts of the messages so far (with `keepText`), in arrival order.
    func texts() -> [(to: String, text: String)] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return files.filter { $0.hasSuffix(".txt") && $0.first?.isNumber == true }.sorted().compactMap { name in
            guard let content = try? String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8) else { return nil }
            let parts = content.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            return (parts[0], parts.count > 1 ? parts[1] : "")
        }
    }

    /// The Message-ID whose `250` is being withheld, once that message has arrived.
    func heldMessageID() -> String? {
        (try? String(contentsOf: held, encoding: .utf8)).map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
    }

    /// Lets the withheld `250` go.
    func release() { FileManager.default.createFile(atPath: releaseFile.path, contents: Data()) }

    func stop() {
        // SIGKILL: the child inherits the test runner's blocked-signal mask, so SIGTERM would wait forever.
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }

    struct SinkFailed: Error, CustomStringConvertible {
        let description: String
    }

    static let script = """
        import asyncio, email, email.policy, os, sys
        from email.parser import BytesHeaderParser
        from aiosmtpd.smtp import SMTP

        class Sink:
            def __init__(self, log, hold_at, held, release, keep_text):
                self.log, self.hold_at, self.held, self.release = log, hold_at, held, release
                self.keep_text = keep_text
                self.count = 0
            async def handle_DATA(self, server, session, envelope):
                headers = BytesHeaderParser().parsebytes(envelope.original_content)
                message_id = (headers.get('Message-ID') or '').strip()
                self.count += 1
                with open(self.log, 'a') as f:
                    f.write('%d %s\\n' % (server.transport.get_extra_info('sockname')[1], message_id))
                if self.keep_text:
                    message = email.message_from_bytes(envelope.original_content, policy=email.policy.default)
                    body = message.get_body(preferencelist=('plain',))
                    path = os.path.join(os.path.dirname(self.log), '%04d.txt' % self.count)
                    with open(path + '.part', 'w') as f:
                        f.write('%s\\n%s' % (message['To'], body.get_content() if body else ''))
                    os.rename(path + '.part', path)
                if self.count == self.hold_at:
                    with open(self.held + '.part', 'w') as f:
                        f.write(message_id)
                    os.rename(self.held + '.part', self.held)
                    while not os.path.exists(self.release):
                        await asyncio.sleep(0.05)
                return '250 2.0.0 accepted'

        async def main():
            sink = Sink(sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[6] == '1')
            servers = [await asyncio.get_running_loop().create_server(lambda: SMTP(sink), '127.0.0.1', 0)
                       for _ in range(int(sys.argv[5]))]
            print(' '.join(str(server.sockets[0].getsockname()[1]) for server in servers), flush=True)
            await asyncio.gather(*(server.serve_forever() for server in servers))

        asyncio.run(main())
        """
}
