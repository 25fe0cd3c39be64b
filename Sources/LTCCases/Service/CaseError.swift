import LTCCore
import LTCSchemes

/// Why a case operation was refused. Each refusal is also written to the audit trail.
///
/// ```swift
/// throw CaseError(.transitionNotAllowed, "case 12 is in state publicity; allowed: confirm, object, terminate")
/// ```
public struct CaseError: LTCError, Equatable {
    public enum Kind: String, Sendable {
        case notFound
        case transitionNotAllowed
        case forbidden
        case conflictOfInterest
        case assessorRule
        case timing
        case duplicate
        case noSchemeInForce
        case invalidScheme
        case invalidInput
    }

    public var reason: Kind
    public var message: String
    public var extra: JSONObject
    /// A look at a record out of the actor's reach, told to the caller as
    /// ``notYours(_:)`` but kept in the audit trail as the refusal it is.
    public var refusedLook = false

    public init(_ reason: Kind, _ message: String, details: JSONObject = [:]) {
        self.reason = reason
        self.message = message
        extra = details
    }

    /// "`what`: not found or not yours": the same words, kind and details
    /// whether the record does not exist or belongs to someone else, so
    /// that a refusal tells nothing of others' records.
    public static func notYours(_ what: String, refused: Bool) -> CaseError {
        var error = CaseError(.notFound, "\(what): not found or not yours")
        error.refusedLook = refused
        return error
    }

    public var kind: String { reason.rawValue }
    public var details: JSONObject { extra }
    public var description: String { message }
}
