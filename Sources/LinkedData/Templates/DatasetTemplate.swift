import CanonicalJSON

/// The RDF dataset of a document shape (``DocumentShape``) with a hole for each free string: a
/// document of that shape becomes its dataset by filling the holes, without expansion, node map
/// or RDF conversion.
///
/// A template is learnt from one real document by converting it twice: as it is, and with each
/// free string replaced by a unique marker of the same kind. Where a marker comes out whole (a
/// literal's lexical form, or an IRI), the string is a hole; where it comes out changed or inside
/// something else (a language tag, an IRI built from a vocabulary, a type), the string shapes the
/// result and is pinned to its value. The template is kept only if filling it with the document's
/// own strings gives exactly the dataset the full conversion gave.
///
/// Filling refuses (and the caller converts in full) when a pinned string differs, when an IRI
/// hole gets a string that is not a well-formed IRI or that some bundled context defines as a
/// term, or when two IRI holes that name nodes would name the same node.
struct DatasetTemplate: Sendable {
    /// One term of a quad.
    enum TermPattern: Sendable {
        case fixed(RDFTerm)
        /// The free string as an IRI.
        case iri(Int)
        /// The free string as a literal's lexical form.
        case literal(Int, datatype: String, language: String?)
    }

    struct QuadPattern: Sendable {
        var subject: TermPattern
        var predicate: TermPattern
        var object: TermPattern
        var graph: TermPattern?
    }

    let quads: [QuadPattern]
    /// Free strings that must equal these values for the template to apply.
    let pinned: [(index: Int, value: String)]
    /// Free strings that become IRIs.
    let iriHoles: [Int]
    /// IRI holes in subject or graph position: they name nodes, and must name different ones.
    let nodeHoles: [Int]
    /// Whether no two quads can come out equal whatever fills the holes (no set is then needed).
    let collisionFree: Bool

    init(quads: [QuadPattern], pinned: [(index: Int, value: String)], iriHoles: [Int], nodeHoles: [Int]) {
        self.quads = quads
        self.pinned = pinned
        self.iriHoles = iriHoles
        self.nodeHoles = nodeHoles
        collisionFree = Self.collisionFree(quads, nodeHoles: Set(nodeHoles))
    }

    /// The dataset of a document of this shape with these free strings, or `nil` when the
    /// template does not apply to them.
    func fill(_ strings: [String], isTerm: (String) -> Bool) -> RDFDataset? {
        guard applies(to: strings, isTerm: isTerm) else { return nil }
        var dataset = RDFDataset()
        for pattern in quads { dataset.insert(Self.quad(pattern, strings)) }
        return dataset
    }

    /// The quads of ``fill(_:isTerm:)``, without the set when no two can be equal.
    func fillQuads(_ strings: [String], isTerm: (String) -> Bool) -> [Quad]? {
        guard collisionFree else { return fill(strings, isTerm: isTerm)?.quads }
        guard applies(to: strings, isTerm: isTerm) else { return nil }
        return quads.map { Self.quad($0, strings) }
    }

    private func applies(to strings: [String], isTerm: (String) -> Bool) -> Bool {
        for (index, value) in pinned where !strings[index].utf8.elementsEqual(value.utf8) { return false }
        for index in iriHoles {
            let iri = strings[index]
            if !RDFSerializer.isWellFormedIRI(iri) || isTerm(iri) { return false }
        }
        if nodeHoles.count > 1 {
            var seen = Set<ExactString>()
            for index in nodeHoles where !seen.insert(ExactString(strings[index])).inserted { return false }
        }
        return true
    }

    private static func quad(_ pattern: QuadPattern, _ strings: [String]) -> Quad {
        Quad(
            subject: term(pattern.subject, strings), predicate: term(pattern.predicate, strings), object: term(pattern.object, strings),
            graph: pattern.graph.map { term($0, strings) })
    }

    /// True when every two patterns differ in some position whatever fills the holes: two fixed
    /// terms that differ, terms of different kinds, or two node holes (which must name different nodes).
    private static func collisionFree(_ patterns: [QuadPattern], nodeHoles: Set<Int>) -> Bool {
        enum Kind { case iri, blankNode, literal }
        func kind(_ pattern: TermPattern) -> Kind {
            switch pattern {
            case .fixed(.iri), .iri: .iri
            case .fixed(.blankNode): .blankNode
            case .fixed(.literal), .literal: .literal
            }
        }
        func mayMatch(_ left: TermPattern?, _ right: TermPattern?) -> Bool {
            guard let left, let right else { return left == nil && right == nil }
            if case .fixed(let leftTerm) = left, case .fixed(let rightTerm) = right { return leftTerm == rightTerm }
            if case .iri(let leftHole) = left, case .iri(let rightHole) = right, leftHole != rightHole,
                nodeHoles.contains(leftHole), nodeHoles.contains(rightHole)
            {
                return false
            }
            return kind(left) == kind(right)
        }
        for (offset, left) in patterns.enumerated() {
            for right in patterns[(offset + 1)...]
            where mayMatch(left.subject, right.subject) && mayMatch(left.predicate, right.predicate)
                && mayMatch(left.object, right.object) && mayMatch(left.graph, right.graph)
            {
                return false
            }
        }
        return true
    }

    private static func term(_ pattern: TermPattern, _ strings: [String]) -> RDFTerm {
        switch pattern {
        case .fixed(let term): term
        case .iri(let index): .iri(strings[index])
        case .literal(let index, let datatype, let language): .literal(RDFLiteral(strings[index], datatype: datatype, language: language))
        }
    }
}

extension DatasetTemplate {
    /// The most conversions learning one template may cost (a probe, and the bisections that find
    /// strings which must keep their value); past it the shape is not templated.
    static let maximumProbes = 48

    /// The first and last code points of a marker: private-use characters no context uses.
    static let markerStart: Character = "\u{E000}"
    static let markerEnd: Character = "\u{E001}"

    /// Learns the template of `document`'s shape, given its full conversion `dataset`; `nil` when
    /// the shape cannot be templated. `convert` is the full toRDF.
    static func learn(
        from document: JSONValue, shape: DocumentShape, dataset: RDFDataset, isTerm: (String) -> Bool,
        convert: (JSONValue) throws(LinkedDataError) -> RDFDataset
    ) -> DatasetTemplate? {
        let strings = shape.freeStrings
        // A marker must be recognisable: no pinned string may look like one.
        let markerScalar = markerStart.unicodeScalars.first!
        func markers(pinning pinned: Set<Int>) -> [String] {
            strings.indices.map { pinned.contains($0) ? strings[$0] : marker($0, like: strings[$0]) }
        }
        // Learning costs at most `maximumProbes` conversions, however hostile the document.
        var probes = 0
        func probe(pinning pinned: Set<Int>) -> RDFDataset? {
            probes += 1
            guard probes <= maximumProbes else { return nil }
            let replacements = markers(pinning: pinned)
            return try? convert(DocumentShape.replacingFreeStrings(in: document) { index, _ in replacements[index] })
        }
        var pinnedIndexes = Set<Int>()
        for _ in 0..<24 {
            guard probes < maximumProbes else { return nil }
            guard let probed = probe(pinning: pinnedIndexes) else {
                // A marker the document cannot take (a value that must be a term, say): find the
                // first such string by bisection (pinning every string is the document itself).
                let free = strings.indices.filter { !pinnedIndexes.contains($0) }
                guard !free.isEmpty else { return nil }
                var low = 1
                var high = free.count
                while low < high {
                    let middle = (low + high) / 2
                    if probe(pinning: pinnedIndexes.union(free[..<middle])) != nil { high = middle } else { low = middle + 1 }
                }
                pinnedIndexes.insert(free[low - 1])
                continue
            }
            let markers = markers(pinning: pinnedIndexes)
            var newlyPinned = Set<Int>()
            var patterns: [QuadPattern] = []
            var iriHoles = Set<Int>()
            var nodeHoles = Set<Int>()
            func pattern(_ term: RDFTerm, nodePosition: Bool) -> TermPattern {
                switch term {
                case .iri(let iri):
                    if let index = markers.firstIndex(where: { $0.utf8.elementsEqual(iri.utf8) }), !pinnedIndexes.contains(index) {
                        iriHoles.insert(index)
                        if nodePosition { nodeHoles.insert(index) }
                        return .iri(index)
                    }
                    newlyPinned.formUnion(markerIndexes(in: iri))
                case .blankNode(let label):
                    newlyPinned.formUnion(markerIndexes(in: label))
                case .literal(let literal):
                    newlyPinned.formUnion(markerIndexes(in: literal.datatype))
                    if let language = literal.language { newlyPinned.formUnion(markerIndexes(in: language)) }
                    if let index = markers.firstIndex(where: { $0.utf8.elementsEqual(literal.value.utf8) }), !pinnedIndexes.contains(index)
                    {
                        return .literal(index, datatype: literal.datatype, language: literal.language)
                    }
                    newlyPinned.formUnion(markerIndexes(in: literal.value))
                }
                return .fixed(term)
            }
            for quad in probed.quads {
                patterns.append(
                    QuadPattern(
                        subject: pattern(quad.subject, nodePosition: true), predicate: pattern(quad.predicate, nodePosition: false),
                        object: pattern(quad.object, nodePosition: false), graph: quad.graph.map { pattern($0, nodePosition: true) }))
            }
            // A free string that shows nowhere whole is pinned too: its value is not known to be free.
            var used = iriHoles
            for quadPattern in patterns {
                for case .literal(let index, _, _) in [quadPattern.subject, quadPattern.predicate, quadPattern.object] {
                    used.insert(index)
                }
            }
            for index in strings.indices where !used.contains(index) && !pinnedIndexes.contains(index) { newlyPinned.insert(index) }
            newlyPinned.subtract(pinnedIndexes)
            if !newlyPinned.isEmpty {
                pinnedIndexes.formUnion(newlyPinned)
                continue
            }
            if pinnedIndexes.contains(where: { strings[$0].unicodeScalars.contains(markerScalar) }) { return nil }
            let template = DatasetTemplate(
                quads: patterns, pinned: pinnedIndexes.sorted().map { ($0, strings[$0]) }, iriHoles: iriHoles.sorted(),
                nodeHoles: nodeHoles.sorted())
            // Kept only if it reproduces the full conversion of the document it was learnt from.
            guard let refilled = template.fill(strings, isTerm: isTerm), refilled == dataset else { return nil }
            return template
        }
        return nil
    }

    /// A marker of the same kind as `original`: the same scheme (and `//`) for an IRI-like string.
    static func marker(_ index: Int, like original: String) -> String {
        let token = "\(markerStart)\(index)\(markerEnd)"
        guard let scheme = DocumentShape.scheme(of: original) else { return token }
        return scheme.name + (scheme.hierarchical ? "://" : ":") + token
    }

    /// The indexes of the markers inside `text`.
    static func markerIndexes(in text: String) -> [Int] {
        var indexes: [Int] = []
        var rest = text[...]
        while let start = rest.firstIndex(of: markerStart) {
            let afterStart = rest.index(after: start)
            guard let end = rest[afterStart...].firstIndex(of: markerEnd) else { break }
            if let index = Int(rest[afterStart..<end]) { indexes.append(index) }
            rest = rest[rest.index(after: end)...]
        }
        return indexes
    }
}
