import ArgumentParser
import CanonicalJSON
import Delivery
import Ed25519
import Foundation
import IssuerCore
import VerifiableCredentials

/// `attest audit verify | export`
struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: "The append-only, hash-chained, signed audit trail.", subcommands: [Verify.self, Export.self])

    static let pageSize = 5000

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "verify",
            abstract: "Prove the audit chain intact, or name the first broken entry (exit 1).",
            discussion: """
                Prints the chain's head (SEQUENCE:HASH): write it down somewhere the issuer's machine cannot reach, and pass it \
                back later with --expect-head to prove that no entry up to it was deleted since. The head recorded in DATA/audit-head \
                after every commit is checked too.
                """)
        @OptionGroup var dataOptions: DataOptions
        @Option(
            name: .long,
            help: ArgumentHelp(
                "A head printed by an earlier verify: the chain must still contain this entry with this hash.", valueName: "seq:hash"))
        var expectHead: [String] = []

        func validate() throws {
            for head in expectHead {
                do { _ = try AuditHead(parsing: head) } catch { throw ValidationError("--expect-head: \(error.reason)") }
            }
        }

        func run() async throws {
            let context = try await IssuerContext.open(dataOptions)
            let heads = try expectHead.map { try AuditHead(parsing: $0) }
            let check = try await AuditCommand.check(context, expecting: heads)
            if !check.problems.isEmpty {
                check.problems.forEach { print($0) }
                throw ExitCode(1)
            }
            print("audit chain intact: \(check.entries.count) entries, every link and signature checked")
            if let last = check.entries.last {
                print("head \(AuditHead(last)) (record it; check later with --expect-head \(AuditHead(last)))")
            }
        }
    }

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export", abstract: "Write the audit trail as JSON lines (to a file or standard output).")
        @OptionGroup var dataOptions: DataOptions
        @Option(help: ArgumentHelp("The file to write. Default: standard output.", valueName: "file")) var out: String?

        func run() async throws {
            let context = try await IssuerContext.open(dataOptions)
            let lines = try await AuditCommand.allEntries(context).map { entry -> String in
                let json: JSONValue = [
                    "sequence": .number(Double(entry.sequence)), "at": .string(DateTimeStamp.format(entry.at)), "kind": .string(entry.kind),
                    "actor": .string(entry.actor), "subject": .string(entry.subject), "data": .string(entry.data),
                    "previousHash": .string(entry.previousHash), "hash": .string(entry.hash), "keyID": .string(entry.keyID),
                    "signature": .string(entry.signature),
                ]
                return json.serialized()
            }
            let text = lines.joined(separator: "\n") + (lines.isEmpty ? "" : "\n")
            if let out {
                // Entries name learners and their addresses: the file is the owner's only (0600).
                try PrivateFiles.writeAtomically(Array(text.utf8), to: URL(fileURLWithPath: out))
                print("wrote \(lines.count) entries to \(out)")
            } else {
                print(text, terminator: "")
            }
        }
    }

    /// The whole chain checked: every link and signature, each head in `heads`, and the head file
    /// in the data folder. No problems: intact. (`attest audit verify` prints them; `attest report`
    /// reports them.)
    static func check(_ context: IssuerContext, expecting heads: [AuditHead] = []) async throws -> (
        entries: [AuditEntry], problems: [String]
    ) {
        let keys = try await context.store.read { try $0.signingKeys() }
        var publicKeys: [String: Ed25519PublicKey] = [:]
        for key in keys { publicKeys[key.id] = try Multikey.decodePublicKey(key.publicKeyMultibase) }
        let entries = try await allEntries(context)
        let result = AuditChainVerifier(keys: publicKeys).verify(entries)
        if let broken = result.firstBroken {
            return (
                entries,
                ["audit chain BROKEN at entry \(broken.sequence): \(broken.reason) (\(result.intactEntries) entries before it are intact)"]
            )
        }
        var problems: [String] = []
        for head in heads {
            if let problem = head.problem(in: entries) {
                problems.append("audit chain TRUNCATED: --expect-head \(head.sequence): \(problem)")
            }
        }
        let headFile = context.store.headFile
        switch Result(catching: { try headFile.read() }) {
        case .success(let recorded?):
            if let problem = recorded.problem(in: entries) {
                problems.append("audit chain TRUNCATED: \(headFile.path) records entry \(recorded.sequence): \(problem)")
            }
        case .success(nil):
            if !entries.isEmpty {
                problems.append(
                    "audit head file MISSING: \(headFile.path) is written after every commit and is gone, so a deletion of the newest "
                        + "entries cannot be ruled out; check against a head you recorded with --expect-head (a folder last written by an "
                        + "Attest without head files gets one with its next change)")
            }
        case .failure(let error):
            problems.append("audit head file UNREADABLE: \(error)")
        }
        return (entries, problems)
    }

    static func allEntries(_ context: IssuerContext) async throws -> [AuditEntry] {
        var entries: [AuditEntry] = []
        while true {
            let from = entries.count + 1
            let page = try await context.store.read { try $0.auditEntries(from: from, limit: AuditCommand.pageSize) }
            entries += page
            if page.count < AuditCommand.pageSize { return entries }
        }
    }
}

/// `attest status-lists publish --out DIR`
struct StatusListsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status-lists", abstract: "The issuer's Bitstring Status Lists.", subcommands: [Publish.self])

    struct Publish: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "publish",
            abstract: "Re-sign every status list and write them as static files (DIR/status/LIST) for any web server or CDN.",
            discussion:
                "Serve each file at BASE/status/LIST with Content-Type: application/vc. Each is valid for 7 days: publish again before then."
        )
        @OptionGroup var dataOptions: DataOptions
        @Option(help: ArgumentHelp("The folder to write into.", valueName: "dir")) var out: String

        func run() async throws {
            let context = try await IssuerContext.open(dataOptions)
            let lists = try await CredentialChanges(environment: context.environment, actor: "cli").republishStatusLists()
            let folder = URL(fileURLWithPath: out, isDirectory: true).appendingPathComponent("status")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            for list in lists {
                guard let json = list.signedCredentialJSON else { continue }
                try json.write(to: folder.appendingPathComponent(list.id))
                print(folder.appendingPathComponent(list.id).path)
            }
            if lists.isEmpty { print("no status lists yet: they are created with the first credential") }
        }
    }
}
