import CanonicalJSON
import Foundation
import IssuerCore
import ThreadPools

/// The ``CertificateDocumentMaker`` methods: the drawing (Pango/Cairo under one process-wide lock,
/// then qpdf and PNG encoding) blocks, so it runs on a few dedicated threads and never on the
/// shared Swift concurrency pool, whose threads the server's requests and the outbox need.
extension CertificateDocumentRenderer {
    /// The key under which each drawing thread's `threadDictionary` holds its index (for tests and debugging).
    public static let drawingWorkerMarker = "attest.certificate-drawing-worker"

    /// The drawing threads every renderer of the process shares: two (one draws under the font
    /// lock while the other embeds or encodes), at most 256 documents waiting for them.
    public static let sharedDrawingThreads = BoundedThreadPool(
        name: "certificate-drawing", threadCount: 2, maximumWaiting: 256, workerMarker: drawingWorkerMarker)

    /// ``drawDocuments(signedCredential:credentialBytes:program:passcode:)`` on a drawing thread.
    public func documents(signedCredential: JSONValue, credentialBytes: [UInt8], program: Program, passcode: String) async throws
        -> CertificateDocuments
    {
        try await onDrawingThread {
            try drawDocuments(signedCredential: signedCredential, credentialBytes: credentialBytes, program: program, passcode: passcode)
        }
    }

    /// ``drawPreview(signedCredential:program:passcode:)`` on a drawing thread.
    public func preview(signedCredential: JSONValue, program: Program, passcode: String) async throws -> [UInt8]? {
        try await onDrawingThread { try drawPreview(signedCredential: signedCredential, program: program, passcode: passcode) }
    }

    /// ``drawTrainingHistoryPDF(_:signedCredential:credentialBytes:program:)`` on a drawing thread.
    public func trainingHistoryPDF(_ history: TrainingHistory, signedCredential: JSONValue, credentialBytes: [UInt8], program: Program)
        async throws -> [UInt8]
    {
        try await onDrawingThread {
            try drawTrainingHistoryPDF(history, signedCredential: signedCredential, credentialBytes: credentialBytes, program: program)
        }
    }

    /// Runs `work` on a drawing thread, the caller suspended until it ends (a cancelled caller still
    /// waits for it, so a drawing is never abandoned half-way).
    /// - Throws: what `work` throws; ``IssuerError`` `documentsUnavailable` when the threads are busy
    ///   and 256 documents wait already.
    private func onDrawingThread<Value: Sendable>(_ work: @escaping @Sendable () throws -> Value) async throws -> Value {
        do {
            return try await drawingThreads.run { Result { try work() } }.get()
        } catch is BoundedThreadPool.Full {
            throw IssuerError(.documentsUnavailable, "too many certificates are being drawn right now; try again in a few seconds")
        }
    }
}
