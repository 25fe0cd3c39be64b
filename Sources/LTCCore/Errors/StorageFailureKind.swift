/// What went wrong in the database, whichever engine it was: the one thing
/// about a storage failure that callers may branch on. Each connection sets
/// it where it makes the error, from its engine's codes (SQLite's result
/// codes, PostgreSQL's SQLSTATEs); nothing else reads those codes.
///
/// This is the one table of what ltc does with each kind: whether sending
/// the same request again may succeed (``retryable``), how `ltc` ends
/// (``exitStatus``, after BSD `sysexits.h`), and the JSON-RPC error code
/// (``rpcCode``, the same for every kind; `data.storage` tells them apart).
///
/// | kind | what happened | retryable | exit status | JSON-RPC code |
/// |---|---|---|---|---|
/// | `busy` | another writer held the database longer than ltc waits; the server was out of memory or connections | yes | 75 | 1019 |
/// | `conflict` | the server refused a write for a conflict with other writers, every time ltc tried it | yes | 75 | 1019 |
/// | `unavailable` | the server cannot be reached, or the connection to it was lost or shut down | yes | 69 | 1019 |
/// | `diskFull` | the disk holding the database is full | yes | 75 | 1019 |
/// | `readOnly` | the database may not be written (a read-only file, a read-only transaction or replica) | no | 65 | 1019 |
/// | `damaged` | the database file is not one, or what it holds does not read back as it should | no | 65 | 1019 |
/// | `constraint` | a change broke a key, a foreign key or a check of the schema | no | 65 | 1019 |
/// | `other` | any other failure | no | 65 | 1019 |
///
/// A retryable failure stored nothing, and the same request may succeed
/// later unchanged: at once after a conflict, once others are done when
/// busy, once space is freed or the server is back. One caution: a
/// connection lost while a transaction commits may have left it committed,
/// so after `unavailable` a change that must not happen twice is best read
/// back before it is sent again.
///
/// ```swift
/// catch let error as any StorageFailure {
///     if error.storage.retryable { … }                  // try again later
///     exit(error.storage.exitStatus)                    // 69, 75 or 65
/// }
/// ```
public enum StorageFailureKind: String, Sendable, CaseIterable, CustomStringConvertible {
    case busy
    case conflict
    case unavailable
    case diskFull
    case readOnly
    case damaged
    case constraint
    case other

    /// Whether the same request, sent again unchanged, may succeed: the failure was the moment's, not the request's.
    public var retryable: Bool {
        switch self {
        case .busy, .conflict, .unavailable, .diskFull: true
        case .readOnly, .damaged, .constraint, .other: false
        }
    }

    /// How `ltc` ends after a failure of this kind: 69 (EX_UNAVAILABLE) when
    /// the server cannot be reached, 75 (EX_TEMPFAIL) for the other
    /// retryable kinds, 65 (EX_DATAERR) for the rest.
    public var exitStatus: Int32 {
        switch self {
        case .unavailable: 69
        case .busy, .conflict, .diskFull: 75
        case .readOnly, .damaged, .constraint, .other: 65
        }
    }

    /// The JSON-RPC error code of every storage failure (`storage`); a
    /// client that knows only the code still sees the database failed.
    public static let rpcCode = 1019

    /// What a person should do, where the failure's own message does not say it; `nil` where it does.
    public var advice: String? {
        switch self {
        case .busy: "the database is busy: other work held it longer than ltc waits, or the server has no memory or connections to spare; try again"
        case .diskFull: "the disk holding the database is full: nothing was stored; free space and try again"
        case .conflict, .unavailable, .readOnly, .damaged, .constraint, .other: nil
        }
    }

    /// The name programs read in `data.storage`, e.g. `diskFull`.
    public var description: String { rawValue }
}
