/// A form field the person must correct: its id and what to do, shown in the error summary at the
/// top of the page (linking to the field) and beside the field itself.
struct FieldProblem: Error, Sendable, Hashable {
    /// The id of the field it is about.
    var field: String
    /// What to do, in words.
    var message: String
}

/// Pages with forms whose problems are shown the console's one way (``FieldProblem``).
protocol ShowsFieldProblems {}

extension ShowsFieldProblems {
    /// The summary above the page's heading, linking to the field; empty without a problem.
    static func errorSummary(_ problem: FieldProblem?) -> HTML {
        guard let problem else { return .empty }
        return """
            <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex="-1">
            <h2 id="error-summary-title">There is a problem</h2><ul><li><a href="#\(problem.field)">\(problem.message)</a></li></ul></div>
            """
    }

    /// The message beside field `name`, when the problem is about it.
    static func fieldError(_ name: String, _ problem: FieldProblem?) -> HTML {
        guard let problem, problem.field == name else { return .empty }
        return "<p class=\"field-error\" id=\"\(name)-error\"><span class=\"visually-hidden\">Error:</span> \(problem.message)</p>"
    }

    /// ` NAME-error` to add to the field's `aria-describedby`, when the problem is about it.
    static func describedBy(_ name: String, _ problem: FieldProblem?) -> HTML {
        HTML(unescaped: problem?.field == name ? " \(name)-error" : "")
    }

    /// The class of field `name`'s wrapper: `field`, or `field field--error` when the problem is about it.
    static func fieldClass(_ name: String, _ problem: FieldProblem?) -> HTML {
        HTML(unescaped: problem?.field == name ? "field field--error" : "field")
    }
}
