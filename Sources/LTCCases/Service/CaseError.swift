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

    public init(_ reason: Kind, _ message: String, details: JSONObject = [:]) {
        self.reason = reason
        self.message = message
        extra = details
    }

    public var kind: String { reason.rawValue }
    public var details: JSONObject { extra }
    public var description: String { message }
}
