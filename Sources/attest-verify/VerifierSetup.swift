import CanonicalJSON
import Foundation
import VerifiableCredentials

/// Turns the command-line options into a ``Verifier``: trusted DID documents, saved status lists, the moment.
struct VerifierSetup {
    let trustFiles: [String]
    let statusListFiles: [String]
    let now: Date

    func verifier() throws -> Verifier {
        var documents: [DIDDocument] = []
        for file in trustFiles {
            for json in try Self.readJSON(file, what: "trust file").asArray {
                do {
                    documents.append(try DIDDocument(json: json))
                } catch {
                    throw ValidationErrorMessage("\(file): not a DID document: \(error.reason)")
                }
            }
        }
        var lists: [JSONValue] = []
        for file in statusListFiles {
            let list = try Self.readJSON(file, what: "status list")
            guard list["id"]?.stringValue != nil else { throw ValidationErrorMessage("\(file): a status list credential must have an id") }
            lists.append(list)
        }
        return Verifier(
            resolver: StaticDIDResolver(documents: documents),
            trustedIssuers: trustFiles.isEmpty ? nil : Set(documents.map(\.id)),
            statusLists: lists.isEmpty ? nil : StaticStatusListSource(listCredentials: lists),
            now: now)
    }

    static func readJSON(_ path: String, what: String) throws -> JSONValue {
        guard let data = FileManager.default.contents(atPath: path) else { throw ValidationErrorMessage("cannot read the \(what) \(path)") }
        do {
            return try JSONValue.parse(bytes: data)
        } catch {
            throw ValidationErrorMessage("the \(what) \(path) is not valid JSON: \(error)")
        }
    }
}

/// A setup problem reported in one line with exit status 2.
struct ValidationErrorMessage: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
