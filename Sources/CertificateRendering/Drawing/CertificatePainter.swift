/// Draws one certificate onto a canvas: frame, header, body, footer. The one drawing routine behind PDF and PNG.
struct CertificatePainter {
    var canvas: Canvas
    let content: CertificateContent
    let template: CertificateTemplate
    let branding: Branding
    let palette: Palette
    let geometry: CertificateGeometry
    let logo: RasterImage?
    let signature: RasterImage?
    let qrCode: QRCode
    /// What the module table's last line says of modules that do not fit.
    var moduleOverflow: ModuleTable.Overflow = .listedOnVerificationPage
    /// "Page 1 of 3" on a document of several pages, printed after the credential id.
    var pageLabel: String? = nil

    /// Paints the page; returns how many of the content's modules its table shows (0 without a table).
    @discardableResult
    func paint() throws(RenderingError) -> Int {
        canvas.fillRectangle(Frame(x: 0, y: 0, width: geometry.width, height: geometry.height), color: palette.white)
        drawFrame()
        let headerBottom = try drawHeader()
        let footerTop = try drawFooter()
        let shownModules = try drawBody(top: headerBottom, bottom: footerTop)
        try drawCredentialID()
        try canvas.checkStatus()
        return shownModules
    }

    // MARK: Frame and header

    func drawFrame() {
        let outer = geometry.outerFrameInset
        canvas.strokeRectangle(
            Frame(x: outer, y: outer, width: geometry.width - 2 * outer, height: geometry.height - 2 * outer),
            color: palette.primary, lineWidth: geometry.outerFrameWidth)
        let inner = geometry.innerFrameInset
        let innerFrame = Frame(
            x: inner, y: inner, width: geometry.width - 2 * inner, height: geometry.height - 2 * inner)
        canvas.strokeRectangle(innerFrame, color: palette.accent, lineWidth: 1.2)
        canvas.strokeRectangle(
            Frame(
                x: inner + 4, y: inner + 4, width: innerFrame.width - 8, height: innerFrame.height - 8),
            color: palette.accent, lineWidth: 0.4)
        for (x, y) in [
            (innerFrame.x, innerFrame.y), (innerFrame.maxX, innerFrame.y), (innerFrame.x, innerFrame.maxY),
            (innerFrame.maxX, innerFrame.maxY),
        ] {
            canvas.diamond(centerX: x, centerY: y, radius: 5, color: palette.accent)
        }
    }

    /// Logo, organisation and heading; returns the y just below them.
    func drawHeader() throws(RenderingError) -> Double {
        let area = geometry.content
        var y = area.y
        if let logo {
            canvas.image(logo, fitting: Frame(x: area.x, y: y, width: area.width, height: 44), alignment: .center)
            y += 52
        } else {
            // Without a logo the heading moves down a little so the page does not look top-heavy.
            y += 22
        }
        let organisation = branding.organisationName ?? content.issuerName
        let organisationIsLatin = organisation.unicodeScalars.allSatisfy { $0.value < 0x250 }
        y += try canvas.text(
            organisationIsLatin ? organisation.uppercased() : organisation,
            style: TextStyle(
                family: branding.bodyFontFamily, size: 10.5, minimumSize: 8, color: palette.primary,
                weight: .semibold, letterSpacing: organisationIsLatin ? 2.4 : 0, overflow: .ellipsize),
            x: area.x, y: y, width: area.width, field: "organisation name")
        y += 8
        y += try canvas.text(
            template.heading.uppercased(),
            style: TextStyle(
                family: branding.headingFontFamily, size: 30, minimumSize: 20, color: palette.primary,
                letterSpacing: 3.5),
            x: area.x, y: y, width: area.width, field: "heading")
        y += 6
        drawOrnamentRule(centerY: y + 4, halfWidth: 110)
        return y + 14
    }

    /// A thin accent rule with a diamond in the middle.
    func drawOrnamentRule(centerY: Double, halfWidth: Double) {
        let centerX = geometry.width / 2
        canvas.line(
            from: (centerX - halfWidth, centerY), to: (centerX - 10, centerY), color: palette.accent, lineWidth: 0.8)
        canvas.line(
            from: (centerX + 10, centerY), to: (centerX + halfWidth, centerY), color: palette.accent, lineWidth: 0.8)
        canvas.diamond(centerX: centerX, centerY: centerY, radius: 3.5, color: palette.accent)
    }

    // MARK: Body

    /// One piece of the body, measured before anything is drawn so the body can be centred vertically.
    private enum BodyBlock {
        case text(TextLayout, color: RGBColor, field: String, width: Double)
        case ornament
        case space(Double)
        case modules(ModuleTable)

        var height: Double {
            switch self {
            case .text(let layout, _, _, _): layout.logicalFrame.height
            case .ornament: 14
            case .space(let height): height
            case .modules(let table): table.height
            }
        }
    }

    /// How much the body gives up to fit: each level drops or shortens the least important text first.
    private struct Compaction {
        var descriptionLines: Int
        var nameHeight: Double
        var showsIntroduction = true

        static let levels = [
            Compaction(descriptionLines: 2, nameHeight: 92),
            Compaction(descriptionLines: 1, nameHeight: 92),
            Compaction(descriptionLines: 0, nameHeight: 92),
            Compaction(descriptionLines: 0, nameHeight: 64),
            Compaction(descriptionLines: 0, nameHeight: 92, showsIntroduction: false),
            Compaction(descriptionLines: 0, nameHeight: 64, showsIntroduction: false),
        ]
    }

    /// Lays the body out at the first compaction level that fits between the header and the footer, then
    /// draws it; returns how many modules its table shows.
    func drawBody(top: Double, bottom: Double) throws(RenderingError) -> Int {
        var lastError = RenderingError(.textTooLong, "the certificate text does not fit on the page")
        for compaction in Compaction.levels {
            do throws(RenderingError) {
                let blocks = try bodyBlocks(compaction, available: bottom - top)
                let total = blocks.reduce(0) { $0 + $1.height }
                guard total <= bottom - top + 0.5 else { continue }
                // A little above the middle: the eye reads the optical centre of a page higher than the geometric one.
                drawBlocks(blocks, top: top + max(0, (bottom - top - total) * 0.42))
                return blocks.reduce(0) { shown, block in
                    if case .modules(let table) = block { return shown + table.shownCount }
                    return shown
                }
            } catch  where error.code == .textTooLong {
                lastError = error
            }
        }
        throw lastError
    }

    private func bodyBlocks(_ compaction: Compaction, available: Double) throws(RenderingError) -> [BodyBlock] {
        let area = geometry.content
        let textWidth = area.width - 40
        var blocks: [BodyBlock] = []
        func add(_ text: String, _ style: TextStyle, width: Double = textWidth, maximumHeight: Double = .infinity, field: String)
            throws(RenderingError)
        {
            let layout = try canvas.fit(text, style: style, width: width, maximumHeight: maximumHeight, field: field)
            blocks.append(.text(layout, color: style.color, field: field, width: width))
        }
        let lead = TextStyle(family: branding.headingFontFamily, size: 12.5, color: palette.muted, italic: true)
        if compaction.showsIntroduction {
            try add("This is to certify that", lead, field: "introduction")
            blocks.append(.space(4))
        }
        try add(
            content.learnerName,
            TextStyle(
                family: branding.headingFontFamily, size: 40, minimumSize: 22, color: palette.ink, maximumLines: 3),
            maximumHeight: compaction.nameHeight, field: "learner name")
        blocks.append(.ornament)
        try add(template.achievementLead, lead, field: "achievement introduction")
        blocks.append(.space(4))
        try add(
            content.achievementName,
            TextStyle(
                family: branding.bodyFontFamily, size: 20, minimumSize: 12.5, color: palette.primary,
                weight: .semibold, maximumLines: 2),
            maximumHeight: 50, field: "achievement name")
        if template != .compliance, compaction.descriptionLines > 0, let description = content.achievementDescription,
            !description.isEmpty
        {
            blocks.append(.space(6))
            try add(
                description,
                TextStyle(
                    family: branding.bodyFontFamily, size: 10, minimumSize: 9, color: palette.muted,
                    maximumLines: compaction.descriptionLines, overflow: .ellipsize),
                width: min(textWidth, 520), field: "achievement description")
        }
        if template == .achievement, let result = content.result, !result.isEmpty {
            blocks.append(.space(8))
            try add(
                result,
                TextStyle(
                    family: branding.headingFontFamily, size: 15, minimumSize: 11, color: palette.accent, weight: .bold,
                    overflow: .ellipsize),
                field: "result")
        }
        if template == .compliance {
            blocks.append(.space(10))
            let used = blocks.reduce(0) { $0 + $1.height }
            let table = try ModuleTable(
                modules: content.modules, canvas: canvas, palette: palette, branding: branding,
                width: moduleTableWidth, maximumHeight: available - used, overflow: moduleOverflow)
            blocks.append(.modules(table))
        }
        return blocks
    }

    private func drawBlocks(_ blocks: [BodyBlock], top: Double) {
        var y = top
        for block in blocks {
            switch block {
            case .text(let layout, let color, let field, let width):
                canvas.draw(layout, color: color, x: (geometry.width - width) / 2, y: y, field: field)
            case .ornament:
                drawOrnamentRule(centerY: y + 7, halfWidth: 150)
            case .space:
                break
            case .modules(let table):
                table.draw(x: (geometry.width - table.width) / 2, y: y)
            }
            y += block.height
        }
    }

    /// The module table's width: between the footer's side columns, at most 560 points.
    var moduleTableWidth: Double { min(geometry.content.width - 2 * 150 - 20, 560) }

    /// The credential's id, small, at the bottom (with the page label on a document of several pages).
    func drawCredentialID() throws(RenderingError) {
        let width: Double = 420
        try canvas.text(
            "Credential \(content.credentialID)" + (pageLabel.map { " · \($0)" } ?? ""),
            style: TextStyle(
                family: "DejaVu Sans Mono", size: 6, minimumSize: 5, color: palette.muted, overflow: .ellipsize),
            x: (geometry.width - width) / 2, y: geometry.height - geometry.innerFrameInset - 16, width: width,
            field: "credential ID")
    }
}

extension CertificateTemplate {
    /// The words between the name and the achievement.
    var achievementLead: String {
        switch self {
        case .completion: "has successfully completed"
        case .achievement: "has achieved"
        case .compliance: "has completed the required training for"
        }
    }
}
