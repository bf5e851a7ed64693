import Foundation

/// Two cores for one long write (issue 11): a second thread reads and checks
/// rows (pure work: parsing, validation, the values to bind) while the
/// caller's thread, which holds the transaction, only writes them. Items
/// arrive in the order they were produced, a batch at a time, and at most a
/// few batches wait, so memory stays flat however long the input.
///
/// The producer never touches the database. Whatever it throws reaches the
/// consumer after every item it produced first, as if one thread had done
/// both. If the consumer throws, the producer is told to stop, and
/// `Handover.run` returns only once that thread has ended: nothing outlives
/// the transaction.
package enum Handover {
    /// Items handed over together, to keep locking rare.
    static let batchSize = 256
    /// Batches that may wait before the producer pauses, unless the caller
    /// says otherwise (the demo lets its drawing thread run a whole write
    /// batch ahead, so it keeps drawing while the rows before are written).
    static let depth = 8

    /// Runs `produce` on a new thread; `emit` passes each item to `consume`,
    /// which runs on the caller's thread, in order.
    package static func run<Item: Sendable>(
        depth: Int = Handover.depth,
        produce: @escaping @Sendable (_ emit: (Item) throws -> Void) throws -> Void,
        consume: (Item) throws -> Void
    ) throws {
        let channel = Channel<Item>(depth: depth)
        let thread = Thread {
            var batch: [Item] = []
            batch.reserveCapacity(batchSize)
            do {
                try produce { item in
                    batch.append(item)
                    if batch.count == batchSize {
                        try channel.put(batch)
                        batch.removeAll(keepingCapacity: true)
                    }
                }
                if !batch.isEmpty { try channel.put(batch) }
                channel.finish(nil)
            } catch {
                if !batch.isEmpty { try? channel.put(batch) }
                channel.finish(error)
            }
        }
        thread.start()
        do {
            while let batch = try channel.take() {
                for item in batch { try consume(item) }
            }
        } catch {
            channel.cancel()
            channel.waitUntilFinished()
            throw error
        }
        channel.waitUntilFinished()
    }

    /// The batches between the two threads.
    private final class Channel<Item: Sendable>: @unchecked Sendable {
        private let condition = NSCondition()
        private var batches: [[Item]] = []
        private var head = 0
        private var ended = false
        private var failure: (any Error)?
        private var cancelled = false
        private let depth: Int

        init(depth: Int) { self.depth = max(1, depth) }

        struct Stopped: Error {}

        /// Waits while the consumer is `depth` batches behind; throws once it has stopped.
        func put(_ batch: [Item]) throws {
            condition.lock(); defer { condition.unlock() }
            while batches.count - head >= depth, !cancelled { condition.wait() }
            if cancelled { throw Stopped() }
            batches.append(batch)
            condition.broadcast()
        }

        func finish(_ error: (any Error)?) {
            condition.lock(); defer { condition.unlock() }
            ended = true
            if !(error is Stopped) { failure = error }
            condition.broadcast()
        }

        /// The next batch; nil at the end; the producer's error after its last batch.
        func take() throws -> [Item]? {
            condition.lock(); defer { condition.unlock() }
            while head == batches.count, !ended { condition.wait() }
            if head < batches.count {
                // The slot is emptied at once: a taken batch must not stay
                // alive until the array is compacted (that held 60 MB).
                let batch = batches[head]
                batches[head] = []
                head += 1
                if head >= 64 { batches.removeFirst(head); head = 0 }
                condition.broadcast()
                return batch
            }
            if let failure { throw failure }
            return nil
        }

        func cancel() {
            condition.lock(); defer { condition.unlock() }
            cancelled = true
            batches.removeAll(); head = 0
            condition.broadcast()
        }

        func waitUntilFinished() {
            condition.lock(); defer { condition.unlock() }
            while !ended { condition.wait() }
        }
    }
}
