import Foundation

/// A bounded first-in first-out queue between two threads: `put` waits
/// while it is full, `take` while it is empty; `close` wakes both for good.
final class Handoff<Element: Sendable>: @unchecked Sendable {
    // Every stored property is read and written with `condition` locked.
    private let condition = NSCondition()
    private var items: [Element] = []
    private var closed = false
    private let capacity: Int

    init(capacity: Int) {
        self.capacity = capacity
    }

    /// Queues `element`; `false` if the queue was closed (the element is dropped).
    @discardableResult
    func put(_ element: Element) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while items.count >= capacity && !closed { condition.wait() }
        guard !closed else { return false }
        items.append(element)
        condition.broadcast()
        return true
    }

    /// The oldest element, or `nil` once closed.
    func take() -> Element? {
        condition.lock()
        defer { condition.unlock() }
        while items.isEmpty && !closed { condition.wait() }
        guard !closed else { return nil }
        let element = items.removeFirst()
        condition.broadcast()
        return element
    }

    /// Ends the queue: waiting and later calls return at once. Returns what was still queued.
    @discardableResult
    func close() -> [Element] {
        condition.lock()
        defer { condition.unlock() }
        closed = true
        let dropped = items
        items.removeAll()
        condition.broadcast()
        return dropped
    }
}

/// A value one thread hands to another once.
final class Reply<Value: Sendable>: @unchecked Sendable {
    // Every stored property is read and written with `condition` locked.
    private let condition = NSCondition()
    private var value: Result<Value, any Error>?

    func fulfil(_ result: Result<Value, any Error>) {
        condition.lock()
        if value == nil { value = result }
        condition.broadcast()
        condition.unlock()
    }

    /// Waits for the value; rethrows the error it was fulfilled with.
    func wait() throws -> Value {
        condition.lock()
        defer { condition.unlock() }
        while value == nil { condition.wait() }
        return try value!.get()
    }
}
