/// Puts a signed credential into a certificate PDF as an associated file, and takes it out again.
///
/// The layout is specified in `Spec/pdf-embedding.md`: the credential's exact bytes in an embedded file stream
/// (`/Subtype /application#2Fvc`), reachable from the catalog's `/Names /EmbeddedFiles` tree and its `/AF` array,
/// with `/AFRelationship /Data`. Ordinary tools (`pdfdetach`, `qpdf --show-attachment`) can extract it.
public enum PDFCredentialEmbedder {
    /// Returns `pdf` with the credential embedded, an optional link on page 1, and the document metadata set.
    ///
    /// The output is deterministic: the same inputs give the same bytes (dates come from `metadata.date`).
    public static func embed(
        credentialJSON: [UInt8], fileName: String = EmbeddedCredential.fileName, into pdf: [UInt8],
        link: PDFLink? = nil, metadata: PDFMetadata
    ) throws(PDFEmbeddingError) -> [UInt8] {
        guard !credentialJSON.isEmpty else { throw PDFEmbeddingError(.invalidInput, "the credential is empty") }
        guard !fileName.isEmpty, !fileName.contains("/") else {
            throw PDFEmbeddingError(.invalidInput, "the attachment file name \"\(fileName)\" is empty or has a slash")
        }
        let document = try QPDFDocument(bytes: pdf)
        let existing = try attachments(of: document)
        if let credential = existing.first(where: { $0.mediaType == EmbeddedCredential.mediaType }) {
            throw PDFEmbeddingError(
                .credentialAlreadyEmbedded, "the PDF already carries a credential (\(credential.fileName))")
        }
        let date = document.newASCIIString(PDFDate.format(metadata.date))
        let fileStream = document.indirect(
            document.newStream(
                credentialJSON,
                dictionary: [
                    ("/Type", document.newName("EmbeddedFile")),
                    ("/Subtype", document.newName(EmbeddedCredential.mediaType)),
                    (
                        "/Params",
                        document.newDictionary([
                            ("/Size", document.newInteger(credentialJSON.count)), ("/ModDate", date),
                        ])
                    ),
                ]))
        let fileSpecification = document.indirect(
            document.newDictionary([
                ("/Type", document.newName("Filespec")),
                ("/F", document.newText(fileName)),
                ("/UF", document.newText(fileName)),
                ("/Desc", document.newText(EmbeddedCredential.description)),
                ("/AFRelationship", document.newName("Data")),
                ("/EF", document.newDictionary([("/F", fileStream), ("/UF", fileStream)])),
            ]))
        try document.check(.writeFailed, "building the embedded file")
        try addToNameTree(document, fileName: fileName, fileSpecification: fileSpecification)
        try addToAssociatedFiles(document, fileSpecification: fileSpecification)
        if let link { try addLink(document, link) }
        try setInformation(document, metadata)
        try setXMPMetadata(document, metadata)
        return try document.write()
    }

    /// The catalog's `/Names /EmbeddedFiles` tree, created when missing; a flat tree gets the key in sorted order.
    private static func addToNameTree(
        _ document: QPDFDocument, fileName: String, fileSpecification: QPDFDocument.Handle
    ) throws(PDFEmbeddingError) {
        let root = document.root
        let names: QPDFDocument.Handle
        if let existing = document.value(root, "/Names"), document.isDictionary(existing) {
            names = existing
        } else {
            names = document.newDictionary([])
            document.set(root, "/Names", names)
        }
        guard let tree = document.value(names, "/EmbeddedFiles") else {
            document.set(
                names, "/EmbeddedFiles",
                document.newDictionary([
                    ("/Names", document.newArray([document.newText(fileName), fileSpecification]))
                ]))
            try document.check(.writeFailed, "adding the embedded files name tree")
            return
        }
        guard document.value(tree, "/Kids") == nil, let leaf = document.value(tree, "/Names") else {
            throw PDFEmbeddingError(
                .unsupportedPDF, "the PDF's embedded files name tree has kids; only a flat tree can be extended")
        }
        let keys = document.arrayItems(leaf).enumerated().filter { $0.offset % 2 == 0 }.map { $0.element }
        if keys.contains(where: { document.text($0) == fileName }) {
            throw PDFEmbeddingError(.unsupportedPDF, "the PDF already has an attachment named \(fileName)")
        }
        // Name tree keys are sorted by their bytes; insert the pair before the first larger key.
        let position = keys.firstIndex { (document.text($0) ?? "").utf8.lexicographicallyPrecedes(fileName.utf8) == false }
        let index = (position ?? keys.count) * 2
        document.insert(leaf, at: index, document.newText(fileName))
        document.insert(leaf, at: index + 1, fileSpecification)
        try document.check(.writeFailed, "extending the embedded files name tree")
    }

    /// The catalog's `/AF` array (associated files, PDF 2.0 and PDF/A-3), created when missing.
    private static func addToAssociatedFiles(
        _ document: QPDFDocument, fileSpecification: QPDFDocument.Handle
    ) throws(PDFEmbeddingError) {
        if let array = document.value(document.root, "/AF"), document.isArray(array) {
            document.append(array, fileSpecification)
        } else {
            document.set(document.root, "/AF", document.newArray([fileSpecification]))
        }
        try document.check(.writeFailed, "adding the associated file")
    }

    /// A `/Link` annotation with a URI action on page 1, printed invisibly (no border).
    private static func addLink(_ document: QPDFDocument, _ link: PDFLink) throws(PDFEmbeddingError) {
        guard !link.url.isEmpty, link.url.unicodeScalars.allSatisfy({ $0.isASCII && $0.value > 0x20 }) else {
            throw PDFEmbeddingError(.invalidInput, "the link URL must be non-empty ASCII without spaces")
        }
        guard link.width > 0, link.height > 0 else {
            throw PDFEmbeddingError(.invalidInput, "the link area has no size")
        }
        let page = try document.firstPage()
        let annotation = document.indirect(
            document.newDictionary([
                ("/Type", document.newName("Annot")),
                ("/Subtype", document.newName("Link")),
                (
                    "/Rect",
                    document.newArray(
                        [link.left, link.bottom, link.left + link.width, link.bottom + link.height].map(document.newReal))
                ),
                ("/Border", document.newArray([0, 0, 0].map(document.newInteger))),
                ("/F", document.newInteger(4)),
                ("/Contents", document.newText("Verify this certificate: \(link.url)")),
                (
                    "/A",
                    document.newDictionary([
                        ("/Type", document.newName("Action")), ("/S", document.newName("URI")),
                        ("/URI", document.newASCIIString(link.url)),
                    ])
                ),
            ]))
        if let annotations = document.value(page, "/Annots"), document.isArray(annotations) {
            document.append(annotations, annotation)
        } else {
            document.set(page, "/Annots", document.newArray([annotation]))
        }
        try document.check(.writeFailed, "adding the link")
    }
}
