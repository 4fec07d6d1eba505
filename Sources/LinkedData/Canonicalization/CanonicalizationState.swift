import CanonicalJSON

/// The mutable state of one RDFC-1.0 run (§4.4 to §4.8).
struct CanonicalizationState {
    private let quads: [Quad]
    private let hashAlgorithm: HashAlgorithm
    private let maxWorkFactor: Int
    private let maxPermutations: Int
    private let maxRecursionDepth: Int
    private var recursionDepth = 0
    /// Blank-node label → indices of the quads that mention it.
    private var blankNodeToQuads: [String: [Int]] = [:]
    private var firstDegreeHashes: [String: String] = [:]
    private var canonicalIssuer = IdentifierIssuer(prefix: "c14n")
    private var maxDeepIterations = Int.max
    private var deepIterations: [String: Int] = [:]
    private var permutationCount = 0

    init(quads: [Quad], hashAlgorithm: HashAlgorithm, maxWorkFactor: Int, maxPermutations: Int, maxRecursionDepth: Int) {
        self.quads = quads
        self.hashAlgorithm = hashAlgorithm
        self.maxWorkFactor = maxWorkFactor
        self.maxPermutations = maxPermutations
        self.maxRecursionDepth = maxRecursionDepth
    }

    mutating func run() throws(LinkedDataError) -> CanonicalDataset {
        try issueIdentifiers()
        return output()
    }

    /// The canonical N-Quads as UTF-8, without the relabelled quads (what a signature hashes).
    mutating func canonicalBytes() throws(LinkedDataError) -> [UInt8] {
        try issueIdentifiers()
        var lines = NQuadsLines(capacity: quads.count)
        for quad in quads {
            lines.append(quad) { canonicalIssuer.identifier(for: $0) ?? $0 }
        }
        return lines.sortedJoined(unique: true)
    }

    /// §4.4 steps 1 to 5: the canonical identifier of every blank node.
    private mutating func issueIdentifiers() throws(LinkedDataError) {
        var blankNodesInOrder: [String] = []
        // Subject, object and graph in that order, without an array per quad.
        func note(_ term: RDFTerm?, _ index: Int) {
            guard let label = term?.blankNodeLabel else { return }
            if blankNodeToQuads[label] == nil { blankNodesInOrder.append(label) }
            if blankNodeToQuads[label]?.last != index { blankNodeToQuads[label, default: []].append(index) }
        }
        for (index, quad) in quads.enumerated() {
            note(quad.subject, index)
            note(quad.object, index)
            note(quad.graph, index)
        }
        var hashToBlankNodes: [String: [String]] = [:]
        for label in blankNodesInOrder {
            let hash = hashFirstDegreeQuads(label)
            firstDegreeHashes[label] = hash
            hashToBlankNodes[hash, default: []].append(label)
        }
        var nonUnique: [(hash: String, labels: [String])] = []
        for hash in hashToBlankNodes.keys.sorted(by: Self.codePointOrder) {
            let labels = hashToBlankNodes[hash]!
            if labels.count == 1 {
                canonicalIssuer.issue(labels[0])
            } else {
                nonUnique.append((hash, labels))
            }
        }
        let nonUniqueCount = nonUnique.reduce(0) { $0 + $1.labels.count }
        maxDeepIterations = Self.power(nonUniqueCount, maxWorkFactor)
        for group in nonUnique {
            var hashPaths: [(hash: String, issuer: IdentifierIssuer)] = []
            for label in group.labels where canonicalIssuer.identifier(for: label) == nil {
                var temporaryIssuer = IdentifierIssuer(prefix: "b")
                temporaryIssuer.issue(label)
                hashPaths.append(try hashNDegreeQuads(label, issuer: temporaryIssuer))
            }
            hashPaths.sort { Self.codePointOrder($0.hash, $1.hash) }
            for path in hashPaths {
                for existing in path.issuer.issuedOrder { canonicalIssuer.issue(existing) }
            }
        }
    }

    private func output() -> CanonicalDataset {
        // Lines as bytes, sorted by byte (code point) order: no String per line.
        var lines: [(line: [UInt8], quad: Quad)] = []
        lines.reserveCapacity(quads.count)
        var totalCount = 0
        for quad in quads {
            var relabelled = quad
            relabelled.subject = relabel(quad.subject)
            relabelled.object = relabel(quad.object)
            relabelled.graph = quad.graph.map(relabel)
            var line: [UInt8] = []
            line.reserveCapacity(160)
            NQuads.appendLine(relabelled, to: &line)
            totalCount += line.count
            lines.append((line, relabelled))
        }
        lines.sort { NQuads.bytesPrecede($0.line, $1.line) }
        var text: [UInt8] = []
        text.reserveCapacity(totalCount)
        var sortedQuads: [Quad] = []
        sortedQuads.reserveCapacity(lines.count)
        var previous: [UInt8]? = nil
        for entry in lines where previous != entry.line {
            text.append(contentsOf: entry.line)
            sortedQuads.append(entry.quad)
            previous = entry.line
        }
        return CanonicalDataset(
            quads: sortedQuads, nquads: String(decoding: text, as: UTF8.self), issuedIdentifiers: canonicalIssuer.issued)
    }

    private func relabel(_ term: RDFTerm) -> RDFTerm {
        guard let label = term.blankNodeLabel else { return term }
        return .blankNode(canonicalIssuer.identifier(for: label) ?? label)
    }

    /// §4.6: the hash of the quads mentioning `label`, with `_:a` for it and `_:z` for any other blank node.
    private func hashFirstDegreeQuads(_ label: String) -> String {
        let mentions = blankNodeToQuads[label] ?? []
        var lines = NQuadsLines(capacity: mentions.count)
        for index in mentions {
            lines.append(quads[index]) { other in other == label ? "a" : "z" }
        }
        return Hex.lowercase(hashAlgorithm.hash(lines.sortedJoined(unique: false)))
    }

    /// §4.7: the hash describing how `related` is connected to a quad at `position` (`s`, `o` or `g`).
    private func hashRelatedBlankNode(_ related: String, quad: Quad, issuer: IdentifierIssuer, position: String) -> String {
        var input = position
        if position != "g", case .iri(let predicate) = quad.predicate { input += "<" + predicate + ">" }
        if let identifier = canonicalIssuer.identifier(for: related) ?? issuer.identifier(for: related) {
            input += "_:" + identifier
        } else {
            input += firstDegreeHashes[related]!
        }
        return hashAlgorithm.hexHash(input)
    }

    /// §4.8: Hash N-Degree Quads, with the deep-iteration and permutation limits.
    private mutating func hashNDegreeQuads(_ label: String, issuer startIssuer: IdentifierIssuer) throws(LinkedDataError) -> (
        hash: String, issuer: IdentifierIssuer
    ) {
        let iterations = deepIterations[label, default: 0]
        if iterations > maxDeepIterations {
            throw LinkedDataError(
                code: .poisonGraph,
                reason:
                    "RDFC-1.0 gave up: Hash N-Degree Quads exceeded \(maxDeepIterations) deep iterations for one blank node (poison graph)")
        }
        deepIterations[label] = iterations + 1
        if recursionDepth >= maxRecursionDepth {
            throw LinkedDataError(
                code: .poisonGraph,
                reason: "RDFC-1.0 gave up: Hash N-Degree Quads recursed deeper than \(maxRecursionDepth) blank nodes (poison graph)")
        }
        recursionDepth += 1
        defer { recursionDepth -= 1 }
        var issuer = startIssuer
        var relatedByHash: [String: [String]] = [:]
        for index in blankNodeToQuads[label] ?? [] {
            let quad = quads[index]
            for (term, position) in [(quad.subject, "s"), (quad.object, "o"), (quad.graph, "g")] {
                guard let related = term?.blankNodeLabel, related != label else { continue }
                let hash = hashRelatedBlankNode(related, quad: quad, issuer: issuer, position: position)
                relatedByHash[hash, default: []].append(related)
            }
        }
        var dataToHash = ""
        for relatedHash in relatedByHash.keys.sorted(by: Self.codePointOrder) {
            dataToHash += relatedHash
            var chosenPath = ""
            var chosenIssuer: IdentifierIssuer? = nil
            var permutations = Permutations(relatedByHash[relatedHash]!)
            permutationLoop: while let permutation = permutations.next() {
                permutationCount += 1
                if permutationCount > maxPermutations {
                    throw LinkedDataError(
                        code: .poisonGraph,
                        reason: "RDFC-1.0 gave up: Hash N-Degree Quads examined more than \(maxPermutations) permutations (poison graph)")
                }
                var issuerCopy = issuer
                var path = ""
                var recursionList: [String] = []
                for related in permutation {
                    if let canonical = canonicalIssuer.identifier(for: related) {
                        path += "_:" + canonical
                    } else {
                        if issuerCopy.identifier(for: related) == nil { recursionList.append(related) }
                        path += "_:" + issuerCopy.issue(related)
                    }
                    if !chosenPath.isEmpty, path.utf8.count >= chosenPath.utf8.count, Self.codePointOrder(chosenPath, path) {
                        continue permutationLoop
                    }
                }
                for related in recursionList {
                    let result = try hashNDegreeQuads(related, issuer: issuerCopy)
                    path += "_:" + issuerCopy.issue(related)
                    path += "<" + result.hash + ">"
                    issuerCopy = result.issuer
                    if !chosenPath.isEmpty, path.utf8.count >= chosenPath.utf8.count, Self.codePointOrder(chosenPath, path) {
                        continue permutationLoop
                    }
                }
                if chosenPath.isEmpty || Self.codePointOrder(path, chosenPath) {
                    chosenPath = path
                    chosenIssuer = issuerCopy
                }
            }
            dataToHash += chosenPath
            if let chosenIssuer { issuer = chosenIssuer }
        }
        return (hashAlgorithm.hexHash(dataToHash), issuer)
    }

    /// Unicode code point order, which for UTF-8 is byte order (RDFC-1.0 sorts this way, not by
    /// Swift's canonical-equivalence `<`).
    static func codePointOrder(_ lhs: String, _ rhs: String) -> Bool {
        lhs.utf8.lexicographicallyPrecedes(rhs.utf8)
    }

    private static func power(_ base: Int, _ exponent: Int) -> Int {
        var result = 1
        for _ in 0..<max(exponent, 0) {
            let (product, overflow) = result.multipliedReportingOverflow(by: base)
            if overflow { return Int.max }
            result = product
        }
        return result
    }
}
