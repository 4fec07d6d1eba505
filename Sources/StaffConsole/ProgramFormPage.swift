import Foundation
import IssuerCore

/// The program form page: every field of the definition in sections, the message beside each
/// field that has one (and an error summary linking to them), the preview, and save.
enum ProgramFormPage {
    /// What the preview shows: the certificate PNG and the email, or why not.
    struct Preview: Sendable {
        var png: [UInt8]?
        var pngProblem: String?
        var subject: String?
        var text: String?
        var html: String?
        var emailProblem: String?
    }

    /// The page for a new program (`existing` nil) or a change to `existing`.
    static func page(
        _ form: ProgramForm, existing: Program?, csrf: String, preview: Preview?, imagesEnabled: Bool, unchanged: Bool = false
    ) -> ConsolePage {
        let action = existing.map { "/console/programs/\($0.id)/edit" } ?? "/console/programs/new"
        let title = existing.map { "Change \($0.achievement.name)" } ?? "Add a program"
        var summaryItems: [HTML] = form.generalErrors.map { "<li><a href=\"#program-form\">\($0)</a></li>" }
        let ordered = (["id"] + ProgramFormLayout.fields.map(\.path) + ["sampleName"]).filter { form.errors[$0] != nil }
        summaryItems += ordered.map { path in
            "<li><a href=\"#\(path.replacingOccurrences(of: ".", with: "-"))\">\(form.errors[path]!)</a></li>"
        }
        let summary: HTML =
            summaryItems.isEmpty
            ? .empty
            : """
            <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex="-1">
            <h2 id="error-summary-title">There is a problem</h2><ul>\(summaryItems)</ul></div>
            """
        let unchangedNotice: HTML =
            unchanged ? "<div class=\"notice\" role=\"status\"><p>Nothing was changed, so no new version was saved.</p></div>" : .empty
        let idField: HTML =
            existing == nil
            ? field(
                ProgramFormField(
                    path: "id", label: "Program id",
                    hint:
                        "Used in completion events and on the command line: lower-case letters, digits and -, e.g. working-at-height-2. It cannot be changed later.",
                    kind: .text, maxLength: 64), form: form, imagesEnabled: imagesEnabled)
            : "<input type=\"hidden\" name=\"basedOnVersion\" value=\"\(existing!.version)\">"
        let sections: [HTML] = ProgramFormLayout.sections.map { section in
            let fields: [HTML] = section.fields.map { field($0, form: form, imagesEnabled: imagesEnabled) }
            return "<fieldset><legend>\(section.title)</legend>\(fields)</fieldset>"
        }
        let saveLabel = existing.map { "Save as version \($0.version + 1)" } ?? "Save the program"
        let versionNote: HTML =
            existing.map {
                "<p>Saving makes version \($0.version + 1). Certificates already issued keep version \($0.version) and what it printed.</p>"
            } ?? .empty
        return ConsolePage(
            title: title, section: .programs,
            body: """
                \(summary)\(unchangedNotice)<span class="caption">\(existing == nil ? "New program" : "Program \(existing!.id), version \(existing!.version)")</span>
                <h1>\(title)</h1>
                <form method="post" action="\(action)" enctype="multipart/form-data" id="program-form" novalidate>
                <input type="hidden" name="\(ConsoleForm.csrfFieldName)" value="\(csrf)">
                \(idField)
                \(sections)
                <fieldset><legend>Preview</legend>
                <p>The certificate as the real renderer draws it, and the email as it will be sent, for a made-up learner. Nothing is issued or saved.</p>
                \(field(ProgramFormField(path: "sampleName", label: "Sample learner's name", hint: "Try a long name, or one in Arabic or Chinese.", kind: .text, maxLength: ProgramForm.sampleNameLimit), form: form, imagesEnabled: imagesEnabled, value: form.sampleName))
                <div class="button-group"><button type="submit" name="intent" value="preview" class="button--secondary">Show the preview</button></div>
                \(preview.map { previewSection($0, sampleName: form.sampleName) } ?? .empty)
                </fieldset>
                \(versionNote)
                <div class="button-group"><button type="submit" name="intent" value="save">\(saveLabel)</button>
                <a href="\(existing.map { "/console/programs/\($0.id)" } ?? "/console/programs")">Cancel</a></div>
                </form>
                """,
            status: form.hasErrors ? .badRequest : .ok)
    }

    static func previewSection(_ preview: Preview, sampleName: String) -> HTML {
        let image: HTML
        if let png = preview.png {
            image =
                "<img id=\"preview-image\" class=\"preview-image\" src=\"data:image/png;base64,\(Data(png).base64EncodedString())\" alt=\"The certificate as it will look for \(sampleName)\">"
        } else {
            image = "<p class=\"field-error\" id=\"preview-problem\">\(preview.pngProblem ?? "The certificate could not be drawn.")</p>"
        }
        let email: HTML
        if let subject = preview.subject {
            email = """
                <h3>The email</h3>
                <dl class="summary"><dt>Subject</dt><dd id="preview-subject">\(subject)</dd></dl>
                <pre class="email-preview" id="preview-text">\(preview.text ?? "")</pre>
                <details><summary>The HTML part, as sent</summary><pre class="email-preview">\(preview.html ?? "")</pre></details>
                """
        } else {
            email = "<h3>The email</h3><p class=\"field-error\">\(preview.emailProblem ?? "The email could not be written.")</p>"
        }
        return "<h3>The certificate</h3>\(image)\(email)"
    }

    /// One field: label, hint, the message when it has one, the control (`aria-describedby` names hint and message).
    static func field(_ field: ProgramFormField, form: ProgramForm, imagesEnabled: Bool, value given: String? = nil) -> HTML {
        let id = field.id
        let error = form.errors[field.path]
        let value = given ?? form.values[field.path] ?? ""
        let hint: HTML = field.hint.map { "<p class=\"hint\" id=\"\(id)-hint\">\($0)</p>" } ?? .empty
        let message: HTML =
            error.map { "<p class=\"field-error\" id=\"\(id)-error\"><span class=\"visually-hidden\">Error: </span>\($0)</p>" } ?? .empty
        let describedBy = ([field.hint == nil ? nil : "\(id)-hint", error == nil ? nil : "\(id)-error"].compactMap { $0 }).joined(
            separator: " ")
        let described: HTML = describedBy.isEmpty ? .empty : " aria-describedby=\"\(describedBy)\""
        let invalid: HTML = error == nil ? .empty : " aria-invalid=\"true\""
        let wrapper = "field" + (error == nil ? "" : " field--error")
        switch field.kind {
        case .text, .number:
            let inputMode: HTML = if case .number = field.kind { " inputmode=\"decimal\"" } else { .empty }
            return """
                <div class="\(wrapper)"><label for="\(id)">\(field.label)</label>\(hint)\(message)\
                <input type="text" id="\(id)" name="\(field.path)" value="\(value)"\(inputMode) maxlength="\(field.maxLength)"\(described)\(invalid)></div>
                """
        case .longText, .lines, .pairs, .integerLines, .followUps:
            return """
                <div class="\(wrapper)"><label for="\(id)">\(field.label)</label>\(hint)\(message)\
                <textarea id="\(id)" name="\(field.path)" rows="4"\(described)\(invalid)>\(value)</textarea></div>
                """
        case .checkbox:
            let checked: HTML = value == "on" ? " checked" : .empty
            return """
                <div class="\(wrapper) field--checkbox"><input type="checkbox" id="\(id)" name="\(field.path)"\(checked)\(described)\(invalid)>\
                <label for="\(id)">\(field.label)</label>\(hint)\(message)</div>
                """
        case .choice(let choices):
            let options: [HTML] = choices.map { choice in
                "<option value=\"\(choice.value)\"\(choice.value == value ? HTML(" selected") : .empty)>\(choice.label)</option>"
            }
            return """
                <div class="\(wrapper)"><label for="\(id)">\(field.label)</label>\(hint)\(message)\
                <select id="\(id)" name="\(field.path)"\(described)\(invalid)>\(options)</select></div>
                """
        case .radios(let choices):
            let items: [HTML] = choices.enumerated().map { index, choice in
                let choiceID = index == 0 ? id : "\(id)-\(choice.value)"
                let checked: HTML = choice.value == value ? " checked" : .empty
                let choiceHint: HTML = choice.hint.map { "<p class=\"hint\" id=\"\(choiceID)-hint\">\($0)</p>" } ?? .empty
                let hintRef: HTML = choice.hint == nil ? .empty : " aria-describedby=\"\(choiceID)-hint\""
                return """
                    <div class="field--radio"><input type="radio" id="\(choiceID)" name="\(field.path)" value="\(choice.value)"\(checked)\(hintRef)>\
                    <label for="\(choiceID)">\(choice.label)</label>\(choiceHint)</div>
                    """
            }
            return """
                <div class="\(wrapper)"><fieldset class="radios"\(described)><legend>\(field.label)</legend>\(hint)\(message)\(items)</fieldset></div>
                """
        case .image:
            guard imagesEnabled else {
                return """
                    <div class="field"><p><strong>\(field.label)</strong></p><p class="hint">This console keeps no images (it was started without a data folder for them); add images with <code>attest programs add</code>.</p></div>
                    """
            }
            var current: HTML = .empty
            if let pending = form.pendingImages[field.path] {
                current = """
                    <p id="\(id)-current">Uploaded, not saved yet: <img class="image-thumbnail" src="\(pending.dataURL)" alt="The \(field.label.lowercased()) uploaded"></p>\
                    <input type="hidden" name="\(field.path).pending" value="\(pending.formValue)">
                    """
            } else if !value.isEmpty {
                let remove: HTML = form.values[field.path + ".remove"] == "on" ? " checked" : .empty
                current = """
                    <p id="\(id)-current">An image is set.</p>\
                    <div class="field--checkbox"><input type="checkbox" id="\(id)-remove" name="\(field.path).remove"\(remove)>\
                    <label for="\(id)-remove">Remove it</label></div>
                    """
            }
            return """
                <div class="\(wrapper)"><label for="\(id)">\(field.label)</label>\(hint)\(message)\(current)\
                <input type="file" id="\(id)" name="\(field.path)" accept="image/png,image/svg+xml"\(described)\(invalid)></div>
                """
        }
    }
}
