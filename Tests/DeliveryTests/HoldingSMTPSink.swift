import Foundation

/// An aiosmtpd server on 127.0.0.1 that, on each DATA, drops a `holding-NNNN` file in its folder
/// and holds the reply until the test calls ``release()``; then it saves the message as
/// `received/NNNN.eml` and answers 250. A test can so act while a send is in flight.
final class HoldingSMTPSink: Sendable {
    let folder: URL
    let messages: URL
    private let process: PythonProcess

    init(port: Int, folder: URL) throws {
        self.folder = folder
        messages = folder.appendingPathComponent("received")
        try FileManager.default.createDirectory(at: messages, withIntermediateDirectories: true)
        process = try PythonProcess(script: Self.script, arguments: [String(port), folder.path], folder: folder)
    }

    func stop() { process.stop() }

    /// How many DATA commands have arrived (held or answered).
    func dataCommands() throws -> Int {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix("holding-") }.count
    }

    /// The messages accepted so far.
    func received() throws -> [URL] {
        try FileManager.default.contentsOfDirectory(at: messages, includingPropertiesForKeys: nil).filter { $0.pathExtension == "eml" }
    }

    /// Lets every held DATA (and every later one) be answered.
    func release() throws {
        try Data().write(to: folder.appendingPathComponent("release"))
    }

    static let script = """
        import asyncio, os, sys, time
        from aiosmtpd.controller import Controller

        class Sink:
            def __init__(self, folder):
                self.folder, self.count = folder, 0
            async def handle_DATA(self, server, session, envelope):
                self.count += 1
                number = self.count
                open(os.path.join(self.folder, 'holding-%04d' % number), 'w').close()
                while not os.path.exists(os.path.join(self.folder, 'release')):
                    await asyncio.sleep(0.02)
                path = os.path.join(self.folder, 'received', '%04d.eml' % number)
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
