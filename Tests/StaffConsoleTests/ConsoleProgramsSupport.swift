import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import IssuerCore

@testable import StaffConsole

/// The console of a ``ConsoleFixture`` with a folder for program images, and a browser's
/// `multipart/form-data` posts of the program form.
struct ProgramConsole {
    let fixture: ConsoleFixture
    let images: URL
    let console: ConsoleRoutes<ConsoleTestContext>

    init() async throws {
        fixture = try await ConsoleFixture()
        images = fixture.directory.appendingPathComponent("assets", isDirectory: true)
        var configuration = ConsoleConfiguration(baseURL: fixture.issuer.baseURL)
        configuration.programImagesDirectory = images
        console = try ConsoleRoutes(environment: fixture.environment, issuer: fixture.issuer, configuration: configuration)
    }

    func application() -> some ApplicationProtocol {
        let router = Router(context: ConsoleTestContext.self)
        console.register(on: router)
        return Application(router: router)
    }

    /// The files kept in the images folder (relative names).
    func keptImages() -> [String] {
        let folder = images.appendingPathComponent("console")
        return ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
    }

    static let boundary = "----attest-test-boundary-7MA4YWxkTrZu0gW"

    /// A file part of a form.
    struct File {
        var field: String
        var name: String
        var contentType: String
        var bytes: [UInt8]
    }

    /// `fields` and `files` as a browser sends a `multipart/form-data` form.
    static func multipart(_ fields: [(String, String)], files: [File] = []) -> ByteBuffer {
        var body: [UInt8] = []
        for (name, value) in fields {
            body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8)
        }
        for file in files {
            body += Array(
                "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(file.field)\"; filename=\"\(file.name)\"\r\nContent-Type: \(file.contentType)\r\n\r\n"
                    .utf8)
            body += file.bytes + Array("\r\n".utf8)
        }
        body += Array("--\(boundary)--\r\n".utf8)
        return ByteBuffer(bytes: body)
    }

    static func headers(_ staff: SignedInStaff) -> HTTPFields {
        [.cookie: staff.cookie, .contentType: "multipart/form-data; boundary=\(boundary)"]
    }

    /// The form's fields for a complete program (`id`, every section), `intent` save.
    static func fields(id: String = "first-aid-at-work", name: String = "First Aid at Work", extra: [(String, String)] = []) -> [(
        String, String
    )] {
        var fields: [String: String] = [
            "id": id, "achievement.name": name, "achievement.description": "Emergency first aid in the workplace.",
            "achievement.criteria": "All modules and a score of 80 or more.", "achievement.achievementType": "Certificate",
            "template": "achievement", "branding.pageSize": "letter", "branding.organisation": "Example Safety Ltd",
            "branding.primaryColor": "#12345A", "branding.accentColor": "#B08D57", "branding.signatoryName": "Dr Jo Bloggs",
            "branding.signatoryTitle": "Head of Training", "validity": "P3Y", "statusPurpose": "suspension", "instructor": "Sam Okafor",
            "cohort": "2026-Q4", "customFields": "Location: Leeds\nHours: 18", "supervisorEmails": "lead@example.org\nhr@example.org",
            "rules.requiredModules": "cpr\nbleeding", "rules.minimumScore": "80", "rules.minimumMinutes": "360",
            "rules.prerequisites": "", "rules.review.scoreWithin": "2", "rules.review.exemptModules": "on",
            "email.subject": "{{preferredName}}, your certificate: {{course}}", "email.text": "", "email.html": "",
            "issuanceDelay": "PT48H", "expiryReminders": "60\n14", "renewalURL": "https://learn.example.org/renew",
            "followUps": "P30D issuance survey.requested\nP7D claim welcome.sent",
            "sampleName": "Ana Lima", "intent": "save",
        ]
        for (name, value) in extra { fields[name] = value }
        return fields.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    /// A small real PNG (4 × 2, red).
    static let png: [UInt8] = Array(
        Data(base64Encoded: "iVBORw0KGgoAAAANSUhEUgAAAAQAAAACCAIAAADwyuo0AAAAEElEQVR4nGM4oKAARwzIHABtGggBzICBrwAAAABJRU5ErkJggg==")!)

    /// A plain SVG logo.
    static let svg = Array(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"40\" height=\"20\"><rect width=\"40\" height=\"20\" fill=\"#1F3A5F\"/></svg>"
            .utf8)
}
