import LTCCases
import LTCCore

/// How a failure reaches each kind of caller: the JSON-RPC error code, the
/// exit status of `ltc` (after BSD `sysexits.h`) and the HTTP status. One
/// table for every entry, so that a refusal is the same refusal everywhere.
///
/// | kind | JSON-RPC | exit | HTTP |
/// |---|---|---|---|
/// | `invalidParams` (a request of the wrong shape) | -32602 | 64 | 400 |
/// | `formNotFound` | 1001 | 65 | 404 |
/// | `invalidAnswers` | 1002 | 65 | 422 |
/// | `invalidFormFile` | 1003 | 65 | 422 |
/// | `invalidInput` | 1004 | 65 | 422 |
/// | `notFound` | 1010 | 65 | 404 |
/// | `transitionNotAllowed` | 1011 | 65 | 409 |
/// | `forbidden` | 1012 | 77 | 403 |
/// | `conflictOfInterest` | 1013 | 65 | 409 |
/// | `assessorRule` | 1014 | 65 | 422 |
/// | `timing` | 1015 | 65 | 409 |
/// | `duplicate` | 1016 | 65 | 409 |
/// | `noSchemeInForce` | 1017 | 65 | 422 |
/// | `invalidScheme` | 1018 | 65 | 422 |
/// | `storage` | 1019 | its kind's (``StorageFailureKind``) | 503, or 507 for a full disk, 500 damaged |
/// | `benefit` | 1020 | 65 | 422 |
/// | `unreadableFile` | 1021 | 66 | 400 |
/// | `conflict` (a write that had to run again and could not) | 1022 | 75 | 409 |
/// | any other domain error | 1000 | 65 | 422 |
/// | a fault in ltc | -32603 | 70 | 500 |
public struct ErrorClass: Sendable, Equatable {
    public let rpcCode: Int
    public let exitStatus: Int32
    public let httpStatus: Int

    public init(rpcCode: Int, exitStatus: Int32, httpStatus: Int) {
        self.rpcCode = rpcCode
        self.exitStatus = exitStatus
        self.httpStatus = httpStatus
    }

    /// The domain error kinds and how each reaches a caller; codes are a contract: never renumber one.
    public static let byKind: [String: ErrorClass] = [
        "invalidParams": ErrorClass(rpcCode: -32602, exitStatus: 64, httpStatus: 400),
        "formNotFound": ErrorClass(rpcCode: 1001, exitStatus: 65, httpStatus: 404),
        "invalidAnswers": ErrorClass(rpcCode: 1002, exitStatus: 65, httpStatus: 422),
        "invalidFormFile": ErrorClass(rpcCode: 1003, exitStatus: 65, httpStatus: 422),
        "invalidInput": ErrorClass(rpcCode: 1004, exitStatus: 65, httpStatus: 422),
        "notFound": ErrorClass(rpcCode: 1010, exitStatus: 65, httpStatus: 404),
        "transitionNotAllowed": ErrorClass(rpcCode: 1011, exitStatus: 65, httpStatus: 409),
        "forbidden": ErrorClass(rpcCode: 1012, exitStatus: 77, httpStatus: 403),
        "conflictOfInterest": ErrorClass(rpcCode: 1013, exitStatus: 65, httpStatus: 409),
        "assessorRule": ErrorClass(rpcCode: 1014, exitStatus: 65, httpStatus: 422),
        "timing": ErrorClass(rpcCode: 1015, exitStatus: 65, httpStatus: 409),
        "duplicate": ErrorClass(rpcCode: 1016, exitStatus: 65, httpStatus: 409),
        "noSchemeInForce": ErrorClass(rpcCode: 1017, exitStatus: 65, httpStatus: 422),
        "invalidScheme": ErrorClass(rpcCode: 1018, exitStatus: 65, httpStatus: 422),
        "storage": ErrorClass(rpcCode: StorageFailureKind.rpcCode, exitStatus: 65, httpStatus: 500),
        "benefit": ErrorClass(rpcCode: 1020, exitStatus: 65, httpStatus: 422),
        "unreadableFile": ErrorClass(rpcCode: 1021, exitStatus: 66, httpStatus: 400),
        "conflict": ErrorClass(rpcCode: 1022, exitStatus: 75, httpStatus: 409),
    ]

    /// A domain error of a kind with no class of its own.
    public static let otherDomainError = ErrorClass(rpcCode: 1000, exitStatus: 65, httpStatus: 422)
    /// A fault in ltc itself: not the caller's doing.
    public static let fault = ErrorClass(rpcCode: -32603, exitStatus: 70, httpStatus: 500)

    /// How `error` reaches a caller. A storage failure takes its kind's exit
    /// status (69 unreachable, 75 try again, 65 otherwise) and HTTP status
    /// (503 unreachable or busy, 507 a full disk, 500 otherwise).
    public static func of(_ error: any Error) -> ErrorClass {
        if let storage = error as? any StorageFailure {
            let http = switch storage.storage {
            case .unavailable, .busy, .conflict: 503
            case .diskFull: 507
            case .readOnly, .damaged, .constraint, .other: 500
            }
            return ErrorClass(rpcCode: StorageFailureKind.rpcCode, exitStatus: storage.storage.exitStatus, httpStatus: http)
        }
        if let params = error as? ParamsError, !params.isStructural { return byKind["invalidInput"]! }
        guard let error = error as? any LTCError else { return fault }
        return byKind[error.kind] ?? otherDomainError
    }
}
