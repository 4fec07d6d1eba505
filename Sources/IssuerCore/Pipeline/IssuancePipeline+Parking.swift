import CanonicalJSON
import Foundation

/// Configuration drift and the error table (issue 19 points 3 and 4): an event nothing may decide
/// yet is kept, never dropped.
extension IssuancePipeline {
    /// What intake does with an event before the rules see it.
    enum Admission {
        /// Decide it now by `program`; the event names it (from its course when it named none).
        case decide(CompletionEvent, Program)
        /// Kept undecided (or a replay of a kept event): this is the answer.
        case kept(IntakeOutcome)
    }

    /// Finds the program an event is for, or keeps the event (issue 19 points 3 and 4): a replay of
    /// a kept event is answered as it was the first time, unless it corrects the learner data of an
    /// event kept `invalidLearner` (then that one is released and this one decided); an event whose
    /// learner data is invalid is kept `invalidLearner`; one naming only a course no program maps is
    /// kept `unmapped`; one naming a program that does not exist is kept `unknownProgram`; one whose
    /// program is disabled is kept `disabled`.
    static func admission(
        of event: CompletionEvent, namespace: LearnerNamespace, random: any RandomSource, recorder: AuditRecorder,
        in transaction: any IssuerTransaction
    ) throws -> Admission {
        let learnerProblems = CompletionValidation.learnerProblems(event)
        if let kept = try transaction.parkedEvent(source: event.source, eventID: event.eventID) {
            guard kept.state == .invalidLearner, learnerProblems.isEmpty, try transaction.deleteParkedEvent(id: kept.id) else {
                return .kept(.parked(completionID: kept.id, state: kept.state, reason: kept.reason))
            }
            try recorder.record(
                "completion.released", subject: kept.id,
                data: ["was": .string(kept.state.rawValue), "by": .string("the same event reported again with valid learner data")],
                in: transaction)
        }
        func hold(_ event: CompletionEvent, _ state: ParkedState, _ reason: String) throws -> Admission {
            .kept(try Self.keep(event, state: state, reason: reason, namespace: namespace, random: random, recorder: recorder, in: transaction))
        }
        if !learnerProblems.isEmpty {
            return try hold(
                event, .invalidLearner,
                learnerProblems.joined(separator: "; ")
                    + "; it is decided when staff correct it (console → Kept events, attest kept correct) or the event is sent again")
        }
        var event = event
        if event.programID.isEmpty, let course = event.course {
            guard let program = try program(mapping: course, in: transaction) else {
                return try hold(event, .unmapped, "no program maps course \(course); it is decided when a program lists it in \"courses\"")
            }
            event.programID = program.id
        }
        guard let program = try transaction.program(id: event.programID) else {
            return try hold(
                event, .unknownProgram, "there is no program \(event.programID); it is decided when a program with that id is added")
        }
        if try !transaction.isProgramEnabled(id: event.programID) {
            return try hold(event, .disabled, "program \(event.programID) is disabled; it is decided when the program is enabled")
        }
        return .decide(event, program)
    }

    /// The program whose `courses` list `course`, if any (``ProgramValidation`` keeps it to one).
    static func program(mapping course: String, in reading: any ProgramReading) throws -> Program? {
        try reading.programs().first { $0.courses?.contains(course) == true }
    }

    private static func keep(
        _ event: CompletionEvent, state: ParkedState, reason: String, namespace: LearnerNamespace, random: any RandomSource,
        recorder: AuditRecorder, in transaction: any IssuerTransaction
    ) throws -> IntakeOutcome {
        let kept = ParkedEvent(
            id: "prk-" + random.identifier(length: 12), event: event, namespace: namespace, actor: recorder.actor, state: state,
            reason: reason, receivedAt: recorder.at)
        try transaction.insertParkedEvent(kept)
        var data: JSONObject = [
            "source": .string(event.source), "eventID": .string(event.eventID), "state": .string(state.rawValue), "reason": .string(reason),
        ]
        if !event.programID.isEmpty { data["program"] = .string(event.programID) }
        if let course = event.course { data["course"] = .string(course) }
        try recorder.record("completion.kept", subject: kept.id, data: .object(data), in: transaction)
        return .parked(completionID: kept.id, state: state, reason: reason)
    }

    /// Decides, in one transaction and exactly once each, every kept event `program` can now
    /// decide: those naming it (kept `disabled`, or `unknownProgram` before it existed) and those
    /// whose course it maps. Events kept `invalidLearner` wait for a correction, whatever the program. Each becomes a completion as if it had just come in, in its own namespace;
    /// one still undecidable (the program is disabled) is kept again. Returns the outcomes.
    static func releaseKeptEvents(
        for program: Program, rules: CompletionRulesEngine, random: any RandomSource, recorder: AuditRecorder,
        in transaction: any IssuerTransaction
    ) throws -> [IntakeOutcome] {
        let courses = Set(program.courses ?? [])
        var outcomes: [IntakeOutcome] = []
        for kept in try transaction.parkedEvents(state: nil) where kept.state != .invalidLearner {
            let named = kept.event.programID == program.id
            let mapped = kept.event.programID.isEmpty && kept.event.course.map(courses.contains) == true
            guard named || mapped else { continue }
            guard try transaction.deleteParkedEvent(id: kept.id) else { continue }
            try recorder.record(
                "completion.released", subject: kept.id,
                data: ["program": .string(program.id), "was": .string(kept.state.rawValue)], in: transaction)
            outcomes.append(
                try intake(kept.event, namespace: kept.namespace, rules: rules, random: random, recorder: recorder, in: transaction))
        }
        return outcomes
    }
}
