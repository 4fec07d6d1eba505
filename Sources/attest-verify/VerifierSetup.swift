import CanonicalJSON
import Foundation
import VerifiableCredentials

/// Turns the command-line options into a ``Verifier``: trusted DID documents, saved status lists,
/// the network (or not), the moment.
struct VerifierSetup {
    let trustFiles: [String]
    let statusListFiles: [String]
    let now: Date
    /// Nil with `--offline`: nothing is fetched, did:web resolves only from trust files.
    var fetcher: HTTPFetcher? = nil
    /// Nil with `--no-cache` (or offline).
    var cache: StatusListCache? = nil

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
        let saved = lists.isEmpty ? nil : StaticStatusListSource(listCredentials: lists)
        // Trusted documents win; after them did:key resolves locally and, online, did:web over HTTPS.
        let resolver: StaticDIDResolver
        let statusLists: (any StatusListSource)?
        if let fetcher {
            resolver = StaticDIDResolver(documents: documents, fallback: HTTPDIDResolver(fetcher: fetcher))
            statusLists = HTTPStatusListSource(fetcher: fetcher, cache: cache, saved: saved)
        } else {
            resolver = StaticDIDResolver(documents: documents)
            statusLists = saved
        }
        return Verifier(
            resolver: resolver, trustedIssuers: trustFiles.isEmpty ? nil : Set(documents.map(\.id)), statusLists: statusLists, now: now)
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
