internal import CCairo

/// The page painted in two layers: the static one a `StaticLayerCache` keeps, then the learner's fields.
///
/// Together they draw exactly what `paint()` draws; only the order differs (the signature block comes before
/// the dates and the QR code), and none of those overlap.
extension CertificatePainter {
    /// Paints the background, frame, header and signature block; returns where the learner's fields go.
    func paintStaticLayer() throws(RenderingError) -> (headerBottom: Double, signatureTop: Double) {
        canvas.fillRectangle(Frame(x: 0, y: 0, width: geometry.width, height: geometry.height), color: palette.white)
        drawFrame()
        let headerBottom = try drawHeader()
        let signatureTop = try drawSignature()
        try canvas.checkStatus()
        return (headerBottom, signatureTop)
    }

    /// Paints the dates, QR code, passcode, body and credential id over a static layer painted before;
    /// returns how many modules the body's table shows.
    func paintLearnerLayer(headerBottom: Double, signatureTop: Double) throws(RenderingError) -> Int {
        let datesTop = try drawDates()
        let verificationTop = try drawVerification()
        let footerTop = min(datesTop, signatureTop, verificationTop) - 6
        let shownModules = try drawBody(top: headerBottom, bottom: footerTop)
        try drawCredentialID()
        try canvas.checkStatus()
        return shownModules
    }

    /// Records the static layer on a recording surface of the page's size, in page points.
    func recordStaticLayer(fontMap: UnsafeMutablePointer<PangoFontMap>) throws(RenderingError) -> StaticLayerCache.Layer {
        let recording = cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, nil)!
        let layer: StaticLayerCache.Layer
        do throws(RenderingError) {
            let canvas = Canvas(
                surface: recording, fontMap: fontMap, pageWidth: geometry.width, pageHeight: geometry.height, scale: 1)
            var recorder = self
            recorder.canvas = canvas
            let (headerBottom, signatureTop) = try recorder.paintStaticLayer()
            cairo_surface_flush(recording)
            layer = StaticLayerCache.Layer(
                recording: cairo_surface_reference(recording), headerBottom: headerBottom, signatureTop: signatureTop,
                drawnTexts: canvas.drawnTexts,
                cost: (64 << 10) + [logo, signature].reduce(0) { $0 + ($1.map { 4 * $0.width * $0.height } ?? 0) })
        } catch {
            cairo_surface_destroy(recording)
            throw error
        }
        cairo_surface_destroy(recording)
        return layer
    }

    /// Replays a recorded static layer onto this painter's canvas and notes its texts as drawn.
    func replay(_ layer: StaticLayerCache.Layer) {
        canvas.replay(recording: layer.recording, drawnTexts: layer.drawnTexts)
    }
}
