/// Issues the `_:b0`, `_:b1`, … labels of node map generation and list conversion, mapping
/// the document's own blank node identifiers to fresh ones.
struct BlankNodeIssuer {
    private var counter = 0
    private var issued: [ExactString: String] = [:]

    /// The label for an existing identifier, issued on first use.
    mutating func label(for existing: String) -> String {
        if let label = issued[ExactString(existing)] { return label }
        let label = fresh()
        issued[ExactString(existing)] = label
        return label
    }

    /// A label no one has yet.
    mutating func fresh() -> String {
        defer { counter += 1 }
        return "_:b" + String(counter)
    }
}
