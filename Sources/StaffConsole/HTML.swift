import Pages

/// A fragment of HTML that is safe to put into a page: literals are written as they are, every
/// interpolated `String` is escaped by `Pages`' one byte-wise escaper (``HTMLEscaping``), and
/// only another `HTML` value is inserted as it is.
///
/// ```swift
/// let row: HTML = "<tr><td>\(learner.name)</td><td>\(count)</td></tr>"   // name escaped
/// ```
/// - Warning: ``init(unescaped:)`` is the one way around the escaping; use it only for markup
///   the program itself wrote, never for anything a person or a database sent.
public struct HTML: Sendable, Hashable, CustomStringConvertible, ExpressibleByStringInterpolation {
    /// The markup.
    public private(set) var rendered: String

    /// Markup the program wrote itself, inserted unescaped.
    public init(unescaped markup: String) {
        rendered = markup
    }

    /// A literal: trusted, since the program wrote it.
    public init(stringLiteral value: String) {
        rendered = value
    }

    /// A literal with interpolations (escaped unless they are `HTML`).
    public init(stringInterpolation: StringInterpolation) {
        rendered = stringInterpolation.rendered
    }

    /// The markup.
    public var description: String { rendered }

    /// Nothing.
    public static let empty = HTML(unescaped: "")

    /// `text`, escaped.
    public static func text(_ text: String) -> HTML {
        HTML(unescaped: HTMLEscaping.escape(text))
    }

    /// The fragments one after another.
    public static func joined(_ fragments: [HTML], separator: HTML = .empty) -> HTML {
        HTML(unescaped: fragments.map(\.rendered).joined(separator: separator.rendered))
    }

    /// `lhs` then `rhs`.
    public static func + (lhs: HTML, rhs: HTML) -> HTML {
        HTML(unescaped: lhs.rendered + rhs.rendered)
    }

    /// Interpolation: strings and numbers are escaped, `HTML` is inserted as it is.
    public struct StringInterpolation: StringInterpolationProtocol {
        var rendered = ""

        /// Room for the literal parts.
        public init(literalCapacity: Int, interpolationCount: Int) {
            rendered.reserveCapacity(literalCapacity + interpolationCount * 16)
        }

        /// A literal part, as it is.
        public mutating func appendLiteral(_ literal: String) {
            rendered += literal
        }

        /// Text, escaped.
        public mutating func appendInterpolation(_ text: String) {
            rendered += HTMLEscaping.escape(text)
        }

        /// Text or nothing, escaped.
        public mutating func appendInterpolation(_ text: String?) {
            rendered += HTMLEscaping.escape(text ?? "")
        }

        /// Text, escaped.
        public mutating func appendInterpolation(_ text: Substring) {
            rendered += HTMLEscaping.escape(String(text))
        }

        /// A number.
        public mutating func appendInterpolation(_ number: Int) {
            rendered += String(number)
        }

        /// Markup, as it is.
        public mutating func appendInterpolation(_ html: HTML) {
            rendered += html.rendered
        }

        /// Markup fragments, one after another.
        public mutating func appendInterpolation(_ fragments: [HTML]) {
            for fragment in fragments { rendered += fragment.rendered }
        }
    }
}
