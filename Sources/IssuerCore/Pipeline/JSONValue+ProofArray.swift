import CanonicalJSON

extension JSONValue {
    /// The same secured document with `proof` as an array (a proof set of one): Open Badges 3.0's
    /// JSON Schema requires an array, and Data Integrity reads both forms alike.
    func proofAsArray() -> JSONValue {
        guard var object = objectValue, let proof = object["proof"], proof.arrayValue == nil else { return self }
        object["proof"] = [proof]
        return .object(object)
    }
}
