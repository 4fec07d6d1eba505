/// One statement of an RDF dataset: subject, predicate, object, and the graph it belongs to.
public struct Quad: Sendable, Hashable {
    /// An IRI or blank node.
    public var subject: RDFTerm
    /// An IRI (a blank node only in generalized RDF).
    public var predicate: RDFTerm
    /// Any term.
    public var object: RDFTerm
    /// The graph name, or `nil` for the default graph.
    public var graph: RDFTerm?

    /// A quad; `graph` defaults to the default graph.
    public init(subject: RDFTerm, predicate: RDFTerm, object: RDFTerm, graph: RDFTerm? = nil) {
        self.subject = subject
        self.predicate = predicate
        self.object = object
        self.graph = graph
    }
}

/// A set of quads, as JSON-LD's toRdf produces and RDFC-1.0 consumes.
///
/// Quads keep insertion order (so output is reproducible) and duplicates are dropped, since an
/// RDF dataset is a set.
public struct RDFDataset: Sendable, Hashable {
    /// The quads, in insertion order, without duplicates.
    public private(set) var quads: [Quad] = []
    private var seen: Set<Quad> = []

    /// An empty dataset.
    public init() {}

    /// A dataset of these quads (duplicates dropped).
    public init(_ quads: some Sequence<Quad>) {
        for quad in quads { insert(quad) }
    }

    /// Adds a quad unless the dataset already holds it.
    public mutating func insert(_ quad: Quad) {
        if seen.insert(quad).inserted { quads.append(quad) }
    }

    /// The number of quads.
    public var count: Int { quads.count }

    /// The dataset as N-Quads, in insertion order.
    public var nquads: String { NQuads.serialize(quads) }

    /// Datasets are equal when they hold the same quads, in any order.
    public static func == (lhs: RDFDataset, rhs: RDFDataset) -> Bool { lhs.seen == rhs.seen }
    /// Hashes the set of quads.
    public func hash(into hasher: inout Hasher) { hasher.combine(seen) }
}
