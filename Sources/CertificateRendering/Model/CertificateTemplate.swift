/// The certificate designs a program can choose.
public enum CertificateTemplate: String, Sendable, CaseIterable {
    /// "Certificate of Completion": the learner finished a course.
    case completion
    /// "Certificate of Achievement": adds the score or grade.
    case achievement
    /// "Compliance Certificate": lists the training modules with completion and expiry dates.
    case compliance

    /// The heading printed at the top of the certificate.
    var heading: String {
        switch self {
        case .completion: "Certificate of Completion"
        case .achievement: "Certificate of Achievement"
        case .compliance: "Compliance Certificate"
        }
    }
}
