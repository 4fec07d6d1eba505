/// The bottom row: dates on the left, the signature in the middle, the QR code and passcode on the right.
extension CertificatePainter {
    /// Draws the footer and returns the y of its top edge, where the body must end.
    func drawFooter() throws(RenderingError) -> Double {
        let datesTop = try drawDates()
        let signatureTop = try drawSignature()
        let verificationTop = try drawVerification()
        return min(datesTop, signatureTop, verificationTop) - 6
    }

    private var labelStyle: TextStyle {
        TextStyle(
            family: branding.bodyFontFamily, size: 7.5, color: palette.muted, weight: .semibold, letterSpacing: 1.2,
            alignment: .left)
    }

    private var valueStyle: TextStyle {
        TextStyle(family: branding.bodyFontFamily, size: 11.5, minimumSize: 9, color: palette.ink, alignment: .left, overflow: .ellipsize)
    }

    /// Date of issue, expiry and group, bottom-aligned in the left column.
    func drawDates() throws(RenderingError) -> Double {
        var rows: [(label: String, value: String, field: String)] = [
            ("DATE OF ISSUE", CertificateDate.format(content.issuedOn), "issue date")
        ]
        if let validUntil = content.validUntil {
            rows.append(("VALID UNTIL", CertificateDate.format(validUntil), "expiry date"))
        }
        if let group = content.group, !group.isEmpty {
            rows.append(("GROUP", group, "group"))
        }
        let area = geometry.content
        let width: Double = 190
        let rowHeight: Double = 30
        let top = area.maxY - Double(rows.count) * rowHeight + 4
        for (index, row) in rows.enumerated() {
            let y = top + Double(index) * rowHeight
            let labelHeight = try canvas.text(
                row.label, style: labelStyle, x: area.x, y: y, width: width, field: "\(row.field) label")
            try canvas.text(
                row.value, style: valueStyle, x: area.x, y: y + labelHeight, width: width, maximumHeight: 18,
                field: row.field)
        }
        return top
    }

    /// The signature image over a line, with the signatory's name and title under it.
    func drawSignature() throws(RenderingError) -> Double {
        let centerX = geometry.width / 2
        let lineY = geometry.signatureLineY
        let halfLine: Double = 105
        var top = lineY - 6
        if let signature {
            let frame = Frame(x: centerX - 90, y: lineY - 46, width: 180, height: 42)
            canvas.image(signature, fitting: frame, alignment: .center)
            top = frame.y
        }
        canvas.line(from: (centerX - halfLine, lineY), to: (centerX + halfLine, lineY), color: palette.ink, lineWidth: 0.6)
        let width = 2 * halfLine + 20
        var y = lineY + 4
        let name = content.signatoryName ?? content.issuerName
        y += try canvas.text(
            name,
            style: TextStyle(
                family: branding.bodyFontFamily, size: 10.5, minimumSize: 8, color: palette.ink, weight: .semibold,
                overflow: .ellipsize),
            x: centerX - width / 2, y: y, width: width, field: "signatory name")
        if let title = content.signatoryTitle, !title.isEmpty {
            try canvas.text(
                title,
                style: TextStyle(
                    family: branding.bodyFontFamily, size: 8.5, minimumSize: 7, color: palette.muted, overflow: .ellipsize),
                x: centerX - width / 2, y: y, width: width, field: "signatory title")
        }
        return top
    }

    /// The QR code with the URL and the passcode printed under it in a monospaced font.
    func drawVerification() throws(RenderingError) -> Double {
        let column = geometry.verificationColumn
        drawQRCode(in: geometry.qrFrame)
        var y = geometry.qrFrame.maxY + 1
        y += try canvas.text(
            content.verificationURL,
            style: TextStyle(
                family: "DejaVu Sans Mono", size: 7, minimumSize: 5.5, color: palette.ink, maximumLines: 2,
                overflow: .ellipsize),
            x: column.x, y: y, width: column.width, field: "verification URL")
        try canvas.text(
            "Passcode \(content.passcode)",
            style: TextStyle(family: "DejaVu Sans Mono", size: 9, minimumSize: 7, color: palette.ink, weight: .bold),
            x: column.x, y: y + 1, width: column.width, field: "passcode")
        return column.y
    }

    /// Draws the QR code as vector squares; the frame includes the four-module quiet zone, which stays white.
    private func drawQRCode(in frame: Frame) {
        let modulesAcross = Double(qrCode.size + 2 * QRCode.quietZoneModules)
        let moduleSide = frame.width / modulesAcross
        let origin = (
            x: frame.x + Double(QRCode.quietZoneModules) * moduleSide,
            y: frame.y + Double(QRCode.quietZoneModules) * moduleSide
        )
        canvas.fillRectangle(frame, color: palette.white)
        // Runs of dark modules in a row become one rectangle: fewer path segments, no hairline seams between modules.
        for row in 0..<qrCode.size {
            var column = 0
            while column < qrCode.size {
                guard qrCode.isDark(x: column, y: row) else {
                    column += 1
                    continue
                }
                var end = column
                while end < qrCode.size, qrCode.isDark(x: end, y: row) { end += 1 }
                canvas.addRectangle(
                    Frame(
                        x: origin.x + Double(column) * moduleSide, y: origin.y + Double(row) * moduleSide,
                        width: Double(end - column) * moduleSide, height: moduleSide))
                column = end
            }
        }
        canvas.fillPath(color: RGBColor(red: 0, green: 0, blue: 0))
    }
}
