import Foundation

/// Stores a submission's checked chunks on a thread of its own, so that
/// checking the next chunk overlaps storing the last. The transaction is
/// used by one thread at a time: the caller waits (``finish()``) before it
/// touches storage itself.
final class BackgroundStore: @unchecked Sendable {
    private let queue = DispatchQueue(label: "ltc.intake.store")
    private let group = DispatchGroup()
    private let tx: any ProviderStoreWriter
    private var failure: (any Error)?
    /// At most two chunks wait to be stored, so memory stays bounded when storing is the slower side.
    private let room = DispatchSemaphore(value: 2)

    init(_ tx: any ProviderStoreWriter) {
        self.tx = tx
    }

    /// Queues a chunk's logs to be stored after the chunks queued before it.
    func store(_ logs: [StoredLog], replacing: [StoredLog]) {
        room.wait()
        group.enter()
        queue.async { [self] in
            defer {
                room.signal()
                group.leave()
            }
            guard failure == nil else { return }
            do { try tx.store(logs, replacing: replacing) } catch { failure = error }
        }
    }

    /// Waits for the queued chunks; throws what storing them threw.
    func finish() throws {
        group.wait()
        if let failure { throw failure }
    }

    /// Waits without throwing, before the transaction ends either way.
    func wait() {
        group.wait()
    }
}
