import LTCCore
import LTCOperations

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

    /// Domain error kinds (``LTCError/kind``) and their codes, from the one table of ``ErrorClass``.
    public static let domain: [String: Int] = ErrorClass.byKind.filter { $0.value.rpcCode > 0 }.mapValues(\.rpcCode)
}
