import Hummingbird

/// What the console needs from the request context of the server it is mounted in. The console's
/// routes are generic over it, so the console does not depend on `IssuerServer` (the same layer);
/// the `attest` executable declares `IssuerRequestContext`'s conformance and wires the two.
public protocol ConsoleRequestContext: RequestContext {
    /// The client's IP address (behind trusted proxies: the client they name), for rate limits.
    var clientAddress: String { get }
}
