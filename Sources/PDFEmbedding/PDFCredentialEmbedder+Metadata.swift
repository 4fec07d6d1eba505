/// Document metadata: the `/Info` dictionary that readers show, and the same facts as XMP for archival tools.
extension PDFCredentialEmbedder {
    /// The trailer's `/Info` dictionary: title, author, subject, keywords, creator and dates.
    static func setInformation(_ document: QPDFDocument, _ metadata: PDFMetadata) throws(PDFEmbeddingError) {
        let information: QPDFDocument.Handle
        if let existing = document.value(document.trailer, "/Info"), document.isDictionary(existing) {
            information = existing
        } else {
            information = document.indirect(document.newDictionary([]))
            document.set(document.trailer, "/Info", information)
        }
        let date = PDFDate.format(metadata.date)
        var entries: [(String, QPDFDocument.Handle)] = [
            ("/Title", document.newText(metadata.title)),
            ("/Author", document.newText(metadata.author)),
            ("/Subject", document.newText(metadata.subject)),
            ("/Creator", document.newText(metadata.creator)),
            ("/CreationDate", document.newASCIIString(date)),
            ("/ModDate", document.newASCIIString(date)),
        ]
        if !metadata.keywords.isEmpty {
            entries.append(("/Keywords", document.newText(metadata.keywords.joined(separator: ", "))))
        }
        for (key, value) in entries { document.set(information, key, value) }
        try document.check(.writeFailed, "setting the document information")
    }

    /// An XMP packet (`/Metadata` on the catalog), uncompressed so archive tools can read it without a PDF parser.
    ///
    /// It repeats the `/Info` values, as PDF/A requires them to agree; it makes no PDF/A conformance claim.
    static func setXMPMetadata(_ document: QPDFDocument, _ metadata: PDFMetadata) throws(PDFEmbeddingError) {
        let date = PDFDate.xmp(metadata.date)
        let packet = XMPPacket.make(metadata, date: date)
        let stream = document.indirect(
            document.newStream(
                Array(packet.utf8),
                dictionary: [("/Type", document.newName("Metadata")), ("/Subtype", document.newName("XML"))]))
        document.set(document.root, "/Metadata", stream)
        try document.check(.writeFailed, "adding the XMP metadata")
    }
}
