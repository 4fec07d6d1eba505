extension TrainingConfiguration {
    /// The program compliance certificates of this configuration are issued under (template
    /// `compliance`, no fixed validity: the suspension bit follows the training instead). Its
    /// version goes up from `previous` when what a certificate signs would change.
    public func program(replacing previous: Program?) -> Program {
        let required = modules.filter(\.required)
        var program = Program(
            id: programID, version: 1,
            achievement: Achievement(
                name: certificate?.title ?? "\(group) — Safety Training",
                description: "Holds the safety training required of \(group): "
                    + required.map(\.name).joined(separator: ", ") + ".",
                criteria: "Every required module completed and within its validity period. The live state is on the verification page.",
                achievementType: "Certificate"),
            template: .compliance, branding: certificate?.branding ?? Branding(), validity: nil, cohort: group,
            rules: CompletionRules(requiredModules: required.map(\.id)))
        if let previous {
            var same = program
            same.version = previous.version
            program.version = same == previous ? previous.version : previous.version + 1
        }
        return program
    }
}
