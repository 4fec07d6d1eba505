internal import CCairo
import Synchronization

/// The parts of a certificate that are the same for every learner of a program — background, frame, logo,
/// organisation, heading, ornament and signature block — recorded once as a Cairo recording surface and
/// replayed into each PDF page, so their text layout and image decoding run once instead of per certificate.
///
/// The key is everything those parts print (template, page size, the whole branding, the organisation,
/// signatory name and title), not a program's id and version: a changed program can never replay a stale
/// layer, and two programs that print the same static parts share one entry. Replayed into a PDF, the layer
/// stays vector: Cairo writes the recording as a form XObject whose text is text in the document's own
/// font subsets.
///
/// The entries hold Cairo objects whose fonts come from `SharedFontMap`, so they are recorded and replayed
/// only while its drawing lock is held; the cache's own lock only guards the list.
final class StaticLayerCache: Sendable {
    /// What a static layer depends on.
    struct Key: Hashable, Sendable {
        var template: CertificateTemplate
        var pageSize: PageSize
        var branding: Branding
        var organisation: String
        var signatoryName: String
        var signatoryTitle: String?

        /// The key of the static layer `content` is drawn on.
        init(content: CertificateContent, template: CertificateTemplate, branding: Branding, pageSize: PageSize) {
            self.template = template
            self.pageSize = pageSize
            self.branding = branding
            organisation = branding.organisationName ?? content.issuerName
            signatoryName = content.signatoryName ?? content.issuerName
            signatoryTitle = content.signatoryTitle
        }
    }

    /// One recorded layer and the positions the learner's fields are laid out against.
    final class Layer: @unchecked Sendable {
        // @unchecked: the surface is only recorded and replayed under SharedFontMap's drawing lock.
        let recording: OpaquePointer
        let headerBottom: Double
        let signatureTop: Double
        let drawnTexts: [DrawnText]
        /// The bytes the layer holds, counted as its decoded images (4 bytes a pixel) plus 64 KiB of drawing commands.
        let cost: Int

        init(recording: OpaquePointer, headerBottom: Double, signatureTop: Double, drawnTexts: [DrawnText], cost: Int) {
            self.recording = recording
            self.headerBottom = headerBottom
            self.signatureTop = signatureTop
            self.drawnTexts = drawnTexts
            self.cost = cost
        }

        deinit { cairo_surface_destroy(recording) }
    }

    /// How many layers are kept: a few programs drawn in turn.
    let capacity: Int
    /// How many bytes the kept layers may hold together; a layer costlier than this is drawn but not kept.
    ///
    /// - Warning: a branding image may decode to 64 MiB (4096 × 4096, `BrandingImageCheck`), so the count
    ///   of entries alone would not bound the memory.
    let maximumCost: Int
    private let entries = Mutex<[(key: Key, layer: Layer)]>([])

    /// The process's cache, used by `CertificateRenderer` unless it was created without one: 8 layers, 64 MiB.
    static let shared = StaticLayerCache(capacity: 8, maximumCost: 64 << 20)

    init(capacity: Int, maximumCost: Int) {
        self.capacity = capacity
        self.maximumCost = maximumCost
    }

    /// The layer for `key`, most recently used first, or nil.
    func layer(for key: Key) -> Layer? {
        entries.withLock { entries in
            guard let index = entries.firstIndex(where: { $0.key == key }) else { return nil }
            let entry = entries.remove(at: index)
            entries.insert(entry, at: 0)
            return entry.layer
        }
    }

    /// Keeps `layer` for `key`, dropping the least recently used entries beyond the capacity or the cost.
    func store(_ layer: Layer, for key: Key) {
        guard layer.cost <= maximumCost else { return }
        entries.withLock { entries in
            entries.removeAll { $0.key == key }
            entries.insert((key, layer), at: 0)
            var total = entries.reduce(0) { $0 + $1.layer.cost }
            while entries.count > capacity || total > maximumCost {
                total -= entries.removeLast().layer.cost
            }
        }
    }

    /// How many layers are held (for the tests of the bound).
    var count: Int { entries.withLock { $0.count } }

    /// The bytes the held layers cost together (for the tests of the bound).
    var cost: Int { entries.withLock { $0.reduce(0) { $0 + $1.layer.cost } } }

    /// Forgets every layer.
    func removeAll() { entries.withLock { $0.removeAll() } }
}
