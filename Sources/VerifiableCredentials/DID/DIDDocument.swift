import CanonicalJSON

/// A DID document (or any controlled identifier document): its keys and what each may be used for.
public struct DIDDocument: Sendable, Hashable {
    /// The DID or URL the document describes.
    public let id: String
    /// Every key the document lists, embedded or under `verificationMethod`.
    public let verificationMethods: [VerificationMethod]
    /// The ids of the methods allowed to issue credentials (`assertionMethod`).
    public let assertionMethod: [String]
    /// The ids of the methods allowed to authenticate (`authentication`).
    public let authentication: [String]
    /// The document as JSON.
    public let json: JSONValue

    /// Reads a DID document, resolving relative references against its `id`.
    public init(json: JSONValue) throws(CredentialError) {
        guard let object = json.objectValue, let id = object["id"]?.stringValue else {
            throw CredentialError(.invalidDidDocument, "a DID document must be an object with an id")
        }
        var methods: [VerificationMethod] = []
        for entry in object["verificationMethod"]?.asArray ?? [] {
            methods.append(try VerificationMethod(json: entry, documentID: id))
        }
        func relationship(_ name: String) throws(CredentialError) -> [String] {
            var ids: [String] = []
            for entry in object[name]?.asArray ?? [] {
                if let reference = entry.stringValue {
                    ids.append(VerificationMethod.absolute(reference, documentID: id))
                } else {
                    let embedded = try VerificationMethod(json: entry, documentID: id)
                    methods.append(embedded)
                    ids.append(embedded.id)
                }
            }
            return ids
        }
        let assertion = try relationship("assertionMethod")
        let authentication = try relationship("authentication")
        self.id = id
        self.verificationMethods = methods
        self.assertionMethod = assertion
        self.authentication = authentication
        self.json = json
    }

    /// A document from its parts, as the issuer publishes it.
    public init(id: String, verificationMethods: [VerificationMethod], assertionMethod: [String], authentication: [String]) {
        self.id = id
        self.verificationMethods = verificationMethods
        self.assertionMethod = assertionMethod
        self.authentication = authentication
        json = [
            "@context": ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1"],
            "id": .string(id),
            "verificationMethod": .array(verificationMethods.map(\.json)),
            "authentication": .array(authentication.map(JSONValue.string)),
            "assertionMethod": .array(assertionMethod.map(JSONValue.string)),
        ]
    }

    /// The method with this absolute id, if the document lists it.
    public func verificationMethod(withID methodID: String) -> VerificationMethod? {
        verificationMethods.first { $0.id == methodID }
    }

    /// Whether the method is listed under the relationship a proof purpose names.
    public func authorizes(_ methodID: String, for proofPurpose: String) -> Bool {
        switch proofPurpose {
        case "assertionMethod": assertionMethod.contains(methodID)
        case "authentication": authentication.contains(methodID)
        default: false
        }
    }
}
