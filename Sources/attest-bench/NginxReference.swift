import Foundation

/// The verification page beside the cheapest way to serve it: Debian's nginx with one worker,
/// serving the very bytes our page answered as a static file, loaded by the same wrk settings
/// right after our page. The ratio of the two is what a shared machine cannot blur: both runs
/// see the same load.
struct NginxReference {
    let report: BenchmarkReport
    let folder: URL

    /// Loads nginx with `connections` connections and reports `page.ratio_vs_nginx_static`, our
    /// page's requests per second (`ours`, measured just before) over nginx's.
    func compare(pageURL: String, ours: ServingBenchmark.Figures, connections: Int, load: (String, Int) throws -> ServingBenchmark.Figures)
    {
        do {
            let nginx = try measure(pageURL: pageURL, connections: connections, load: load)
            report.add(
                "nginx.requests_per_s_at_\(connections)", nginx.requestsPerSecond, "req/s",
                note: "the page's bytes as a static file, worker_processes 1" + (nginx.problems.map { "; \($0)" } ?? ""))
            report.add("nginx.p99_ms_at_\(connections)", nginx.p99Milliseconds, "ms")
            report.add(
                "page.ratio_vs_nginx_static", ours.requestsPerSecond / nginx.requestsPerSecond, "x",
                note: "page.requests_per_s_at_\(connections) / nginx's, same run; target >= 0.25")
        } catch {
            report.notMeasured("page.ratio_vs_nginx_static", "x", reason: "\(error)")
        }
    }

    private func measure(pageURL: String, connections: Int, load: (String, Int) throws -> ServingBenchmark.Figures) throws
        -> ServingBenchmark.Figures
    {
        guard let nginx = Self.findNginx() else {
            throw ProcessRunner.Failure(description: "nginx is not installed (bash scripts/setup.sh installs nginx-light)")
        }
        guard let curl = ProcessRunner.find("curl") else { throw ProcessRunner.Failure(description: "curl is not installed") }
        let root = folder.appendingPathComponent("nginx-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("html"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        let page = root.appendingPathComponent("html/page.html").path
        let fetched = try ProcessRunner.run(curl, ["-fsS", "-H", "Accept: text/html", "-o", page, pageURL], timeout: 30)
        guard fetched.status == 0 else { throw ProcessRunner.Failure(description: "could not fetch \(pageURL): \(fetched.errorOutput)") }
        let port = try LocalServer.freePort()
        try Self.configuration(root: root.path, port: port).write(
            to: root.appendingPathComponent("nginx.conf"), atomically: true, encoding: .utf8)

        let server = Process()
        server.executableURL = URL(fileURLWithPath: nginx)
        server.arguments = ["-p", root.path, "-c", root.appendingPathComponent("nginx.conf").path]
        server.standardOutput = FileHandle.nullDevice
        server.standardError = FileHandle.nullDevice
        try server.run()
        defer {
            server.terminate()
            server.waitUntilExit()
        }
        let url = "http://127.0.0.1:\(port)/page.html"
        let deadline = Date().addingTimeInterval(30)
        while (try? ProcessRunner.run(curl, ["-fsS", "-o", "/dev/null", url], timeout: 5))?.status != 0 {
            guard server.isRunning, Date() < deadline else { throw ProcessRunner.Failure(description: "nginx did not answer \(url)") }
            usleep(100_000)
        }
        return try load(url, connections)
    }

    /// One worker, no access log, files from `root/html`, in the foreground (stopped with SIGTERM).
    static func configuration(root: String, port: Int) -> String {
        """
        worker_processes 1;
        daemon off;
        pid \(root)/nginx.pid;
        error_log \(root)/error.log warn;
        events { worker_connections 1024; }
        http {
          access_log off;
          types { text/html html; }
          server {
            listen 127.0.0.1:\(port);
            root \(root)/html;
          }
        }

        """
    }

    /// nginx on PATH or in the sbin folders Debian installs it to.
    static func findNginx() -> String? {
        ProcessRunner.find("nginx") ?? ["/usr/sbin/nginx", "/sbin/nginx"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }

}
