import CanonicalJSON

/// Text in a credential that may be a language map: a plain string, a value object
/// `{"@value": "…", "@language": "de"}`, or an array of them (VC Data Model 2.0 §11.1).
public enum LanguageMap {
    /// The one display rule, for every reader of a credential (the verifier's summary, the issuer's
    /// PDF, page and email): a plain string as it is; otherwise the first entry, in the order the
    /// credential lists them, that is a string or has an `@value`. `nil` when there is none.
    public static func displayText(_ value: JSONValue) -> String? {
        value.stringValue ?? value.asArray.lazy.compactMap { $0.stringValue ?? $0["@value"]?.stringValue }.first
    }
}
