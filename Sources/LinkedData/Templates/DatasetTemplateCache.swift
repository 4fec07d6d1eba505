import CanonicalJSON
import Foundation

/// The dataset templates (``DatasetTemplate``) learnt by the processors over the bundled
/// contexts, per shape of document.
///
/// A shape is learnt the second time it is seen, so that documents of ever new shapes (hostile
/// ones, say) cost one full conversion each and no learning. Both the templates and the shapes
/// seen once are bounded; when the templates are full, new shapes are converted in full.
final class DatasetTemplateCache: @unchecked Sendable {
    private enum Entry {
        case template(DatasetTemplate)
        case unusable
    }

    private let lock = NSLock()
    private var entries: [[UInt8]: Entry] = [:]
    private var seenOnce: Set<[UInt8]> = []
    private let capacity: Int
    private let seenCapacity: Int

    /// Per set of options: a template is valid only for the options it was learnt with.
    private static let shared = LockedDictionary<String, DatasetTemplateCache>()

    init(capacity: Int = 128, seenCapacity: Int = 4_096) {
        self.capacity = capacity
        self.seenCapacity = seenCapacity
    }

    /// The cache for processors over the bundled contexts with these options.
    static func bundled(for options: JSONLDOptions) -> DatasetTemplateCache {
        let key = [
            options.processingMode, options.rdfDirection?.rawValue ?? "-", options.produceGeneralizedRdf ? "g" : "-",
            options.safeMode ? "safe" : "-", String(options.maximumNestingDepth), String(options.maximumWork),
            String(options.maximumRemoteContextDepth),
        ].joined(separator: "|")
        if let cache = shared[key] { return cache }
        return shared.insert(DatasetTemplateCache(), for: key) ?? DatasetTemplateCache()
    }

    /// The dataset of `document`: filled from its shape's template when there is one that
    /// applies, else converted in full by `convert` (and its shape learnt the second time).
    func dataset(for document: JSONValue, convert: (JSONValue) throws(LinkedDataError) -> RDFDataset) throws(LinkedDataError) -> RDFDataset
    {
        let shape = DocumentShape(document)
        if shape.excludesTemplates { return try convert(document) }
        switch lookup(shape.key) {
        case .template(let template)?:
            if let dataset = template.fill(shape.freeStrings, isTerm: BundledTermNames.containsIRILike) { return dataset }
            return try convert(document)
        case .unusable?:
            return try convert(document)
        case nil:
            let dataset = try convert(document)
            if markSeen(shape.key) {
                let template = DatasetTemplate.learn(
                    from: document, shape: shape, dataset: dataset, isTerm: BundledTermNames.containsIRILike, convert: convert)
                store(template.map(Entry.template) ?? .unusable, for: shape.key)
            }
            return dataset
        }
    }

    /// The quads of `document`'s dataset, in some order: like ``dataset(for:convert:)`` without
    /// building the set when the template cannot produce duplicates.
    func quads(for document: JSONValue, convert: (JSONValue) throws(LinkedDataError) -> RDFDataset) throws(LinkedDataError) -> [Quad] {
        let shape = DocumentShape(document)
        if !shape.excludesTemplates, case .template(let template)? = lookup(shape.key),
            let quads = template.fillQuads(shape.freeStrings, isTerm: BundledTermNames.containsIRILike)
        {
            return quads
        }
        return try dataset(for: document, convert: convert).quads
    }

    /// How many shapes have a template (for tests).
    var templateCount: Int {
        lock.lock()
        defer { lock.unlock() }
        return entries.values.filter { if case .template = $0 { true } else { false } }.count
    }

    private func lookup(_ key: [UInt8]) -> Entry? {
        lock.lock()
        defer { lock.unlock() }
        return entries[key]
    }

    /// Records a sighting; true when the shape was seen before (time to learn it).
    private func markSeen(_ key: [UInt8]) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        guard entries.count < capacity else { return false }
        if seenOnce.remove(key) != nil { return true }
        if seenOnce.count >= seenCapacity { seenOnce.removeAll(keepingCapacity: true) }
        seenOnce.insert(key)
        return false
    }

    private func store(_ entry: Entry, for key: [UInt8]) {
        lock.lock()
        defer { lock.unlock() }
        if entries.count < capacity { entries[key] = entry }
    }
}

/// Every member name containing a colon in the bundled contexts: a string that is one of them may
/// expand as a term rather than as the IRI it looks like, so it never fills an IRI hole.
enum BundledTermNames {
    static let iriLike: Set<String> = {
        var names = Set<String>()
        func collect(_ value: JSONValue) {
            switch value {
            case .object(let object):
                for (key, member) in object {
                    if key.contains(":") { names.insert(key) }
                    collect(member)
                }
            case .array(let items): items.forEach(collect)
            default: break
            }
        }
        for url in BundledContexts.shared.urls {
            if let document = try? BundledContexts.shared.loadDocument(url) { collect(document.document) }
        }
        return names
    }()

    static func containsIRILike(_ text: String) -> Bool { iriLike.contains(text) }
}
