import CanonicalJSON
import Foundation
import IssuerCore

/// Reads Moodle's `\core\event\course_completed` (the event data an observer or web service
/// sends: `eventname`, `component`, `action`, `target`, `objectid`, `crud`, `contextinstanceid`,
/// `courseid`, `relateduserid`, `timecreated`, `other`) plus what Moodle's event leaves out: the
/// learner (`user`: `email`, `firstname`, `lastname`, optional `idnumber`) and, optionally, the
/// program (without one, the program whose `courses` list `moodle:COURSEID` decides it).
/// Moodle sends ids as numbers or digit strings; both are taken. Members Moodle adds that are not
/// read here (`contextid`, `userid`, `edulevel`, …) are ignored, so the whole event can be posted.
enum MoodleEventDocument {
    static let eventName = #"\core\event\course_completed"#

    /// The completion event, `programID` taken from the query when the body names none.
    static func event(from body: [UInt8], source: String, program queryProgram: String?) throws -> CompletionEvent {
        let json: JSONValue
        do { json = try JSONValue.parse(bytes: body) } catch { throw invalid("the body is not JSON") }
        guard let object = json.objectValue else { throw invalid("the body must be a JSON object (Moodle's event data)") }
        guard object["eventname"]?.stringValue == eventName else {
            throw Problem(
                .unprocessableContent, .unsupportedEvent, "only \(eventName) is taken here; eventname was \(describe(object["eventname"]))"
            )
        }
        for (member, expected) in [("component", "core"), ("action", "completed"), ("target", "course"), ("crud", "u")] {
            if let value = object[member], value.stringValue != expected {
                throw Problem(.unprocessableContent, .unsupportedEvent, "\(member) must be \(expected) for \(eventName)")
            }
        }
        let courseID = try identifier(object["courseid"], "courseid")
        let userID = try identifier(object["relateduserid"], "relateduserid")
        for member in ["objectid", "contextinstanceid"] { if let value = object[member] { _ = try identifier(value, member) } }
        if let other = object["other"] {
            guard other.objectValue != nil else { throw invalid("other must be an object") }
            if let related = other["relateduserid"], try identifier(related, "other.relateduserid") != userID {
                throw invalid("relateduserid and other.relateduserid name different users")
            }
        }
        let seconds = try identifier(object["timecreated"], "timecreated")
        // Up to 9999-12-31T23:59:59Z: a stored instant has a four-digit year.
        guard let unixTime = Int(seconds), (1...253_402_300_799).contains(unixTime) else {
            throw invalid("timecreated must be a Unix time before the year 10000")
        }

        let user = try object["user"].orThrow(invalid("user is required: {\"email\", \"firstname\", \"lastname\"} of the learner"))
        guard user.objectValue != nil else { throw invalid("user must be an object") }
        // The learner's data is checked by the intake: a bad address or a blank name keeps the event (invalidLearner).
        func string(_ name: String) throws -> String {
            try user[name].flatMap(\.stringValue).orThrow(invalid("user.\(name) must be a string"))
        }
        let email = try string("email")
        let name = [try string("firstname"), try string("lastname")].joined(separator: " ").trimmingCharacters(in: .whitespaces)
        let idNumber = try user["idnumber"].map { try text($0, "user.idnumber") }

        let bodyProgram = try object["program"].map { try text($0, "program") }
        // No program named: the program whose courses list moodle:COURSEID decides it, or it is kept unmapped.
        let programID = bodyProgram ?? queryProgram ?? ""
        let score = try object["score"].map { try $0.numberValue.orThrow(invalid("score must be a number")) }
        if let score, !(0...100).contains(score) { throw invalid("score must be 0–100") }
        let eventID = try object["id"].map { "moodle:log:" + (try identifier($0, "id")) } ?? "moodle:\(courseID):\(userID):\(unixTime)"
        return CompletionEvent(
            source: source, eventID: eventID, programID: programID,
            // Moodle's idnumber is the institution's own id (often the employee number, as in CSV imports).
            learner: LearnerDetails(externalID: idNumber ?? "moodle-user-\(userID)", email: email, legalName: name),
            completedAt: Date(timeIntervalSince1970: TimeInterval(unixTime)), score: score, course: "moodle:\(courseID)")
    }

    static func invalid(_ detail: String) -> Problem { Problem(.unprocessableContent, .invalidEvent, detail) }

    /// A Moodle id: a whole number below 10¹⁵, or a string of 1–15 digits.
    private static func identifier(_ value: JSONValue?, _ name: String) throws -> String {
        guard let value else { throw invalid("\(name) is required") }
        if let number = value.numberValue, number >= 0, number < 1e15, number == number.rounded() { return String(Int(number)) }
        if let string = value.stringValue, (1...15).contains(string.count), string.allSatisfy(\.isASCII), string.allSatisfy(\.isNumber) {
            return String(Int(string)!)
        }
        throw invalid("\(name) must be a Moodle id (a whole number)")
    }

    private static func text(_ value: JSONValue?, _ name: String) throws -> String {
        guard let string = value?.stringValue, !string.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw invalid("\(name) must be a non-empty string")
        }
        return string
    }

    private static func describe(_ value: JSONValue?) -> String {
        value?.stringValue.map { "\"\(String($0.prefix(80)))\"" } ?? "missing"
    }
}
