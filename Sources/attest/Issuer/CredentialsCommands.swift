import ArgumentParser
import CanonicalJSON
import Foundation
import IssuerCore
import VerifiableCredentials

/// `attest credentials list | show | export`
struct CredentialsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "credentials", abstract: "Look up issued credentials.", subcommands: [List.self, Show.self, Export.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "List credentials: id, learner, program, state, issued at.")
        @OptionGroup var dataOptions: DataOptions
        @Option(help: "Only this program.") var program: String?
        @Option(help: "Only this state (active, suspended, revoked, superseded, pending).") var state: String?
        @Flag(help: "One JSON object per line.") var json = false

        func run() async throws {
            let context = try await IssuerContext.open(dataOptions)
            var filter = CredentialFilter(programID: program)
            if let state {
                guard let value = CredentialState(rawValue: state) else { throw ValidationError("unknown state \(state)") }
                filter.states = [value]
            }
            let chosen = filter
            let rows = try await context.store.read { reading in
                try reading.credentialSummaries(filter: chosen).map { ($0, try reading.learner(id: $0.learnerID)) }
            }
            for (record, learner) in rows {
                let name = learner?.certificateName ?? record.learnerID
                if json {
                    let line: JSONValue = [
                        "id": .string(record.id), "learner": .string(name), "email": .string(learner?.email ?? ""),
                        "program": .string(record.programID),
                        "state": .string(record.state.rawValue), "issuedAt": .string(DateTimeStamp.format(record.issuedAt)),
                    ]
                    print(line.serialized())
                } else {
                    print(
                        "\(record.id)  \(record.state.rawValue.padding(toLength: 10, withPad: " ", startingAt: 0))  \(DateTimeStamp.format(record.issuedAt))  \(record.programID)  \(name)"
                    )
                }
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show", abstract: "Show one credential: its state and the signed credential.")
        @OptionGroup var dataOptions: DataOptions
        @Argument(help: "The credential id.") var id: String
        @Flag(help: "Print only the signed credential JSON.") var json = false

        func run() async throws {
            let context = try await IssuerContext.open(dataOptions)
            let found = try await context.store.read { reading in
                try reading.credentialSummary(id: id).map { ($0, try reading.credentialDocument(.json, credentialID: id)) }
            }
            guard let (record, credentialJSON) = found else { throw CLIError("there is no credential \(id)") }
            let credentialText = credentialJSON.map { String(decoding: $0, as: UTF8.self) } ?? "(not signed yet: pending)"
            if json {
                print(credentialText)
                return
            }
            print("credential  \(record.id)  \(record.state.rawValue)\(record.stateReason.map { " (\($0))" } ?? "")")
            print("url         \(try await context.issuer().verificationURL(credentialID: record.id))")
            print("program     \(record.programID) v\(record.programVersion)")
            print(
                "issued      \(DateTimeStamp.format(record.issuedAt))\(record.validUntil.map { ", valid until " + DateTimeStamp.format($0) } ?? "")"
            )
            print("passcode    \(record.passcode ?? "-")")
            print("status      \(record.revocationList)#\(record.revocationIndex), \(record.suspensionList)#\(record.suspensionIndex)")
            if let by = record.supersededBy { print("superseded  by \(by)") }
            if let old = record.supersedes { print("supersedes  \(old)") }
            print(credentialText)
        }
    }

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export",
            abstract: "Write the credential JSON, PDF, preview PNG and Open Badges baked images (.badge.png, .badge.svg) to a folder.")
        @OptionGroup var dataOptions: DataOptions
        @Argument(help: "The credential id.") var id: String
        @Option(help: ArgumentHelp("The folder to write into (created if missing).", valueName: "dir")) var out: String

        func run() async throws {
            let context = try await IssuerContext.open(dataOptions)
            guard let record = try await context.store.read({ try $0.credential(id: id) }) else {
                throw CLIError("there is no credential \(id)")
            }
            guard let json = record.credentialJSON else { throw CLIError("credential \(id) is still pending") }
            let folder = URL(fileURLWithPath: out, isDirectory: true)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            var written: [String] = []
            // The preview is drawn on first use; exporting is a use.
            let png = try await context.environment.certificatePreview(for: record).map { Data($0) }
            // The Open Badges baked images (the credential inside a PNG and an SVG) after the preview is drawn.
            let refreshed = try await context.store.read({ try $0.credential(id: id) }) ?? record
            let bakedPNG = try await context.environment.bakedBadge(for: refreshed, format: .png).map { Data($0) }
            let bakedSVG = try await context.environment.bakedBadge(for: refreshed, format: .svg).map { Data($0) }
            for (name, data) in [
                ("\(id).json", Optional(json)), ("\(id).pdf", record.pdf), ("\(id).png", png), ("\(id).badge.png", bakedPNG),
                ("\(id).badge.svg", bakedSVG),
            ] {
                guard let data else { continue }
                try data.write(to: folder.appendingPathComponent(name))
                written.append(folder.appendingPathComponent(name).path)
            }
            print(written.joined(separator: "\n"))
        }
    }
}
