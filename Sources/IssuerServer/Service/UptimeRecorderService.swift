import Foundation
import IssuerCore
import Logging
import ServiceLifecycle

/// Writes this server's ``UptimeRecord``: at start, every ``UptimeRecord/heartbeat``, and once
/// more at graceful shutdown. The monthly report (`attest report`) reads availability from it. A
/// failed write is logged and retried at the next beat: the record only ever under-counts.
struct UptimeRecorderService: Service {
    let environment: IssuerEnvironment
    let logger: Logger
    let instance = UUID().uuidString.lowercased()

    func run() async throws {
        let startedAt = environment.now()
        await beat(startedAt: startedAt)
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            do {
                try await cancelWhenGracefulShutdown { try await Task.sleep(for: .seconds(UptimeRecord.heartbeat)) }
            } catch {
                break
            }
            await beat(startedAt: startedAt)
        }
        await beat(startedAt: startedAt)
    }

    private func beat(startedAt: Date) async {
        let record = UptimeRecord(instance: instance, startedAt: startedAt, lastSeenAt: max(startedAt, environment.now()))
        do {
            try await environment.store.write { try $0.recordUptime(record) }
        } catch {
            logger.error("could not record uptime", metadata: ["error": "\(error)"])
        }
    }
}
