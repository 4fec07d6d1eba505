import Foundation

/// How the outbox worker delivers, wired once by `attest serve` / `attest deliver`.
public struct DeliveryConfiguration: Sendable {
    /// The `From` address; defaults to the issuer's email when `nil`.
    public var senderAddress: String?
    /// The `From` display name; defaults to the issuer's name.
    public var senderName: String?
    /// Email templates by program id; programs not listed use ``EmailTemplates/default``.
    public var emailTemplates: [String: EmailTemplates]
    /// The `lang` of the HTML email.
    public var language: String
    /// Where webhooks go.
    public var webhookEndpoints: [WebhookEndpoint]
    /// When to try again.
    public var retry: RetryPolicy
    /// Where operational messages go (e.g. where an `.eml` file was written).
    public var log: @Sendable (String) -> Void
    /// Told the outcome of every attempt (metrics).
    public var observer: @Sendable (DeliveryAttempt) -> Void

    /// A configuration.
    public init(
        senderAddress: String? = nil, senderName: String? = nil, emailTemplates: [String: EmailTemplates] = [:], language: String = "en",
        webhookEndpoints: [WebhookEndpoint] = [], retry: RetryPolicy = RetryPolicy(), log: @escaping @Sendable (String) -> Void = { _ in },
        observer: @escaping @Sendable (DeliveryAttempt) -> Void = { _ in }
    ) {
        self.senderAddress = senderAddress
        self.senderName = senderName
        self.emailTemplates = emailTemplates
        self.language = language
        self.webhookEndpoints = webhookEndpoints
        self.retry = retry
        self.log = log
        self.observer = observer
    }
}

/// Exponential back-off with jitter: attempt `n` failed → wait `base · 2^(n−1)`, capped at
/// `maximumDelay`, then a random factor in `[1 − jitter, 1]` spreads retries of many rows.
public struct RetryPolicy: Sendable, Hashable {
    /// How many attempts a row gets before it is marked `failed`.
    public var maximumAttempts: Int
    /// The wait after the first failed attempt, in seconds.
    public var baseDelay: TimeInterval
    /// The longest wait between attempts, in seconds.
    public var maximumDelay: TimeInterval
    /// The fraction of the delay that is random, 0…1.
    public var jitter: Double
    /// How long a claimed row is reserved for the attempt in progress; longer than any send timeout.
    public var claimDuration: TimeInterval

    /// The default number of attempts: the workflow's error table (Spec/workflow.md) says a
    /// downstream that times out is tried 3 times at growing intervals, then escalated as failed.
    public static let defaultMaximumAttempts = 3

    /// A policy; by default 3 attempts, the second about 30 s after the first and the third about
    /// 1 min after that (base 30 s doubling, capped at 6 h, jitter 0.5), then the row is failed.
    public init(
        maximumAttempts: Int = RetryPolicy.defaultMaximumAttempts, baseDelay: TimeInterval = 30, maximumDelay: TimeInterval = 6 * 3600,
        jitter: Double = 0.5, claimDuration: TimeInterval = 300
    ) {
        self.maximumAttempts = maximumAttempts
        self.baseDelay = baseDelay
        self.maximumDelay = maximumDelay
        self.jitter = jitter
        self.claimDuration = claimDuration
    }

    /// The wait after failed attempt number `attempt` (1-based), with `unit` a random value in 0…1.
    public func delay(afterAttempt attempt: Int, unit: Double) -> TimeInterval {
        let exponential = baseDelay * pow(2, Double(min(max(attempt - 1, 0), 40)))
        let capped = min(maximumDelay, exponential)
        return capped * (1 - jitter * min(max(unit, 0), 1))
    }
}
