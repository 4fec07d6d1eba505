import Foundation

/// Changes to learners.
public protocol LearnerWriting: LearnerReading {
    /// Inserts or replaces a learner (by id); throws ``IssuerError`` `duplicate` when another learner
    /// has the same external id in the same namespace.
    func saveLearner(_ learner: Learner) throws
}
