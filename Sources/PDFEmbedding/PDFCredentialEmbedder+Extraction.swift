/// Reading embedded files and the credential back out of a PDF.
extension PDFCredentialEmbedder {
    /// The exact bytes of the one embedded `application/vc` file.
    ///
    /// Refuses with `damaged_pdf` (not a PDF, truncated, broken), `no_credential` (no `application/vc` file,
    /// even if other attachments exist) and `several_credentials` (more than one, which would be ambiguous).
    public static func extractCredential(from pdf: [UInt8]) throws(PDFEmbeddingError) -> [UInt8] {
        let document = try QPDFDocument(bytes: pdf)
        let all = try attachments(of: document)
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

    /// Every embedded file of the PDF, from the `/EmbeddedFiles` name tree and the catalog's `/AF` array.
    public static func attachments(in pdf: [UInt8]) throws(PDFEmbeddingError) -> [PDFAttachment] {
        try attachments(of: QPDFDocument(bytes: pdf))
    }

    /// Collects file specifications from both places a file can be referenced, each embedded stream once.
    static func attachments(of document: QPDFDocument) throws(PDFEmbeddingError) -> [PDFAttachment] {
        var specifications: [(key: String?, handle: QPDFDocument.Handle)] = []
        if let names = document.value(document.root, "/Names"),
            let tree = document.value(names, "/EmbeddedFiles")
        {
            collectNameTree(document, tree, depth: 0, into: &specifications)
        }
        if let associated = document.value(document.root, "/AF") {
            specifications += document.arrayItems(associated).map { (nil, $0) }
        }
        try document.check(.damagedPDF, "reading the embedded files")
        var seenStreams = Set<Int>()
        var result: [PDFAttachment] = []
        for (key, specification) in specifications where document.isDictionary(specification) {
            guard let files = document.value(specification, "/EF"),
                let stream = document.value(files, "/UF") ?? document.value(files, "/F"),
                document.isStream(stream)
            else { continue }
            if let id = document.objectID(stream) {
                guard seenStreams.insert(id).inserted else { continue }
            }
            let bytes = try document.decodedStreamData(stream)
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

    /// Walks a name tree's `/Names` pairs and `/Kids`, depth-limited against reference loops in hostile files.
    private static func collectNameTree(
        _ document: QPDFDocument, _ node: QPDFDocument.Handle, depth: Int,
        into specifications: inout [(key: String?, handle: QPDFDocument.Handle)]
    ) {
        guard depth < 32, document.isDictionary(node) else { return }
        if let names = document.value(node, "/Names") {
            let items = document.arrayItems(names)
            for index in stride(from: 0, to: items.count - 1, by: 2) {
                specifications.append((document.text(items[index]), items[index + 1]))
            }
        }
        if let kids = document.value(node, "/Kids") {
            for kid in document.arrayItems(kids) {
                collectNameTree(document, kid, depth: depth + 1, into: &specifications)
            }
        }
    }
}
