import LTCCore
import Synchronization
import Testing

/// The hand-off's rules, shown without sleeping or timing: each test holds
/// whichever way the threads happen to interleave.
@Suite("The bounded hand-off between threads")
struct HandoffTests {
    @Test("Elements come out in the order they were put, across threads")
    func order() {
        let handoff = Handoff<Int>(capacity: 4)
        let producer = Threads.start("test.producer") {
            for number in 0..<10_000 { handoff.put(number) }
            handoff.close()
        }
        var taken: [Int] = []
        while let number = handoff.take() { taken.append(number) }
        producer.join()
        #expect(taken == Array(0..<10_000))
    }

    @Test("Each of several producers' elements keep their order, and none is lost")
    func severalProducers() {
        let handoff = Handoff<(producer: Int, number: Int)>(capacity: 3)
        let producers = (0..<4).map { producer in
            Threads.start("test.producer") {
                for number in 0..<2_000 { handoff.put((producer, number)) }
            }
        }
        var next = [0, 0, 0, 0]
        var outOfOrder = 0
        for _ in 0..<(4 * 2_000) {
            guard let item = handoff.take() else { break }
            if item.number != next[item.producer] { outOfOrder += 1 }
            next[item.producer] = item.number + 1
        }
        for producer in producers { producer.join() }
        #expect(outOfOrder == 0)
        #expect(next == [2_000, 2_000, 2_000, 2_000])
    }

    @Test("A put returns only while fewer than the capacity are queued")
    func capacity() {
        let capacity = 3
        let handoff = Handoff<Int>(capacity: capacity)
        // The last number whose put has returned, recorded after it returns (so it can only lag).
        let returned = Mutex(-1)
        let producer = Threads.start("test.producer") {
            for number in 0..<5_000 {
                handoff.put(number)
                returned.withLock { $0 = number }
            }
            handoff.close()
        }
        // Once numbers 0…n are taken, at most `capacity` more can be queued: no put past n + capacity has returned.
        var overtaken = 0
        var first: (taken: Int, returned: Int)?
        while let number = handoff.take() {
            let last = returned.withLock { $0 }
            if last > number + capacity {
                overtaken += 1
                first = first ?? (number, last)
            }
        }
        producer.join()
        #expect(overtaken == 0, "after taking \(first?.taken ?? 0), the put of \(first?.returned ?? 0) had returned")
    }

    @Test("A full hand-off holds exactly its capacity; a put waiting for room is refused by cancel")
    func fullThenCancelled() {
        let handoff = Handoff<Int>(capacity: 2)
        #expect(handoff.put(1) && handoff.put(2))   // room for both: neither waits
        let filled = Handoff<Void>(capacity: 1)
        let producer = Threads.start("test.producer") { () -> Bool in
            filled.close()
            return handoff.put(3)                     // full: waits until cancelled
        }
        _ = filled.take()
        let dropped = handoff.cancel()
        #expect(dropped == [1, 2])
        #expect(producer.join() == false)
        #expect(handoff.take() == nil)
        #expect(handoff.put(4) == false)
    }

    @Test("Closing wakes a taker waiting on an empty hand-off, which gets nil")
    func closeWakesTaker() {
        let handoff = Handoff<Int>(capacity: 1)
        let taker = Threads.start("test.taker") { handoff.take() }
        handoff.close()
        #expect(taker.join() == nil)
    }

    @Test("After close, takers get what was queued, then nil; a put is refused")
    func closeKeepsQueued() {
        let handoff = Handoff<String>(capacity: 3)
        handoff.put("a")
        handoff.put("b")
        handoff.close()
        #expect(handoff.put("c") == false)
        #expect(handoff.isDrained == false)
        #expect(handoff.take() == "a")
        #expect(handoff.take() == "b")
        #expect(handoff.take() == nil)
        #expect(handoff.isDrained)
    }

    @Test("A latch: take waits for close and returns at once afterwards")
    func latch() {
        let latch = Handoff<Void>(capacity: 1)
        let waiters = (0..<3).map { _ in Threads.start("test.waiter") { latch.take() == nil } }
        #expect(latch.isDrained == false)
        latch.close()
        #expect(waiters.map { $0.join() } == [true, true, true])
        #expect(latch.isDrained)
    }

    /// A value that is not `Sendable`: it crosses threads as a `sending` value.
    final class Box {
        var items: [Int] = []
    }

    @Test("A value that is not Sendable is handed over whole, and a thread's result comes back on join")
    func sendingValues() {
        let handoff = Handoff<Box>(capacity: 1)
        let producer = Threads.start("test.producer") {
            let box = Box()
            box.items = [1, 2, 3]
            handoff.put(box)
            handoff.close()
            return Box()
        }
        let box = handoff.take()
        box?.items.append(4)
        let result = producer.join()
        result.items.append(5)
        #expect(box?.items == [1, 2, 3, 4])
        #expect(result.items == [5])
    }

    @Test("Parallel lanes return their results in lane order")
    func parallelLanes() {
        #expect(Threads.parallel(lanes: 4) { lane in lane * 10 } == [0, 10, 20, 30])
        #expect(Threads.parallel(lanes: 1) { lane in lane + 1 } == [1])
    }
}
