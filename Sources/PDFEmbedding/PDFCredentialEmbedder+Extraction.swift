/// Reading embedded files and the credential back out of a PDF.
extension PDFCredentialEmbedder {
    /// The exact bytes of the one embedded `application/vc` file.
    ///
    /// Refuses with `damaged_pdf` (not a PDF, truncated, broken), `no_credential` (no `application/vc` file,
    /// even if other attachments exist) and `several_credentials` (more than one, which would be ambiguous);
    /// and, before doing more work than `limits` allow, with `too_large`, `too_many_files` and `unsupported_filter`.
    ///
    /// This is a blocking call (qpdf and zlib): run it off the shared concurrency pool.
    public static func extractCredential(
        from pdf: [UInt8], limits: PDFExtractionLimits = .standard
    ) throws(PDFEmbeddingError) -> [UInt8] {
        let document = try openUntrusted(pdf, limits: limits)
        let all = try attachments(of: document, limits: limits)
        let credentials = all.filter { $0.mediaType == EmbeddedCredential.mediaType }
        let warnings = document.takeWarnings()
        guard warnings.isEmpty else {
            throw PDFEmbeddingError(.damagedPDF, "qpdf found damage: \(warnings.joined(separator: "; "))")
        }
        switch credentials.count {
        case 1:
            return credentials[0].bytes
        case 0:
            let others = all.map { "\($0.fileName) (\($0.mediaType ?? "no MIME type"))" }.joined(separator: ", ")
            throw PDFEmbeddingError(
                .noCredential,
                all.isEmpty
                    ? "the PDF has no embedded files"
                    : "the PDF has \(all.count) embedded file(s), none of type \(EmbeddedCredential.mediaType): \(others)")
        default:
            throw PDFEmbeddingError(
                .severalCredentials,
                "the PDF has \(credentials.count) embedded \(EmbeddedCredential.mediaType) files "
                    + "(\(credentials.map(\.fileName).joined(separator: ", "))); a certificate carries exactly one")
        }
    }

    /// Every embedded file of the PDF, from the `/EmbeddedFiles` name tree and the catalog's `/AF` array,
    /// within `limits` (see ``extractCredential(from:limits:)``).
    public static func attachments(
        in pdf: [UInt8], limits: PDFExtractionLimits = .standard
    ) throws(PDFEmbeddingError) -> [PDFAttachment] {
        try attachments(of: openUntrusted(pdf, limits: limits), limits: limits)
    }

    /// Opens a PDF of unknown origin: size-checked first, and without the structures qpdf would inflate unbounded.
    private static func openUntrusted(_ pdf: [UInt8], limits: PDFExtractionLimits) throws(PDFEmbeddingError) -> QPDFDocument {
        guard pdf.count <= limits.maximumInputBytes else {
            throw PDFEmbeddingError(.tooLarge, "the PDF is \(pdf.count) bytes; at most \(limits.maximumInputBytes) are read")
        }
        do {
            return try QPDFDocument(bytes: pdf, untrusted: true)
        } catch {
            let streamsUsed = ["/XRef", "/ObjStm"].contains { token in
                pdf.firstRange(of: Array(token.utf8)) != nil
            }
            guard error.code == .damagedPDF, streamsUsed else { throw error }
            throw PDFEmbeddingError(
                .unsupportedPDF,
                "the PDF keeps its objects in compressed object streams (PDF 1.5 cross-reference streams), which are not "
                    + "read from PDFs of unknown origin because qpdf would inflate them without limit; save it without "
                    + "object streams (qpdf --object-streams=disable) and try again (\(error.reason))")
        }
    }

    /// Collects file specifications from both places a file can be referenced, each embedded stream once.
    static func attachments(
        of document: QPDFDocument, limits: PDFExtractionLimits = .standard
    ) throws(PDFEmbeddingError) -> [PDFAttachment] {
        var specifications: [(key: String?, handle: QPDFDocument.Handle)] = []
        if let names = document.value(document.root, "/Names"),
            let tree = document.value(names, "/EmbeddedFiles")
        {
            var walk = NameTreeWalk(limits: limits)
            try walk.collect(document, tree, depth: 0)
            specifications = walk.specifications
        }
        if let associated = document.value(document.root, "/AF") {
            let count = document.arrayCount(associated)
            guard count <= limits.maximumEmbeddedFiles else {
                throw PDFEmbeddingError(
                    .tooManyFiles, "the PDF's /AF array lists \(count) files; at most \(limits.maximumEmbeddedFiles) are read")
            }
            specifications += document.arrayItems(associated).map { (nil, $0) }
        }
        try document.check(.damagedPDF, "reading the embedded files")
        var seenStreams = Set<Int>()
        var result: [PDFAttachment] = []
        var decodedBytes = 0
        for (key, specification) in specifications where document.isDictionary(specification) {
            guard let files = document.value(specification, "/EF"),
                let stream = document.value(files, "/UF") ?? document.value(files, "/F"),
                document.isStream(stream)
            else { continue }
            if let id = document.objectID(stream) {
                guard seenStreams.insert(id).inserted else { continue }
            }
            guard result.count < limits.maximumEmbeddedFiles else {
                throw PDFEmbeddingError(.tooManyFiles, "the PDF embeds more than \(limits.maximumEmbeddedFiles) files, the most read")
            }
            let budget = min(limits.maximumFileBytes, limits.maximumTotalBytes - decodedBytes)
            let bytes: [UInt8]
            do {
                bytes = try document.boundedStreamData(stream, limit: budget, maximumFilters: limits.maximumFilters)
            } catch let failure where failure.code == .tooLarge && budget < limits.maximumFileBytes {
                throw PDFEmbeddingError(
                    .tooLarge, "the PDF's embedded files decode to more than \(limits.maximumTotalBytes) bytes together, the most read")
            }
            decodedBytes += bytes.count
            if let params = document.value(stream, "/Params"), let size = document.value(params, "/Size").flatMap(document.integer),
                size != bytes.count
            {
                throw PDFEmbeddingError(
                    .damagedPDF, "an embedded file is \(bytes.count) bytes but its /Params /Size says \(size)")
            }
            let fileName =
                document.value(specification, "/UF").flatMap(document.text)
                ?? document.value(specification, "/F").flatMap(document.text) ?? key ?? "unnamed"
            result.append(
                PDFAttachment(
                    fileName: fileName, mediaType: document.value(stream, "/Subtype").flatMap(document.name),
                    relationship: document.value(specification, "/AFRelationship").flatMap(document.name),
                    bytes: bytes))
        }
        return result
    }
}

/// Walks an `/EmbeddedFiles` name tree's `/Names` pairs and `/Kids`, within the limits: depth (against
/// reference loops), nodes visited and entries listed, each counted before the arrays are read.
private struct NameTreeWalk {
    let limits: PDFExtractionLimits
    var specifications: [(key: String?, handle: QPDFDocument.Handle)] = []
    var nodes = 0

    init(limits: PDFExtractionLimits) {
        self.limits = limits
    }

    mutating func collect(_ document: QPDFDocument, _ node: QPDFDocument.Handle, depth: Int) throws(PDFEmbeddingError) {
        guard depth < 32, document.isDictionary(node) else { return }
        nodes += 1
        guard nodes <= limits.maximumNameTreeNodes else {
            throw PDFEmbeddingError(
                .tooManyFiles, "the PDF's embedded files name tree has more than \(limits.maximumNameTreeNodes) nodes, the most read")
        }
        if let names = document.value(node, "/Names") {
            let entries = specifications.count + document.arrayCount(names) / 2
            guard entries <= limits.maximumEmbeddedFiles else {
                throw PDFEmbeddingError(
                    .tooManyFiles,
                    "the PDF's embedded files name tree lists \(entries) or more files; at most \(limits.maximumEmbeddedFiles) are read")
            }
            let items = document.arrayItems(names)
            for index in stride(from: 0, to: items.count - 1, by: 2) {
                specifications.append((document.text(items[index]), items[index + 1]))
            }
        }
        if let kids = document.value(node, "/Kids") {
            guard nodes + document.arrayCount(kids) <= limits.maximumNameTreeNodes else {
                throw PDFEmbeddingError(
                    .tooManyFiles, "the PDF's embedded files name tree has more than \(limits.maximumNameTreeNodes) nodes, the most read")
            }
            for kid in document.arrayItems(kids) {
                try collect(document, kid, depth: depth + 1)
            }
        }
    }
}
