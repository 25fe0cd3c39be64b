/// A thread ``Threads/start(_:_:)`` started.
public struct StartedThread<Result>: Sendable {
    /// Holds the body's result once it has returned, and is closed then.
    let ended: Handoff<Result>

    /// Waits until the thread's body has returned, and returns what it
    /// returned. A thread is joined once: a second `join` stops the process.
    public func join() -> sending Result {
        guard let result = ended.take() else { preconditionFailure("a thread is joined once") }
        return result
    }
}
