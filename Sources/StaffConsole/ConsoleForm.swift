import Pages

/// A submitted console form or query string (the `Pages` target's one form parser).
public typealias ConsoleForm = FormFields

extension FormFields {
    /// The name of the hidden CSRF field every state-changing console form carries.
    public static let csrfFieldName = "csrf"
}
