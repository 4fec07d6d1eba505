/// Where the fixed parts of a certificate sit on a page, shared by the painter and ``CertificateRenderer/verificationLinkArea(pageSize:)``.
struct CertificateGeometry {
    let width: Double
    let height: Double

    init(pageSize: PageSize) {
        width = pageSize.widthInPoints
        height = pageSize.heightInPoints
    }

    /// The thick outer band of the frame (centre line of its stroke).
    var outerFrameInset: Double { 21 }
    var outerFrameWidth: Double { 6 }
    /// The double hairline inside it.
    var innerFrameInset: Double { 31 }
    /// Everything printed stays inside this inset.
    var contentInset: Double { 54 }

    var content: Frame {
        Frame(x: contentInset, y: contentInset, width: width - 2 * contentInset, height: height - 2 * contentInset)
    }

    /// The side of the QR code including its quiet zone; about 30 mm, which phone cameras read at arm's length.
    var qrSide: Double { 84 }
    /// The column at the bottom right holding the QR code, the URL and the passcode.
    var verificationColumn: Frame {
        let columnWidth: Double = 150
        let columnHeight = qrSide + 34
        return Frame(
            x: content.maxX - columnWidth, y: content.maxY - columnHeight, width: columnWidth,
            height: columnHeight)
    }

    var qrFrame: Frame {
        let column = verificationColumn
        return Frame(x: column.x + (column.width - qrSide) / 2, y: column.y, width: qrSide, height: qrSide)
    }

    /// The baseline area for the signatory line, centred at the bottom.
    var signatureLineY: Double { content.maxY - 36 }
}
