import Foundation

/// The people credentials are issued to.
public protocol LearnerReading {
    /// The learner with this id.
    func learner(id: String) throws -> Learner?
    /// The first learner (by id) with this external id in any namespace: a lookup for people
    /// (staff searching); intake uses ``learner(namespace:externalID:)``.
    func learner(externalID: String) throws -> Learner?
    /// The learner with this external id in `namespace` (unique there).
    func learner(namespace: LearnerNamespace, externalID: String) throws -> Learner?
    /// Every learner with this external id, one per namespace at most, by id.
    func learners(externalID: String) throws -> [Learner]
    /// Learners by id, at most `limit`; only those with this email address (any case) when `email` is set.
    func learners(email: String?, limit: Int) throws -> [Learner]
}
