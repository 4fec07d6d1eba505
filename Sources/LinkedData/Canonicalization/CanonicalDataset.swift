/// The result of RDFC-1.0: the canonical N-Quads and the blank-node labels that were issued.
public struct CanonicalDataset: Sendable, Hashable {
    /// The canonical quads, relabelled, in the order of their sorted N-Quads lines.
    public let quads: [Quad]
    /// The canonical N-Quads document: sorted lines, each ending in `\n`; empty for an empty dataset.
    public let nquads: String
    /// Input blank-node label (without `_:`) → canonical label (`c14n0`, …), the "issued
    /// identifiers map" of RDFC-1.0.
    public let issuedIdentifiers: [String: String]
}
