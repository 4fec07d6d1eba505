import Foundation

extension ProgramValidation {
    /// What a course may not hold: whitespace as JSON Schema's `\\s` means it (Unicode White_Space
    /// and U+FEFF) and control characters.
    static func isCourseSpaceOrControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isWhitespace || scalar == "\u{FEFF}" || scalar.properties.generalCategory == .control
    }

    /// The most courses one program lists.
    public static let maximumCourses = 1000

    /// `courses`: each 1–200 characters without spaces or control characters (`moodle:42`), none
    /// twice, at most ``maximumCourses``. That no other program maps the same course is checked
    /// against the store when the program is saved (``IssuerAdministration/saveProgram(_:)``).
    static func validateCourses(_ program: Program) throws(IssuerError) {
        guard let courses = program.courses else { return }
        guard courses.count <= maximumCourses else {
            throw IssuerError(.invalidProgram, "courses lists \(courses.count) courses; at most \(maximumCourses)")
        }
        var seen: Set<String> = []
        for course in courses {
            guard (1...200).contains(course.unicodeScalars.count),
                !course.unicodeScalars.contains(where: ProgramValidation.isCourseSpaceOrControl)
            else {
                throw IssuerError(
                    .invalidProgram, "course \"\(course.prefix(80))\" must be 1–200 characters without spaces, such as moodle:42")
            }
            guard seen.insert(course).inserted else { throw IssuerError(.invalidProgram, "course \(course) is listed twice") }
        }
    }
}
