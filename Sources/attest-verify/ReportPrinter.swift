import CanonicalJSON
import Foundation
import VerifiableCredentials

/// Prints reports for people (a few lines that fit a terminal) or for scripts (one JSON object).
enum ReportPrinter {
    static func exitStatus(of verdict: Verdict) -> Int32 {
        switch verdict {
        case .valid: 0
        case .invalid: 1
        case .indeterminate: 3
        }
    }

    static func print(_ report: VerificationReport, input: String, json: Bool) {
        if json {
            Swift.print(report.json.serialized())
            return
        }
        let name = input == "-" ? "standard input" : input
        let headline: String
        switch report.verdict {
        case .valid: headline = "VALID"
        case .invalid: headline = "INVALID: " + (report.decisiveCheck?.message ?? "")
        case .indeterminate: headline = "INDETERMINATE: " + (report.decisiveCheck?.message ?? "")
        }
        Swift.print("\(name): \(headline)")
        let credential = report.credential
        let details: [(String, String?)] = [
            ("credential", credential.id), ("issuer", [credential.issuerName, credential.issuer].compactMap { $0 }.joined(separator: " ")),
            ("subject", credential.subjectName), ("achievement", credential.achievementName),
            ("valid from", credential.validFrom), ("valid until", credential.validUntil),
        ]
        for (label, value) in details {
            if let value, !value.isEmpty { Swift.print("  \(label.padding(toLength: 12, withPad: " ", startingAt: 0)) \(value)") }
        }
        for check in report.checks {
            let mark = switch check.outcome {
            case .pass: "ok  "
            case .fail: "FAIL"
            case .skip: "--  "
            case .indeterminate: "??  "
            }
            Swift.print("  [\(mark)] \(check.check.padding(toLength: 15, withPad: " ", startingAt: 0)) \(check.message)")
        }
    }

    /// One line per file, for folders: verdict, file, and why when not valid.
    static func printLine(_ report: VerificationReport, input: String, json: Bool) {
        if json {
            var object = report.json.objectValue!
            object["file"] = .string(input)
            Swift.print(JSONValue.object(object).serialized())
            return
        }
        let why = report.verdict == .valid ? "" : "  " + (report.decisiveCheck?.message ?? "")
        Swift.print("\(report.verdict.rawValue.uppercased().padding(toLength: 13, withPad: " ", startingAt: 0)) \(input)\(why)")
    }

    /// An unusable input: one JSON object, a line among the others (`oneLine`, for folders and
    /// several files), or a message on standard error for a single file.
    static func printUnusable(_ error: UnusableInput, input: String, json: Bool, oneLine: Bool = false) {
        if oneLine && !json {
            Swift.print("\("UNUSABLE".padding(toLength: 13, withPad: " ", startingAt: 0)) \(input)  \(error.reason)")
        } else if json {
            let object: JSONValue = [
                "verdict": "invalid", "file": .string(input), "checks": [["check": "parse", "outcome": "fail", "message": .string(error.reason)]],
            ]
            Swift.print(object.serialized())
        } else {
            FileHandle.standardError.write(Data("attest-verify: \(input == "-" ? "standard input" : input): \(error.reason)\n".utf8))
        }
    }
}
