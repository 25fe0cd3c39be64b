/// What an operation does to stored state, which decides how an entry may
/// run it: a computation runs alongside other requests; reads and writes
/// run in the order they were sent, so each sees the effects of those before.
public enum OperationEffect: String, Sendable {
    /// Computes from its params and the data loaded at start (forms, schemes): no database.
    case computes
    /// Reads stored state.
    case reads
    /// Changes stored state: one transaction with its audit event.
    case writes

    /// Whether the operation needs the database.
    public var touchesStore: Bool { self != .computes }
}
