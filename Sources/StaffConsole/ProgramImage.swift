import CanonicalJSON
import CertificateRendering
import Ed25519
import Foundation

/// A logo or signature uploaded on the program form, checked by ``BrandingImageCheck`` (size,
/// kind from the bytes, no scripts or outside references in SVG, a real decode by Cairo or
/// librsvg). Only a checked image exists as a value of this type.
struct ProgramImage: Sendable, Hashable {
    let bytes: [UInt8]
    let kind: BrandingImageCheck.Kind

    /// Checks `bytes`; `field` names the image in the refusal ("logo").
    init(checking bytes: [UInt8], field: String) throws(RenderingError) {
        kind = try BrandingImageCheck.check(bytes, field: field).kind
        self.bytes = bytes
    }

    /// The name it is kept under in the images folder, from its content: `console/SHA256.png`.
    /// A saved version keeps pointing at the same bytes, since a name never gets other content.
    var fileName: String { "console/\(Hex.encode(SHA256.hash(bytes))).\(kind.rawValue)" }

    /// The image as a `data:` URL for a thumbnail on the form.
    var dataURL: String { "data:\(kind.mediaType);base64,\(Data(bytes).base64EncodedString())" }

    /// The image kept in a hidden field between previews (base64).
    var formValue: String { Data(bytes).base64EncodedString() }

    /// Whether `name` is one this console could have written (the only image names a form may send back).
    static func isConsoleName(_ name: String) -> Bool {
        let parts = name.split(separator: "/")
        guard parts.count == 2, parts[0] == "console" else { return false }
        let file = parts[1].split(separator: ".")
        return file.count == 2 && file[0].count == 64 && file[0].allSatisfy { $0.isHexDigit && !$0.isUppercase }
            && (file[1] == "png" || file[1] == "svg")
    }
}

/// The folder program images are kept in (the data folder's `assets`), where the renderer reads them.
struct ProgramImageFolder: Sendable {
    let directory: URL

    /// Writes `image` under its ``ProgramImage/fileName`` (once; the same content has the same name),
    /// through a temporary file and a rename, readable only by the issuer's user.
    func keep(_ image: ProgramImage) throws {
        let target = directory.appendingPathComponent(image.fileName)
        if FileManager.default.fileExists(atPath: target.path) { return }
        try FileManager.default.createDirectory(
            at: target.deletingLastPathComponent(), withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let temporary = target.deletingLastPathComponent().appendingPathComponent(".upload-\(UUID().uuidString)")
        try Data(image.bytes).write(to: temporary, options: .withoutOverwriting)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: temporary.path)
        if rename(temporary.path, target.path) != 0 {
            try? FileManager.default.removeItem(at: temporary)
            throw CocoaError(.fileWriteUnknown)
        }
    }

    /// The bytes of an image a program names, as the renderer reads them.
    func read(_ name: String) throws -> [UInt8] {
        guard !name.contains(".."), !name.hasPrefix("/"),
            let data = FileManager.default.contents(atPath: directory.appendingPathComponent(name).path)
        else { throw CocoaError(.fileReadNoSuchFile) }
        return Array(data)
    }
}
