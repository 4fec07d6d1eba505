import ArgumentParser
import CanonicalJSON
import Foundation
import VerifiableCredentials

/// `attest-verify`: the standalone verifier. No server, no database, no rendering.
@main
struct AttestVerify: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "attest-verify",
        abstract: "Verify W3C Verifiable Credentials (JSON, or certificate PDFs): data model, proof, issuer key, validity and status.",
        discussion: """
            Exit status: 0 valid, 1 invalid, 2 unusable input (unreadable, not JSON, not a credential),
            3 indeterminate (something could not be checked, e.g. a status list while offline).
            A certificate is called valid only when every check that applies passed. With several files
            or a folder (every .json, .jsonld and .pdf in it and its subfolders), each gets one line, a
            summary follows, and the exit status is the worst of them.

            Online, did:web keys and status lists are fetched over HTTPS (10 s and 2 MiB per document, 16 MiB per \
            status list, at most 3 redirects, only on the same host); status lists are cached for their ttl. Nothing \
            on this machine or its network (loopback, private, link-local, unique-local addresses, or names resolving \
            to them) is fetched without --allow-local.

            Offline audit of a folder:  attest-verify --offline --trust issuer-did.json --status-list revocation-1 --status-list suspension-1 certs/*.pdf
            """)

    @Argument(
        help: ArgumentHelp(
            "Credentials (JSON), certificate PDFs, folders of them, credential URLs (https://), or - for standard input.",
            valueName: "file"))
    var inputs: [String]

    @Flag(name: .long, help: "Print JSON: one object for one file, one object per line for several.")
    var json = false

    @Flag(name: .long, help: "Never touch the network: what needs it is reported as not checked.")
    var offline = false

    @Option(name: .long, help: ArgumentHelp("Judge validity at this moment instead of now (dateTimeStamp).", valueName: "time"))
    var at: String?

    @Option(name: .long, help: ArgumentHelp("A DID document (or an array of them) of issuers you trust; their keys resolve from it.", valueName: "file"))
    var trust: [String] = []

    @Option(name: .customLong("status-list"), help: ArgumentHelp("A saved status list credential to check status against (repeat).", valueName: "file"))
    var statusListFiles: [String] = []

    @Option(name: .long, help: ArgumentHelp("The passcode printed on the certificate, to check it belongs to it.", valueName: "code"))
    var passcode: String?

    @Option(
        name: .long,
        help: ArgumentHelp("Where fetched status lists are kept for their ttl (default: ~/.cache/attest-verify).", valueName: "dir"))
    var cache: String?

    @Flag(name: .customLong("no-cache"), help: "Fetch every status list afresh, and keep none.")
    var noCache = false

    @Option(name: .long, help: ArgumentHelp("Seconds each fetch may take in total.", valueName: "seconds"))
    var timeout: Double = HTTPFetcher.defaultTimeout

    @Flag(
        name: .customLong("allow-local"),
        help: "Also fetch from this machine and private networks (plain http:// only to this machine): for tests and a local attest serve.")
    var allowLocal = false

    @Option(
        name: .customLong("ca-file"),
        help: ArgumentHelp(
            "Trust only the CA certificates in this PEM file for https:// (a private CA); did:web on this machine is then fetched over https too.",
            valueName: "file"))
    var caFile: String?

    func validate() throws {
        if let at, DateTimeStamp.parse(at) == nil {
            throw ValidationError("--at must be an XML Schema dateTimeStamp with a time zone, e.g. 2030-01-01T00:00:00Z")
        }
        if inputs.isEmpty { throw ValidationError("give at least one file, or - for standard input") }
        if inputs.filter({ $0 == "-" }).count > 1 { throw ValidationError("standard input (-) can be read only once") }
        if cache != nil && noCache { throw ValidationError("--cache and --no-cache contradict each other") }
        guard timeout > 0, timeout <= 600 else { throw ValidationError("--timeout must be more than 0 and at most 600 seconds") }
        if let caFile, !FileManager.default.isReadableFile(atPath: caFile) { throw ValidationError("--ca-file \(caFile) cannot be read") }
    }

    /// What the options say about the network: nil when offline.
    var network: (fetcher: HTTPFetcher, cache: StatusListCache?)? {
        guard !offline else { return nil }
        let cacheFolder = cache.map { URL(fileURLWithPath: $0, isDirectory: true) } ?? StatusListCache.defaultDirectory
        return (HTTPFetcher(timeout: timeout, allowLocal: allowLocal, caFile: caFile), noCache ? nil : StatusListCache(directory: cacheFolder))
    }

    func run() async throws {
        var verifier: Verifier
        do {
            verifier = try VerifierSetup(
                trustFiles: trust, statusListFiles: statusListFiles, now: at.flatMap(DateTimeStamp.parse) ?? Date(),
                fetcher: network?.fetcher, cache: network?.cache
            ).verifier()
        } catch {
            FileHandle.standardError.write(Data("attest-verify: \(error)\n".utf8))
            throw ExitCode(2)
        }
        // Lists shared by many certificates have their signature checked once (the verifier's
        // resolver, trust and clock are fixed from here on).
        verifier.statusListMemo = StatusListMemo()
        var worst: Int32 = 0
        var summary: [Int32: Int] = [:]
        let files = VerifierInput.expandingFolders(inputs)
        let oneLineEach = files.count > 1 || inputs.contains(where: VerifierInput.isFolder)
        let fetcher = network?.fetcher
        let typedPasscode = passcode
        let checker = verifier
        // Files are read and verified one per core; reports print in the order of the inputs.
        await OrderedConcurrency.forEach(
            count: files.count, width: ProcessInfo.processInfo.activeProcessorCount,
            work: { index -> Result<VerificationReport, UnusableInput> in
                let input = files[index]
                let read = VerifierInput.isURL(input) ? await VerifierInput.fetch(input, fetcher: fetcher) : VerifierInput.read(input)
                switch read {
                case .failure(let unusable):
                    return .failure(unusable)
                case .success(let document):
                    var report = await checker.verify(document.credential)
                    report.checks += PasscodeCheck.checks(document: document, typed: typedPasscode)
                    return .success(report)
                }
            },
            deliver: { index, outcome in
                let input = files[index]
                let status: Int32
                switch outcome {
                case .failure(let unusable):
                    ReportPrinter.printUnusable(unusable, input: input, json: json, oneLine: oneLineEach)
                    status = 2
                case .success(let report):
                    if oneLineEach {
                        ReportPrinter.printLine(report, input: input, json: json)
                    } else {
                        ReportPrinter.print(report, input: input, json: json)
                    }
                    status = ReportPrinter.exitStatus(of: report.verdict)
                }
                summary[status, default: 0] += 1
                if Self.severity(status) > Self.severity(worst) { worst = status }
            })
        if oneLineEach && !json {
            print(
                "\(files.count) files: \(summary[0, default: 0]) valid, \(summary[1, default: 0]) invalid, "
                    + "\(summary[3, default: 0]) indeterminate, \(summary[2, default: 0]) unusable")
        }
        throw ExitCode(worst)
    }

    /// invalid (1) outranks indeterminate (3), which outranks unusable (2), which outranks valid (0).
    static func severity(_ status: Int32) -> Int {
        switch status {
        case 1: 3
        case 3: 2
        case 2: 1
        default: 0
        }
    }
}
