#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A bounded first-in first-out hand-off between threads: the one way a
/// thread in ltc waits for another.
///
/// ```swift
/// let chunks = Handoff<[UInt8]>(capacity: 2)
/// let reader = Threads.start("reader") {
///     while let chunk = read(), chunks.put(chunk) {}   // waits while 2 chunks are queued
///     chunks.close()                                    // no more: the taker gets the rest, then nil
/// }
/// while let chunk = chunks.take() { use(chunk) }        // waits while none is queued
/// reader.join()
/// ```
///
/// The rules:
/// - ``put(_:)`` waits while ``capacity`` elements are queued, so a fast
///   producer stays at most that far ahead and memory stays bounded;
///   ``offer(_:)`` does not wait, and says whether the element was queued;
/// - ``take()`` waits while none is queued, and returns them in the order
///   they were put, to any number of takers;
/// - ``close()`` ends the hand-off: takers get what is queued, then `nil`;
///   a `put` after it returns `false`; it wakes every waiting thread;
/// - ``cancel()`` closes and drops what is queued, returning it to the
///   caller (who may owe its senders an answer), so that a producer blocked
///   in `put` or a consumer that gave up does not wait for ever;
/// - a hand-off that is only ever closed is a latch: `take` waits until it is
///   closed, and returns at once afterwards (``isDrained`` asks without
///   waiting). The ordered response writer waits for its turn so, and
///   ``StartedThread/join()`` for a thread's end.
///
/// An element is `sending`: the putting thread gives it up and the taker owns
/// it, so a value that is not `Sendable` (a month view just worked out) can
/// cross without a lock of its own.
///
/// ## The one waiting primitive
///
/// Everything else in ltc locks with `Mutex` (Synchronization); but a lock
/// cannot make a thread sleep until another thread changes something, and
/// `Mutex` has no condition to wait on. So this type, and only this file,
/// uses a POSIX condition variable, with the POSIX mutex that
/// `pthread_cond_wait` needs (it releases and retakes that mutex while
/// sleeping, which a `Mutex` cannot be made to do). Chosen because it exists
/// on Linux and macOS alike (unnamed POSIX semaphores do not on macOS, and a
/// futex is Linux's alone and out of Swift's reach without C), and it sleeps
/// without polling or timing. The mutex never leaves this file: it is part of
/// the waiting primitive, not a lock anyone else takes.
///
/// `@unchecked Sendable`: every stored `var` (the queue and the closed flag)
/// is read and written only with `mutex` held, and the pointers are set once
/// in `init`; elements cross threads only as `sending` values.
public final class Handoff<Element>: @unchecked Sendable {
    /// Elements that may be queued at once; `put` waits while this many are.
    public let capacity: Int
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    /// Signalled when an element is queued, broadcast on close.
    private let added = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    /// Signalled when an element is taken, broadcast on close.
    private let taken = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    // Guarded by `mutex`.
    private var items: [Element] = []
    private var closed = false

    /// A hand-off holding at most `capacity` elements (at least 1).
    public init(capacity: Int) {
        precondition(capacity >= 1, "a hand-off holds at least one element")
        self.capacity = capacity
        pthread_mutex_init(mutex, nil)
        pthread_cond_init(added, nil)
        pthread_cond_init(taken, nil)
    }

    deinit {
        pthread_cond_destroy(taken)
        pthread_cond_destroy(added)
        pthread_mutex_destroy(mutex)
        taken.deallocate()
        added.deallocate()
        mutex.deallocate()
    }

    /// Queues `element` after those already queued, waiting while
    /// ``capacity`` are; `false` if the hand-off is (or becomes, while
    /// waiting) closed, and the element is dropped.
    @discardableResult
    public func put(_ element: sending Element) -> Bool {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        while items.count >= capacity && !closed { pthread_cond_wait(taken, mutex) }
        guard !closed else { return false }
        items.append(element)
        pthread_cond_signal(added)
        return true
    }

    /// Queues `element` if there is room now, without waiting; `false` (the
    /// element dropped) when ``capacity`` are queued or the hand-off is
    /// closed. For a producer that must not wait: a server answers 503 instead.
    public func offer(_ element: sending Element) -> Bool {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        guard items.count < capacity && !closed else { return false }
        items.append(element)
        pthread_cond_signal(added)
        return true
    }

    /// How many elements are queued now (a gauge: it may change at once).
    public var count: Int {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return items.count
    }

    /// The oldest queued element, waiting while none is and the hand-off is
    /// open; `nil` once it is closed and nothing is left.
    public func take() -> sending Element? {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        while items.isEmpty && !closed { pthread_cond_wait(added, mutex) }
        guard !items.isEmpty else { return nil }
        // The element leaves the queue here, so no other thread can reach it: the taker owns it.
        nonisolated(unsafe) let element = items.removeFirst()
        pthread_cond_signal(taken)
        return element
    }

    /// No more elements: takers get what is queued, then `nil`; a later
    /// `put` returns `false`. Wakes every waiting thread. Closing twice does nothing more.
    public func close() {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        closed = true
        pthread_cond_broadcast(added)
        pthread_cond_broadcast(taken)
    }

    /// Closes and empties the hand-off: returns what was still queued, in
    /// order, which no taker will now see.
    @discardableResult
    public func cancel() -> sending [Element] {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        closed = true
        nonisolated(unsafe) let dropped = items
        items = []
        pthread_cond_broadcast(added)
        pthread_cond_broadcast(taken)
        return dropped
    }

    /// Whether `take` would return `nil` at once (closed, nothing queued),
    /// asked without waiting: a latch's "has it happened yet?".
    public var isDrained: Bool {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return closed && items.isEmpty
    }
}
