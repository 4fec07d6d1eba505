extension InMemoryTransaction {
    func issuerSecret(name: String) -> [UInt8]? { state.secrets[name] }

    func insertIssuerSecret(name: String, value: [UInt8]) throws {
        guard state.secrets[name] == nil else { throw StoreError.duplicate("the issuer secret \(name) exists") }
        state.secrets[name] = value
    }
}
