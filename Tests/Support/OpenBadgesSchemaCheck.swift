import Foundation

/// Checks credentials against 1EdTech's Open Badges 3.0 AchievementCredential JSON Schema with an
/// independent validator (Python `jsonschema`, draft 2019-09: `Tests/Reference/validate_ob_schema.py`
/// and the schema copied beside it). Shared by the test targets that issue credentials.
public enum OpenBadgesSchemaCheck {
    static let reference = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Reference")

    /// One line per credential that breaks the schema ("invalid NAME: message at path"); empty when
    /// every credential is valid. `credentials` maps a name (for the messages) to the JSON bytes.
    /// - Throws: when there is nothing to check, or the validator cannot run.
    public static func problems(in credentials: [String: [UInt8]]) throws -> [String] {
        guard !credentials.isEmpty else { throw Unusable(reason: "no credentials to check") }
        let folder = try TemporaryDirectory()
        var paths: [String] = []
        for (index, name) in credentials.keys.sorted().enumerated() {
            // The file name carries the caller's name, so each message says which credential it is.
            let safe = String(name.map { $0.isLetter || $0.isNumber || $0 == "-" ? $0 : "_" }.prefix(60))
            paths.append(try folder.write(credentials[name]!, to: "\(index)-\(safe).json"))
        }
        let result = try ExternalTool.run(
            [
                "python3", reference.appendingPathComponent("validate_ob_schema.py").path,
                reference.appendingPathComponent("achievementcredential.schema.json").path,
            ] + paths)
        let lines = result.standardOutput.split(separator: "\n").map(String.init)
        guard result.status == 0 || result.status == 1,
            lines.filter({ $0.hasPrefix("ok ") }).count + Set(lines.compactMap(invalidPath)).count == paths.count
        else {
            throw Unusable(reason: "the schema validator failed (\(result.status)): \(result.standardError)\(result.standardOutput)")
        }
        return lines.filter { $0.hasPrefix("invalid ") }.map { $0.replacingOccurrences(of: folder.url.path + "/", with: "") }
    }

    private static func invalidPath(_ line: String) -> String? {
        guard line.hasPrefix("invalid "), let colon = line.range(of: ".json: ") else { return nil }
        return String(line[line.index(line.startIndex, offsetBy: 8)..<colon.lowerBound])
    }

    /// The validator could not judge the credentials.
    public struct Unusable: Error, CustomStringConvertible {
        /// Why.
        public let reason: String
        /// The reason.
        public var description: String { reason }
    }
}
