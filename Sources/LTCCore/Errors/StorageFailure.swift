/// A failure of the database, told apart from refusals: it is not a
/// decision about the request, so it is not audited as refused
/// (`UnitOfWork`), and what is done about it depends only on its engine-neutral
/// ``storage`` kind, never on the engine's own codes.
///
/// ```swift
/// catch let error as any StorageFailure where error.storage == .unavailable { … }
/// ```
public protocol StorageFailure: LTCError {
    /// What went wrong, whichever engine it was.
    var storage: StorageFailureKind { get }
}
