import ArgumentParser
import Foundation
import IssuerCore

/// `attest programs …`
struct ProgramsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "programs", abstract: "Define the programs credentials are issued for.",
        subcommands: [
            ProgramsAddCommand.self, ProgramsListCommand.self, ProgramsShowCommand.self, ProgramsModeCommand.self, ProgramsEnableCommand.self,
            ProgramsDisableCommand.self, ProgramsReissueCommand.self,
        ])
}

/// `attest programs add FILE.json`
struct ProgramsAddCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Add a program from a JSON file (Spec/schemas/program.schema.json), or update it with a higher version.")

    @OptionGroup var dataOptions: DataOptions

    @Argument(help: ArgumentHelp("The program definition.", valueName: "file.json"))
    var file: String

    func run() async throws {
        let context = try await IssuerContext.open(dataOptions)
        guard let data = FileManager.default.contents(atPath: file) else { throw CLIError("cannot read \(file)") }
        // The same reading as POST /api/v1/programs, so both refuse the same files with the same reasons.
        let program: Program
        do {
            program = try ProgramDefinition.program(from: data)
        } catch {
            throw CLIError("\(file): \(error.reason)")
        }
        try copyAssets(of: program, into: dataOptions.assetsDirectory)
        try await IssuerAdministration(environment: context.environment, actor: "cli").saveProgram(program)
        print("program \(program.id) (version \(program.version)): \(program.achievement.name)")
    }

    /// Copies the logo and signature images the program names (relative to its file) into the data folder.
    private func copyAssets(of program: Program, into folder: URL) throws {
        let base = URL(fileURLWithPath: file).deletingLastPathComponent()
        for name in [program.branding.logo, program.branding.signatureImage].compactMap({ $0 }) {
            guard !name.contains(".."), !name.hasPrefix("/") else {
                throw CLIError("\(file): branding image \(name) must be a path inside the program's folder")
            }
            guard let data = FileManager.default.contents(atPath: base.appendingPathComponent(name).path) else {
                throw CLIError("\(file): cannot read the branding image \(name)")
            }
            let text = String(decoding: data.prefix(512), as: UTF8.self)
            guard data.starts(with: [0x89, 0x50, 0x4E, 0x47]) || text.contains("<svg") else {
                throw CLIError("\(file): \(name) is neither a PNG nor an SVG image")
            }
            let target = folder.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: target)
        }
    }
}

/// `attest programs list`
struct ProgramsListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the programs.")
    @OptionGroup var dataOptions: DataOptions

    func run() async throws {
        let context = try await IssuerContext.open(dataOptions)
        for program in try await context.store.read({ try $0.programs() }) {
            let validity = program.validity?.description ?? "no expiry"
            print("\(program.id)  v\(program.version)  \(program.template.rawValue)  \(validity)  \(program.achievement.name)")
        }
    }
}

/// `attest programs show ID`
struct ProgramsShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Print a program's definition as JSON.")
    @OptionGroup var dataOptions: DataOptions
    @Argument(help: "The program id.") var id: String

    func run() async throws {
        let context = try await IssuerContext.open(dataOptions)
        guard let program = try await context.store.read({ try $0.program(id: id) }) else { throw CLIError("there is no program \(id)") }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        print(String(decoding: try encoder.encode(program), as: UTF8.self))
    }
}
