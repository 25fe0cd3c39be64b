import LTCCore

/// The error codes of the ltc JSON-RPC interface (documented in `docs/protocol.md`).
///
/// The five standard JSON-RPC 2.0 codes, plus one code per kind of domain
/// error. Other systems branch on these numbers: never renumber one.
public enum RPCErrorCode {
    public static let parseError = -32700
    public static let invalidRequest = -32600
    public static let methodNotFound = -32601
    public static let invalidParams = -32602
    public static let internalError = -32603

    /// A domain error whose kind has no code of its own; `data.kind` names it.
    public static let otherDomainError = 1000

    /// Domain error kinds (``LTCError/kind``) and their codes.
    public static let domain: [String: Int] = [
        "formNotFound": 1001,
        "invalidAnswers": 1002,
        "invalidFormFile": 1003,
        "invalidInput": 1004,
        "notFound": 1010,
        "transitionNotAllowed": 1011,
        "forbidden": 1012,
        "conflictOfInterest": 1013,
        "assessorRule": 1014,
        "timing": 1015,
        "duplicate": 1016,
        "noSchemeInForce": 1017,
        "invalidScheme": 1018,
        "storage": StorageFailureKind.rpcCode,   // 1019, whatever the failure's kind
        "benefit": 1020,
    ]
}
