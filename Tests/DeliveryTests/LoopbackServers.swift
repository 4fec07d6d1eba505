import Foundation
import TestSupport

#if canImport(Glibc)
    import Glibc
#endif

/// A Python helper process (aiosmtpd, http.server, the `email` parser) started by a test and
/// stopped when the value goes away.
final class PythonProcess: @unchecked Sendable {
    let process = Subprocess()
    private let output = Pipe()
    /// The first line the script printed (ports and "ready").
    private(set) var firstLine = ""

    /// Starts `script` with `arguments` and waits until it prints its first line.
    init(script: String, arguments: [String], folder: URL) throws {
        let file = folder.appendingPathComponent("helper-\(UUID().uuidString).py")
        try Data(script.utf8).write(to: file)
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-u", file.path] + arguments
        process.standardOutput = output
        try process.run()
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { throw FixtureError("the helper exited before it was ready") }
            line += chunk
        }
        firstLine = String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func stop() {
        // SIGKILL: the child inherits the test runner's blocked-signal mask, so SIGTERM would wait forever.
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }

    deinit { stop() }

    /// A port nothing listens on right now.
    static func freePort() throws -> Int {
        let probe = Subprocess()
        let pipe = Pipe()
        probe.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        probe.arguments = ["python3", "-c", "import socket;s=socket.socket();s.bind(('127.0.0.1',0));print(s.getsockname()[1])"]
        probe.standardOutput = pipe
        try probe.run()
        probe.waitUntilExit()
        let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        guard let port = Int(text.trimmingCharacters(in: .whitespacesAndNewlines)) else { throw FixtureError("no free port") }
        return port
    }

    /// Runs `script` to completion and returns what it printed.
    static func run(script: String, arguments: [String], folder: URL) throws -> Data {
        let file = folder.appendingPathComponent("run-\(UUID().uuidString).py")
        try Data(script.utf8).write(to: file)
        let process = Subprocess()
        let pipe = Pipe()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", file.path] + arguments
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw FixtureError("\(file.lastPathComponent) failed") }
        return data
    }
}

/// An aiosmtpd server on 127.0.0.1 that saves every accepted message as `NNNN.eml` in a folder
/// and refuses recipients whose local part starts with `reject` with `550`, `defer` with `451`.
final class SMTPSink {
    let messages: URL
    private let process: PythonProcess

    init(port: Int, folder: URL) throws {
        messages = folder.appendingPathComponent("received")
        try FileManager.default.createDirectory(at: messages, withIntermediateDirectories: true)
        process = try PythonProcess(script: Self.script, arguments: [String(port), messages.path], folder: folder)
    }

    func stop() { process.stop() }

    /// The messages received so far, in order.
    func received() throws -> [URL] {
        try FileManager.default.contentsOfDirectory(at: messages, includingPropertiesForKeys: nil).filter { $0.pathExtension == "eml" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
    }

    static let script = """
        import os, sys, time
        from aiosmtpd.controller import Controller

        class Sink:
            def __init__(self, folder):
                self.folder, self.count = folder, 0
            async def handle_RCPT(self, server, session, envelope, address, options):
                if address.startswith('reject'):
                    return '550 5.1.1 <%s>: mailbox unavailable' % address
                if address.startswith('defer'):
                    return '451 4.3.0 <%s>: try again later' % address
                envelope.rcpt_tos.append(address)
                return '250 OK'
            async def handle_DATA(self, server, session, envelope):
                self.count += 1
                path = os.path.join(self.folder, '%04d.eml' % self.count)
                with open(path + '.part', 'wb') as f:
                    f.write(envelope.original_content)
                os.rename(path + '.part', path)
                return '250 2.0.0 accepted'

        controller = Controller(Sink(sys.argv[2]), hostname='127.0.0.1', port=int(sys.argv[1]))
        controller.start()
        print('ready', flush=True)
        while True:
            time.sleep(3600)
        """
}

/// An HTTP receiver on 127.0.0.1 that checks `X-Attest-Signature` and answers 500 to the first
/// `failures` requests, then 200 (401 for a bad signature). Accepted bodies are saved as `NNNN.json`.
final class WebhookReceiver {
    let port: Int
    let bodies: URL
    private let process: PythonProcess

    init(secret: String, failures: Int, folder: URL) throws {
        bodies = folder.appendingPathComponent("webhooks-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: bodies, withIntermediateDirectories: true)
        process = try PythonProcess(script: Self.script, arguments: [secret, String(failures), bodies.path], folder: folder)
        guard let port = Int(process.firstLine) else { throw FixtureError("the receiver printed \(process.firstLine)") }
        self.port = port
    }

    func stop() { process.stop() }

    /// (requests seen, accepted bodies).
    func log() throws -> (requests: Int, accepted: [Data]) {
        let files = try FileManager.default.contentsOfDirectory(at: bodies, includingPropertiesForKeys: nil)
        let accepted = try files.filter { $0.pathExtension == "json" }.sorted { $0.lastPathComponent < $1.lastPathComponent }.map {
            try Data(contentsOf: $0)
        }
        return (files.filter { $0.pathExtension == "request" }.count, accepted)
    }

    static let script = """
        import hashlib, hmac, os, sys
        from http.server import BaseHTTPRequestHandler, HTTPServer

        secret, failures, folder = sys.argv[1].encode(), int(sys.argv[2]), sys.argv[3]
        seen = [0]

        class Receiver(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass
            def do_POST(self):
                body = self.rfile.read(int(self.headers['Content-Length']))
                seen[0] += 1
                open(os.path.join(folder, '%04d.request' % seen[0]), 'wb').write(body)
                if seen[0] <= failures:
                    self.send_response(500); self.end_headers(); self.wfile.write(b'try later'); return
                fields = dict(p.split('=', 1) for p in self.headers.get('X-Attest-Signature', '').split(',') if '=' in p)
                expected = hmac.new(secret, fields.get('t', '').encode() + b'.' + body, hashlib.sha256).hexdigest()
                if not hmac.compare_digest(expected, fields.get('v1', '')):
                    self.send_response(401); self.end_headers(); self.wfile.write(b'bad signature'); return
                open(os.path.join(folder, '%04d.json' % seen[0]), 'wb').write(body)
                self.send_response(204); self.end_headers()

        server = HTTPServer(('127.0.0.1', 0), Receiver)
        print(server.server_address[1], flush=True)
        server.serve_forever()
        """
}

/// Parses a message with Python's `email` package (policy.default decodes RFC 2047 headers) and
/// reports what a mail client would see, plus the raw line facts.
enum EmailParser {
    struct Parsed: Decodable {
        let subject: String
        let from: String
        let to: String
        let headers: [String]
        let structure: [String]
        let text: String
        let html: String
        let attachments: [Attachment]
        let toName: String
        let longestHeaderLine: Int
        let longestLine: Int
        let bareLineFeeds: Int
    }

    struct Attachment: Decodable {
        let filename: String
        let contentType: String
        let base64: String
    }

    static func parse(_ bytes: Data, folder: URL) throws -> Parsed {
        let file = folder.appendingPathComponent("parse-\(UUID().uuidString).eml")
        try bytes.write(to: file)
        let output = try PythonProcess.run(script: script, arguments: [file.path], folder: folder)
        return try JSONDecoder().decode(Parsed.self, from: output)
    }

    static let script = """
        import base64, email, json, sys
        from email import policy
        raw = open(sys.argv[1], 'rb').read()
        message = email.message_from_bytes(raw, policy=policy.default)
        head, _, body = raw.partition(b'\\r\\n\\r\\n')
        lines = raw.split(b'\\r\\n')
        result = {
            'subject': str(message['subject']), 'from': str(message['from']), 'to': str(message['to']),
            'toName': message['to'].addresses[0].display_name, 'headers': list(message.keys()),
            'longestHeaderLine': max(len(line) for line in head.split(b'\\r\\n')),
            'structure': [part.get_content_type() for part in message.walk()],
            'text': '', 'html': '', 'attachments': [],
            'longestLine': max(len(line) for line in body.split(b'\\r\\n')),
            'bareLineFeeds': sum(line.count(b'\\n') for line in lines),
        }
        for part in message.walk():
            if part.get_content_disposition() == 'attachment':
                result['attachments'].append({'filename': part.get_filename(), 'contentType': part.get_content_type(),
                    'base64': base64.b64encode(part.get_payload(decode=True)).decode()})
            elif part.get_content_type() == 'text/plain':
                result['text'] = part.get_content().replace('\\r\\n', '\\n')
            elif part.get_content_type() == 'text/html':
                result['html'] = part.get_content().replace('\\r\\n', '\\n')
        print(json.dumps(result))
        """
}
