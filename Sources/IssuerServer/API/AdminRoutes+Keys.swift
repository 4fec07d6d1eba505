import CanonicalJSON
import Hummingbird
import IssuerCore
import VerifiableCredentials

extension IssuerServer {
    /// Makes a new active key (`key-N`) in the key store the server was started with, audited under
    /// `actor`; the old key is retired and stays in the DID document, so credentials it signed keep
    /// verifying. `nil` when the server has no key store it may write to (``keyMaker``). The API's
    /// `POST /api/v1/keys/rotate` and the console's Settings → Signing keys both call this.
    public func rotateSigningKey(actor: String) async throws -> SigningKeyRecord? {
        guard let maker = keyMaker else { return nil }
        let existing = try await environment.store.read { try $0.signingKeys() }
        let number = (existing.compactMap { Int($0.id.replacingOccurrences(of: "key-", with: "")) }.max() ?? 0) + 1
        let record = try maker.makeKey(keyID: "key-\(number)", issuer: issuer, now: environment.now())
        do {
            try await IssuerAdministration(environment: environment, actor: actor).rotateKey(to: record)
        } catch {
            maker.discardKey(record)
            throw error
        }
        return record
    }
}

/// `GET /api/v1/keys` (viewer, issuer, admin) and `POST /api/v1/keys/rotate` (admin).
extension AdminRoutes {
    func listKeys(context: IssuerRequestContext) async throws -> Response {
        _ = try context.requireRole(.readers)
        let keys = try await environment.store.read { try $0.signingKeys() }
        return .json(["keys": .array(keys.map { json($0) })])
    }

    /// Makes a new active key in the key store the server was started with; the old key is retired
    /// and stays in the DID document, so credentials it signed keep verifying.
    func rotateKey(context: IssuerRequestContext) async throws -> Response {
        let key = try context.requireRole([.admin])
        guard let record = try await server.rotateSigningKey(actor: "api:\(key.name)") else {
            throw Problem(
                .conflict, .keyRotationUnavailable, "this server was started without a key store it may write to; use attest keys rotate")
        }
        return .json(json(record), status: .created)
    }

    func json(_ key: SigningKeyRecord) -> JSONValue {
        var object: JSONObject = [
            "id": .string(key.id), "verificationMethod": .string("\(server.issuer.did)#\(key.id)"),
            "publicKeyMultibase": .string(key.publicKeyMultibase), "state": .string(key.retiredAt == nil ? "active" : "retired"),
            "createdAt": .string(DateTimeStamp.format(key.createdAt)),
        ]
        if let retired = key.retiredAt { object["retiredAt"] = .string(DateTimeStamp.format(retired)) }
        return .object(object)
    }
}
