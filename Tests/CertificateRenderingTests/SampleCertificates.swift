import CertificateRendering
import Foundation
import Testing

/// Learner names in every script a certificate must print, and content built around them.
enum SampleCertificates {
    struct Script: Sendable, CustomTestStringConvertible {
        let name: String
        let learnerName: String
        var testDescription: String { name }
    }

    static let scripts: [Script] = [
        Script(name: "Latin with diacritics", learnerName: "Zoë Łukasiewicz-Núñez"),
        Script(name: "Greek", learnerName: "Αλέξανδρος Παπαδόπουλος"),
        Script(name: "Cyrillic", learnerName: "Анна Сергеевна Кузнецова"),
        Script(name: "Arabic", learnerName: "فاطمة الزهراء بن علي"),
        Script(name: "Hebrew", learnerName: "נועה כהן"),
        Script(name: "Devanagari", learnerName: "अनन्या शर्मा"),
        Script(name: "Thai", learnerName: "สมชาย ใจดี"),
        Script(name: "Chinese", learnerName: "王小明"),
        Script(name: "Japanese", learnerName: "山田 花子"),
        Script(name: "Korean", learnerName: "김민준"),
    ]

    /// 23 November 2026, 09:30 UTC.
    static let issuedOn = Date(timeIntervalSince1970: 1_795_426_200)
    static let verificationURL = "https://certs.northwind.example/c/7Q2M9KX4TB"

    static func content(learnerName: String = "Zoë Łukasiewicz-Núñez", template: CertificateTemplate) -> CertificateContent {
        let day: TimeInterval = 86_400
        return CertificateContent(
            learnerName: learnerName,
            achievementName: template == .compliance ? "Site Safety Induction 2026" : "Food Hygiene and Safety, Level 2",
            achievementDescription:
                "Safe handling, storage and preparation of food in a commercial kitchen, following the Food Standards Agency guidance.",
            issuerName: "Northwind Training Academy",
            issuedOn: issuedOn,
            validUntil: template == .completion ? nil : issuedOn + 730 * day,
            result: template == .achievement ? "Distinction · Score 94 %" : nil,
            modules: template == .compliance
                ? [
                    TrainingModuleLine(name: "Working at Height", completedOn: issuedOn - 20 * day, expiresOn: issuedOn + 345 * day),
                    TrainingModuleLine(name: "Manual Handling", completedOn: issuedOn - 12 * day, expiresOn: issuedOn + 718 * day),
                    TrainingModuleLine(
                        name: "Fire Safety and Evacuation", completedOn: issuedOn - 6 * day, expiresOn: issuedOn + 359 * day),
                    TrainingModuleLine(name: "First Aid Awareness", completedOn: issuedOn - 2 * day),
                ] : [],
            group: template == .compliance ? "Leeds Distribution Centre" : nil,
            verificationURL: verificationURL,
            passcode: "K7QM-4TXB",
            credentialID: "urn:uuid:4c0f6c5e-8a7b-4f51-9d0e-2b6a1f3c9e77",
            signatoryName: "Dr. Helen Carter",
            signatoryTitle: "Director of Training")
    }

    static func fixture(_ name: String) throws -> [UInt8] {
        let folder = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!
        return [UInt8](try Data(contentsOf: folder.appendingPathComponent(name)))
    }

    static func branding() throws -> Branding {
        Branding(
            organisationName: "Northwind Training Academy", logoImage: try fixture("logo.png"),
            signatureImage: try fixture("signature.png"))
    }
}
