import Foundation
import VerifiableCredentials

/// The image formats an Open Badges credential is baked into.
public enum BakedBadgeFormat: String, Sendable, CaseIterable {
    /// A PNG with an `openbadgecredential` iTXt chunk.
    case png
    /// An SVG with an `<openbadges:credential>` element.
    case svg

    /// The media type it is served as.
    public var contentType: String {
        switch self {
        case .png: "image/png"
        case .svg: "image/svg+xml"
        }
    }
}

extension IssuerEnvironment {
    /// The signed credential baked into an image (Open Badges 3.0 §5.3): the program's badge image
    /// when it is a PNG given inline (`data:image/png;base64,…`; a remote image is never fetched),
    /// else the certificate preview drawn by the renderer. `nil` when the credential is not signed
    /// or there is no image to bake into (no preview is drawn in this environment).
    public func bakedBadge(for record: CredentialRecord, format: BakedBadgeFormat) async throws -> [UInt8]? {
        guard let credential = record.credentialJSON.map(Array.init) else { return nil }
        let program = try await store.read { try $0.program(id: record.programID) }
        guard let image = try await badgeImage(program: program, record: record) else { return nil }
        do {
            switch format {
            case .png: return try PNGBadge.bake(credential, into: image)
            case .svg:
                return try SVGBadge.bake(credential, png: image, title: program?.achievement.name ?? "Open Badge \(record.id)")
            }
        } catch {
            throw IssuerError(.invalidState, "credential \(record.id) cannot be baked into a \(format.rawValue): \(error.reason)")
        }
    }

    /// The program's inline PNG badge image, or the certificate preview.
    private func badgeImage(program: Program?, record: CredentialRecord) async throws -> [UInt8]? {
        let prefix = "data:image/png;base64,"
        if let image = program?.achievement.image, image.hasPrefix(prefix),
            let png = Data(base64Encoded: String(image.dropFirst(prefix.count))).map(Array.init), PNGBadge.looksLikePNG(png)
        {
            return png
        }
        return try await certificatePreview(for: record)
    }
}
