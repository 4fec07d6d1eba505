import CanonicalJSON
import Foundation
import IssuerCore
import VerifiableCredentials

/// "Send a test event": a `webhook.test` event POSTed to one endpoint at once, signed as every
/// event is, so staff see whether the receiver answers and checks signatures. Not queued, not
/// retried; the answer (status, or the error) is shown to whoever asked.
public enum WebhookTestEvent {
    /// The body for `issuer` at `date` with event id `id`:
    /// `{"createdAt","data":{"issuer":{"id","name"},"test":true},"id","type":"webhook.test"}`.
    public static func body(id: String, issuer: IssuerProfile, at date: Date) -> [UInt8] {
        let body: JSONValue = .object([
            "id": .string(id), "type": .string("webhook.test"), "createdAt": .string(DateTimeStamp.format(date)),
            "data": .object(["test": .bool(true), "issuer": .object(["id": .string(issuer.did), "name": .string(issuer.name)])]),
        ])
        return body.canonicalBytes
    }

    /// Sends the test event to `endpoint`: the receiver's HTTP status, or the delivery error.
    public static func send(
        to endpoint: WebhookEndpoint, issuer: IssuerProfile, id: String, at date: Date, sender: WebhookSender = WebhookSender()
    ) async -> Result<Int, DeliveryError> {
        do {
            return .success(
                try await sender.send(
                    body: body(id: id, issuer: issuer, at: date), eventID: id, to: endpoint, timestamp: Int(date.timeIntervalSince1970)))
        } catch let error as DeliveryError {
            return .failure(error)
        } catch {
            return .failure(DeliveryError(.composeFailed, "\(error)", isTransient: false))
        }
    }
}
