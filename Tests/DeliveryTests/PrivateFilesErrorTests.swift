import Delivery
import Foundation
import Testing

/// A private file that cannot be written fails with the library's one error type, naming what
/// failed, where and why, so `attest` prints one clear line.
@Suite struct PrivateFilesErrorTests {
    @Test func aFileInAMissingFolderIsRefusedWithItsPathAndReason() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("attest-missing-\(UUID().uuidString)")
        let file = folder.appendingPathComponent("message.eml")
        let error = #expect(throws: DeliveryError.self) { try PrivateFiles.writeAtomically([1, 2, 3], to: file) }
        #expect(error?.code == .privateFileFailed)
        #expect(error?.isTransient == false)
        #expect(error?.reason == "cannot create \(file.path): No such file or directory")
        #expect(!FileManager.default.fileExists(atPath: folder.path))
    }
}
