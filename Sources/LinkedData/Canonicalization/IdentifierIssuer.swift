/// Issues blank-node identifiers with a prefix and a counter (`c14n0`, `c14n1`, … or `b0`, …),
/// remembering the order of issue, as RDFC-1.0 §4.5 describes.
struct IdentifierIssuer: Sendable {
    let prefix: String
    private(set) var issuedOrder: [String] = []
    private(set) var issued: [String: String] = [:]

    init(prefix: String) { self.prefix = prefix }

    /// The identifier already issued for `existing`, or a new one.
    @discardableResult
    mutating func issue(_ existing: String) -> String {
        if let identifier = issued[existing] { return identifier }
        let identifier = prefix + String(issuedOrder.count)
        issued[existing] = identifier
        issuedOrder.append(existing)
        return identifier
    }

    func identifier(for existing: String) -> String? { issued[existing] }
}
