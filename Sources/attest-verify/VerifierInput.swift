import CanonicalJSON
import Foundation
import PDFEmbedding
import VerifiableCredentials

/// Input the verifier cannot work with at all: unreadable, not JSON, not a credential, a PDF without one.
struct UnusableInput: Error {
    let reason: String
}

/// A credential to verify and where it came from.
struct VerifierDocument {
    let credential: JSONValue
    /// True when the credential was extracted from a certificate PDF.
    let fromPDF: Bool
}

/// Reads what the user handed the verifier: a JSON credential, a certificate PDF, or an Open
/// Badges baked PNG or SVG.
enum VerifierInput {
    /// Larger than any certificate, small enough that a wrong file cannot exhaust memory.
    static let maximumBytes = 16 << 20

    /// The extensions a folder is searched for: credentials and certificate PDFs.
    static let folderExtensions: Set<String> = ["json", "jsonld", "pdf"]

    /// Whether `input` names a folder (not a URL, not standard input).
    static func isFolder(_ input: String) -> Bool {
        var isDirectory: ObjCBool = false
        return input != "-" && !isURL(input) && FileManager.default.fileExists(atPath: input, isDirectory: &isDirectory)
            && isDirectory.boolValue
    }

    /// The inputs with each folder replaced by the credentials and PDFs in it and its subfolders
    /// (hidden ones left out), sorted by path; a folder with none of them stays, to be reported.
    static func expandingFolders(_ inputs: [String]) -> [String] {
        inputs.flatMap { input -> [String] in
            guard isFolder(input) else { return [input] }
            let base = URL(fileURLWithPath: input, isDirectory: true)
            let enumerator = FileManager.default.enumerator(
                at: base, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles])
            let files = (enumerator?.allObjects as? [URL] ?? []).filter { url in
                folderExtensions.contains(url.pathExtension.lowercased())
                    && (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true
            }
            let prefix = input.hasSuffix("/") ? input : input + "/"
            let basePath = base.standardizedFileURL.path
            let paths = files.map { prefix + String($0.standardizedFileURL.path.dropFirst(basePath.count + 1)) }
            return paths.isEmpty ? [input] : paths.sorted()
        }
    }

    static func read(_ path: String) -> Result<VerifierDocument, UnusableInput> {
        Result { () throws(UnusableInput) in try load(path) }
    }

    /// Whether the input names a URL (`scheme://…`) rather than a file.
    static func isURL(_ input: String) -> Bool {
        guard let colon = input.firstIndex(of: ":"), input[colon...].hasPrefix("://"), let first = input.first, first.isLetter else {
            return false
        }
        return input[..<colon].allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "+.-".contains($0)) }
    }

    /// Fetches a credential from its URL (`Accept: application/vc`, JSON as a fallback); nil
    /// `fetcher` means offline.
    static func fetch(_ url: String, fetcher: HTTPFetcher?) async -> Result<VerifierDocument, UnusableInput> {
        guard let fetcher else {
            return .failure(UnusableInput(reason: "cannot fetch \(url) with --offline; save the credential and pass the file"))
        }
        let fetched: FetchedDocument
        do {
            fetched = try await fetcher.get(
                url, accept: "application/vc, application/vc+ld+json;q=0.9, application/ld+json;q=0.8, application/json;q=0.7",
                maximumBytes: HTTPFetcher.documentLimit)
        } catch {
            return .failure(UnusableInput(reason: error.reason))
        }
        // What a server answered instead of a credential is not repeated: the URL may be a service that was probed.
        return Result { () throws(UnusableInput) in try decode(fetched.body, fetchedFrom: url) }
    }

    private static func load(_ path: String) throws(UnusableInput) -> VerifierDocument {
        let data: Data
        if path == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else if isFolder(path) {
            throw UnusableInput(reason: "the folder \(path) holds no credential (.json, .jsonld) or PDF")
        } else if let contents = FileManager.default.contents(atPath: path) {
            data = contents
        } else {
            throw UnusableInput(reason: "cannot read \(path): no such file or not readable")
        }
        return try decode(data)
    }

    /// A credential from bytes read or fetched: a certificate PDF, a baked PNG or SVG, or JSON.
    private static func decode(_ data: Data, fetchedFrom url: String? = nil) throws(UnusableInput) -> VerifierDocument {
        guard data.count <= maximumBytes else {
            throw UnusableInput(reason: "the input is \(data.count) bytes; at most \(maximumBytes) are read")
        }
        if data.starts(with: Array("%PDF-".utf8)) {
            do {
                let embedded = try PDFCredentialEmbedder.extractCredential(from: Array(data))
                return VerifierDocument(credential: try parse(Data(embedded), what: "the credential embedded in the PDF"), fromPDF: true)
            } catch let error as PDFEmbeddingError {
                throw UnusableInput(reason: error.description)
            } catch let error as UnusableInput {
                throw error
            } catch {
                throw UnusableInput(reason: "\(error)")
            }
        }
        if let baked = try bakedCredential(data) {
            return VerifierDocument(credential: try parse(Data(baked), what: "the credential baked into the image"), fromPDF: false)
        }
        return VerifierDocument(credential: try parse(data, what: url ?? "the input", fetched: url != nil), fromPDF: false)
    }

    /// The credential baked into an Open Badges PNG or SVG, or `nil` when `data` is neither.
    private static func bakedCredential(_ data: Data) throws(UnusableInput) -> [UInt8]? {
        let bytes = Array(data)
        do {
            if PNGBadge.looksLikePNG(bytes) { return try PNGBadge.credential(in: bytes) }
            if SVGBadge.looksLikeSVG(bytes) { return try SVGBadge.credential(in: bytes) }
        } catch {
            throw UnusableInput(reason: error.description)
        }
        return nil
    }

    private static func parse(_ data: Data, what: String, fetched: Bool = false) throws(UnusableInput) -> JSONValue {
        let value: JSONValue
        do {
            value = try JSONValue.parse(bytes: data)
        } catch {
            guard !fetched else {
                throw UnusableInput(reason: "\(what) did not answer with JSON (\(error.code) at byte \(error.offset ?? 0))")
            }
            throw UnusableInput(reason: "\(what) is not valid JSON: \(error)")
        }
        guard let object = value.objectValue else {
            throw UnusableInput(reason: "not a credential: the JSON is \(value.typeName == "array" ? "an" : "a") \(value.typeName), not an object")
        }
        let types = object["type"]?.asArray.compactMap(\.stringValue) ?? []
        guard object["@context"] != nil || types.contains("VerifiableCredential") else {
            throw UnusableInput(reason: "not a credential: it has neither @context nor the type VerifiableCredential")
        }
        return value
    }
}

/// The passcode check: the code printed on a certificate is derived from the signed credential,
/// so it can be recomputed here, offline.
enum PasscodeCheck {
    static func checks(document: VerifierDocument, typed: String?) -> [VerificationCheck] {
        let derived = CertificatePasscode.derive(from: document.credential)
        if let typed {
            guard CertificatePasscode.normalize(typed) != nil else {
                return [VerificationCheck("passcode", .fail, "\"\(typed)\" is not a passcode (ten letters and digits, like 7KQ2M-XD4PA)")]
            }
            return CertificatePasscode.matches(typed, signedCredential: document.credential)
                ? [VerificationCheck("passcode", .pass, "the passcode \(derived) belongs to this certificate")]
                : [VerificationCheck("passcode", .fail, "the passcode \(typed) does not belong to this certificate")]
        }
        guard document.fromPDF else { return [] }
        return [VerificationCheck("passcode", .skip, "the passcode printed on this certificate must read \(derived); pass --passcode to check it")]
    }
}
