import Foundation
import IssuerCore

extension TrainingPages {
    /// How many module rows a form has beyond the configuration's own (save, then edit, to add more).
    static let blankModuleRows = 3
    /// The most module rows a form is read for.
    static let maximumModuleRows = 60

    // MARK: Create and edit

    /// The form that creates (`existing` nil) or changes a configuration.
    static func configurationForm(
        existing: TrainingConfiguration?, session: StaffSession, form: ConsoleForm?, problem: FieldProblem?
    ) -> ConsolePage {
        let modules = existing?.modules ?? []
        let rowCount = min(maximumModuleRows, max(modules.count, formRowCount(form)) + blankModuleRows)
        let rows: [HTML] = (0..<rowCount).map { index in
            let module = index < modules.count ? modules[index] : nil
            let prefix = "module-\(index)"
            let required = form.map { $0["\(prefix)-required"] != nil } ?? (module?.required ?? true)
            return """
                <fieldset class="module-row"><legend>Module \(index + 1)\(module == nil ? " (new)" : "")</legend>
                \(field("\(prefix)-name", "Name", hint: "", form: form, value: module?.name, problem: problem))
                \(field("\(prefix)-id", "Id", hint: "Lower-case letters, digits and -. Leave empty to make one from the name. Completions are recorded under it.", form: form, value: module?.id, problem: problem))
                \(field("\(prefix)-validity", "Valid for", hint: "An ISO 8601 duration: P1Y is a year, P6M six months, P90D 90 days. Leave empty if it never expires.", form: form, value: module?.validity, problem: problem))
                <div class="field field--checkbox"><input type="checkbox" id="\(prefix)-required" name="\(prefix)-required"\(required ? " checked" : "")>\
                <label for="\(prefix)-required">Required of every member of the group</label></div>
                </fieldset>
                """
        }
        let identity: HTML =
            existing == nil
            ? field(
                "id", "Id", hint: "Lower-case letters, digits and -, e.g. site-electricians. It cannot be changed later.", form: form,
                problem: problem)
            : "<dl class=\"summary\"><dt>Id</dt><dd class=\"monospace\">\(existing!.id)</dd></dl>"
        let warning: HTML =
            existing?.issuesCertificates == true
            ? "<p class=\"notice\">Certificates are on for this group. Saving re-checks every member at once: a certificate is suspended when a new required module is missing, and replaced when the required modules change.</p>"
            : .empty
        let action = existing.map { "\(groupPath($0.id))/edit" } ?? "/console/training/new"
        let title = existing.map { "Change \($0.group)" } ?? "Add a training configuration"
        return formPage(
            title: title, caption: "Training", problem: problem,
            body: """
                \(warning)
                <form method="post" action="\(action)">
                \(session.csrfField)
                \(identity)
                \(field("group", "Group name", hint: "The workers it is for, e.g. Site electricians.", form: form, value: existing?.group, problem: problem))
                \(field("reminderLeadTime", "Reminder before expiry", hint: "How long before a module expires its holder is emailed, e.g. P30D. Leave empty for no reminder.", form: form, value: existing?.reminderLeadTime, problem: problem))
                <h2>Modules</h2>
                <p>Rows left empty are ignored. To add more modules than there are rows, save and change the configuration again.</p>
                \(rows)
                <div class="button-group"><button type="submit">Save the configuration</button><a href="\(existing.map { groupPath($0.id) } ?? "/console/training")">Cancel</a></div>
                </form>
                """)
    }

    /// The configuration the form describes (certificate settings kept from `existing`), or the
    /// first problem with it: the domain's own ``TrainingConfiguration/validate()`` decides.
    static func configuration(from form: ConsoleForm, existing: TrainingConfiguration?) -> Result<TrainingConfiguration, FieldProblem> {
        let id = existing?.id ?? (form.trimmed("id") ?? "")
        var modules: [TrainingModule] = []
        var rowOfModule: [String: Int] = [:]
        for index in 0..<min(maximumModuleRows, formRowCount(form)) {
            let prefix = "module-\(index)"
            let name = form.trimmed("\(prefix)-name") ?? ""
            let moduleID = form.trimmed("\(prefix)-id") ?? slug(name)
            let validity = form.trimmed("\(prefix)-validity")
            if name.isEmpty && form.trimmed("\(prefix)-id") == nil && validity == nil { continue }
            rowOfModule[moduleID] = rowOfModule[moduleID] ?? index
            modules.append(
                TrainingModule(id: moduleID, name: name, validity: validity, required: form["\(prefix)-required"] != nil))
        }
        let configuration = TrainingConfiguration(
            id: id, group: form.trimmed("group") ?? "", modules: modules, certificate: existing?.certificate,
            reminderLeadTime: form.trimmed("reminderLeadTime"))
        do {
            try configuration.validate()
            return .success(configuration)
        } catch {
            return .failure(problem(for: error.reason, id: id, rowOfModule: rowOfModule))
        }
    }

    /// The field a refusal of ``TrainingConfiguration/validate()`` is about, and its message for people.
    static func problem(for reason: String, id: String, rowOfModule: [String: Int]) -> FieldProblem {
        let message = ReviewFormat.sentence(String(reason.dropFirst("training configuration \(id): ".count)))
        if reason.contains("reminderLeadTime") { return FieldProblem(field: "reminderLeadTime", message: message) }
        if reason.contains("the group") { return FieldProblem(field: "group", message: message) }
        if reason.contains("at least one module") { return FieldProblem(field: "module-0-name", message: message) }
        for (moduleID, row) in rowOfModule.sorted(by: { $0.value < $1.value })
        where reason.contains("module \(moduleID) ") || reason.contains("\"\(moduleID)\"") {
            let part = reason.contains("needs a name") ? "name" : reason.contains("validity") ? "validity" : "id"
            return FieldProblem(field: "module-\(row)-\(part)", message: message)
        }
        return FieldProblem(field: "id", message: message)
    }

    /// How many module rows the form sent (the highest `module-N-…` index plus one).
    static func formRowCount(_ form: ConsoleForm?) -> Int {
        guard let form else { return 0 }
        var count = 0
        while count < maximumModuleRows, form["module-\(count)-name"] != nil || form["module-\(count)-id"] != nil { count += 1 }
        return count
    }

    /// `electrical-safety` for "Electrical safety": lower-case ASCII letters and digits, the rest one `-`.
    static func slug(_ name: String) -> String {
        var result = ""
        for scalar in name.lowercased().unicodeScalars {
            if scalar.isASCII, scalar.properties.isAlphabetic || ("0"..."9").contains(Character(scalar)) {
                result.unicodeScalars.append(scalar)
            } else if !result.isEmpty, !result.hasSuffix("-") {
                result += "-"
            }
        }
        while result.hasSuffix("-") { result.removeLast() }
        return String(result.prefix(64))
    }

    // MARK: The certificate switch

    /// The confirmation of turning certificates on (with the dry count of who gets one at once) or off.
    static func certificatesPage(
        _ configuration: TrainingConfiguration, plan: ComplianceCertificatePlan, names: [String: String], session: StaffSession
    ) -> ConsolePage {
        let enabling = !configuration.issuesCertificates
        let count = plan.issue.count
        let consequence: HTML
        if enabling {
            let who = plan.issue.prefix(50).map { names[$0] ?? $0 }
            let list: HTML =
                who.isEmpty
                ? .empty : "<ul>\(who.map { HTML("<li>\($0)</li>") })\(count > 50 ? HTML("<li>and \(count - 50) more</li>") : .empty)</ul>"
            consequence = """
                <p id="certificate-count"><strong>\(count)</strong> \(count == 1 ? "worker holds" : "workers hold") every required module now and will be issued a certificate at once, by email.</p>
                \(list)
                <p>The other \(plan.workers.count - count) of the \(plan.workers.count) assigned \(plan.workers.count == 1 ? "worker gets" : "workers get") one when they complete their last required module. A certificate says SUSPENDED to anyone who scans it while a module is expired or missing.</p>
                """
        } else {
            consequence =
                "<p>No new certificates will be issued for \(configuration.group). Certificates already issued stay as they are and are no longer suspended or reinstated as training changes.</p>"
        }
        return formPage(
            title: enabling ? "Enable certificates: \(configuration.group)" : "Stop issuing certificates: \(configuration.group)",
            caption: "Training", problem: nil,
            body: """
                \(consequence)
                <form method="post" action="\(groupPath(configuration.id))/certificates">
                \(session.csrfField)<input type="hidden" name="enabled" value="\(enabling ? "true" : "false")">
                <div class="button-group"><button type="submit"\(enabling ? HTML.empty : HTML(" class=\"button--warning\""))>\(enabling ? "Enable certificates" : "Stop issuing certificates")</button>\
                <a href="\(groupPath(configuration.id))">Cancel</a></div>
                </form>
                """)
    }
}

extension TrainingPages {
    /// "Check before saving" for a change to a group whose certificates are on: what the save will
    /// do to certificates (the dry run), with the submitted fields carried in hidden inputs.
    static func certificateChangesPage(
        _ configuration: TrainingConfiguration, plan: ComplianceCertificatePlan, names: [String: String], form: ConsoleForm,
        session: StaffSession
    ) -> ConsolePage {
        func line(_ ids: [String], _ one: String, _ many: String) -> HTML {
            guard !ids.isEmpty else { return .empty }
            let who = ids.prefix(50).map { names[$0] ?? $0 }.joined(separator: ", ")
            return
                "<li><strong>\(ids.count)</strong> \(ids.count == 1 ? one : many): \(who)\(ids.count > 50 ? " and \(ids.count - 50) more" : "")</li>"
        }
        let carried: [HTML] = form.fields.filter { $0.name != ConsoleForm.csrfFieldName && $0.name != "confirmed" }.map {
            "<input type=\"hidden\" name=\"\($0.name)\" value=\"\($0.value)\">"
        }
        return formPage(
            title: "Check the certificate changes: \(configuration.group)", caption: "Training", problem: nil,
            body: """
                <p>Certificates are on for this group, so saving changes them at once:</p>
                <ul id="certificate-changes">
                \(line(plan.issue, "worker will be issued a certificate", "workers will be issued a certificate"))
                \(line(plan.reissue, "certificate will be replaced by one listing the new required modules", "certificates will be replaced by ones listing the new required modules"))
                \(line(plan.suspend, "certificate will say SUSPENDED to anyone who scans it", "certificates will say SUSPENDED to anyone who scans them"))
                \(line(plan.reinstate, "suspended certificate will be valid again", "suspended certificates will be valid again"))
                </ul>
                <form method="post" action="\(groupPath(configuration.id))/edit">
                \(session.csrfField)\(carried)<input type="hidden" name="confirmed" value="yes">
                <div class="button-group"><button type="submit" class="button--warning">Save and change the certificates</button>\
                <a href="\(groupPath(configuration.id))/edit">Cancel</a></div>
                </form>
                """)
    }
}
