import CanonicalJSON
import Foundation
import Hummingbird
import IssuerCore
import PDFEmbedding
import VerifiableCredentials

/// `GET /verify`: look a certificate up by its printed passcode; `POST /verify`: upload a PDF or
/// JSON certificate and see the same page the QR code opens.
struct VerifyRoutes {
    let server: IssuerServer

    func register(on router: Router<IssuerRequestContext>) {
        router.get("verify") { request, context in
            if request.uri.queryParameters.get("passcode") != nil { try await limit(context) }
            return try await lookup(request)
        }
        router.post("verify") { request, context in
            try await limit(context)
            return try await server.uploadGate.admit { try await upload(request) }
        }
    }

    /// Refuses with 429 and `Retry-After` when the client has used its lookups for now.
    func limit(_ context: IssuerRequestContext) async throws {
        if let wait = await server.lookupLimiter.take(client: context.clientAddress, now: server.environment.now()) {
            throw Problem(
                .tooManyRequests, .tooManyRequests, "too many lookups from this address; try again in \(wait) seconds", retryAfter: wait)
        }
    }

    func lookup(_ request: Request) async throws -> Response {
        guard let typed = request.uri.queryParameters.get("passcode"), !typed.isEmpty else {
            return .html(server.pages.verifyForm(message: nil, passcode: nil), headers: [.cacheControl: "no-cache"])
        }
        let shown = String(typed.prefix(20))
        guard let passcode = CertificatePasscode.normalize(typed) else {
            let message = "That is not a passcode: it has ten letters and digits, like 7K3QD-M9XWA."
            return .html(server.pages.verifyForm(message: message, passcode: shown), status: .badRequest)
        }
        let record = try await server.environment.store.read { try $0.credentialSummary(passcode: passcode) }
        guard let record else {
            return .html(
                server.pages.verifyForm(message: "No certificate has the passcode \(passcode).", passcode: shown), status: .notFound)
        }
        return Response(status: .seeOther, headers: [.location: "/c/\(record.id)"])
    }

    func upload(_ request: Request) async throws -> Response {
        let mediaType = request.mediaType ?? ""
        guard ["multipart/form-data", "application/pdf", "application/json", "application/vc", "application/ld+json"].contains(mediaType)
        else {
            throw Problem(.unsupportedMediaType, .unsupportedMediaType, "send a PDF or JSON certificate, or use the form at /verify")
        }
        let file = try await request.uploadedFile(mediaType: mediaType, fieldName: "certificate", limit: server.configuration.uploadLimit)
        guard !file.isEmpty else { throw Problem(.badRequest, .badRequest, "the certificate file is empty") }
        let credentialBytes: [UInt8]
        if file.starts(with: Array("%PDF-".utf8)) {
            // Off the request threads, bounded in size and time: a hostile PDF can be a decompression bomb.
            switch try await PDFExtractionPool.shared.extractCredential(from: file) {
            case .success(let bytes):
                credentialBytes = bytes
            case .failure(let error) where [.tooLarge, .tooManyFiles, .unsupportedFilter, .unsupportedPDF].contains(error.code):
                return invalid("The PDF was not read: \(error.reason).")
            case .failure(let error):
                return invalid("The PDF carries no embedded credential of this issuer (\(error.reason)).")
            }
        } else {
            credentialBytes = file
        }
        guard let credential = try? JSONValue.parse(bytes: credentialBytes), credential.objectValue != nil else {
            return invalid("The file is neither a certificate PDF nor a credential in JSON.")
        }
        return try await result(for: credential)
    }

    /// The page of the stored credential when the upload is exactly it (same signed content),
    /// otherwise a NOT VALID page saying why.
    private func result(for credential: JSONValue) async throws -> Response {
        let signature = try await server.checkSignature(of: credential, at: server.environment.now())
        guard signature.passed else { return invalid("The signature does not match: \(signature.message)") }
        guard let url = credential["id"]?.stringValue, let id = server.issuer.credentialID(fromVerificationURL: url) else {
            return invalid("The credential is signed by this issuer but has no verification address.")
        }
        let reads =
            PublicRoutes.isPlainIdentifier(id)
            ? try await server.environment.store.read { try VerificationPageReads(credentialID: id, in: $0) } : nil
        guard let reads, let stored = reads.record.credentialJSON, (try? JSONValue.parse(bytes: Array(stored))) == credential else {
            return invalid("The issuer has no record of this credential.")
        }
        let page = try await server.verificationPage(from: reads)
        return .html(server.pages.verificationPage(page), headers: [.cacheControl: "no-store"])
    }

    private func invalid(_ reason: String) -> Response {
        var page = VerificationPage(
            state: .invalid, stateReason: reason, credentialID: "", pageURL: server.issuer.baseURL + "/verify", learnerName: "—",
            achievementName: "—", achievementDescription: nil, issuerName: server.issuer.name, validFrom: nil, validUntil: nil,
            completedOn: nil,
            score: nil, modules: [], signatureChecked: false, signatureMessage: reason, signingKey: nil, hasPDF: false, hasPNG: false,
            supersededBy: nil, linkedInURL: nil)
        page.stateReason = reason
        return .html(server.pages.verificationPage(page), status: .unprocessableContent, headers: [.cacheControl: "no-store"])
    }
}
