/// RDF Dataset Canonicalization (RDFC-1.0, W3C Recommendation 2024): relabels blank nodes
/// deterministically so that isomorphic datasets serialize to the same N-Quads.
///
/// - Warning: Some datasets ("poison graphs") make the Hash N-Degree Quads step take
///   factorial time. The work is bounded by `maxWorkFactor` and `maxPermutations`; a dataset
///   that exceeds either is refused with ``LinkedDataError/Code/poisonGraph`` instead of
///   consuming the CPU. Credentials never come close to the defaults.
public struct RDFCanonicalizer: Sendable {
    /// The hash function (SHA-256 unless a suite requires another).
    public let hashAlgorithm: HashAlgorithm
    /// Each blank node may enter Hash N-Degree Quads at most `n ^ maxWorkFactor + 1` times, where
    /// `n` is the number of blank nodes whose first-degree hash is shared (the limit rdf-canonize uses).
    public let maxWorkFactor: Int
    /// An overall cap on the permutations examined by Hash N-Degree Quads.
    public let maxPermutations: Int
    /// How deep Hash N-Degree Quads may recurse (it follows chains of indistinguishable blank
    /// nodes); bounds the stack. The W3C suite needs 7.
    public let maxRecursionDepth: Int

    /// A canonicalizer. The default limits let the W3C suite's computable "evil" graphs
    /// (test044–046, about 3,000 permutations each) through with a tenfold margin, and refuse the
    /// poison clique (test074) after a bounded amount of work. Credentials need far less.
    public init(hashAlgorithm: HashAlgorithm = .sha256, maxWorkFactor: Int = 2, maxPermutations: Int = 25_000, maxRecursionDepth: Int = 128)
    {
        self.hashAlgorithm = hashAlgorithm
        self.maxWorkFactor = maxWorkFactor
        self.maxPermutations = maxPermutations
        self.maxRecursionDepth = maxRecursionDepth
    }

    /// Canonicalizes a dataset.
    public func canonicalize(_ dataset: RDFDataset) throws(LinkedDataError) -> CanonicalDataset {
        var state = CanonicalizationState(
            quads: dataset.quads, hashAlgorithm: hashAlgorithm, maxWorkFactor: maxWorkFactor,
            maxPermutations: maxPermutations, maxRecursionDepth: maxRecursionDepth)
        return try state.run()
    }

    /// The canonical N-Quads of these quads (distinct quads, as a dataset holds them) as UTF-8.
    func canonicalBytes(_ quads: [Quad]) throws(LinkedDataError) -> [UInt8] {
        var state = CanonicalizationState(
            quads: quads, hashAlgorithm: hashAlgorithm, maxWorkFactor: maxWorkFactor,
            maxPermutations: maxPermutations, maxRecursionDepth: maxRecursionDepth)
        return try state.canonicalBytes()
    }

    /// Parses N-Quads text and canonicalizes it.
    public func canonicalize(nquads: String) throws(LinkedDataError) -> CanonicalDataset {
        try canonicalize(NQuads.parse(nquads))
    }
}
