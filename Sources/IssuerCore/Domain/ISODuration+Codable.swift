/// A duration in a program file is its ISO 8601 text (`"P3Y"`); text that is not one is refused
/// with the member path, never read as "no expiry".
extension ISODuration: Codable {
    /// Decodes the text, refusing what is not an ISO 8601 duration.
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let duration = ISODuration(text) else {
            throw IssuerError(
                .invalidProgram,
                "\(ProgramDefinition.path(decoder.codingPath)) \"\(text)\" is not an ISO 8601 duration such as P3Y or PT30S")
        }
        self = duration
    }

    /// Encodes the text it was read from.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
