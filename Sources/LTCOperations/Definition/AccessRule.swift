import LTCCases
import LTCCore

/// Who may call an operation, as the catalogue declares it: the permission
/// it needs, which ``Access`` decides. The services enforce it (and keep
/// refusals in the audit trail); the catalogue states it, for the help,
/// `rpc.describe`, and the test that sends every operation as a role that
/// lacks it.
///
/// ```swift
/// static let access = AccessRule.permission(.manageSchemes)
/// static let access = AccessRule.registered   // every registered actor, each reading only its reach
/// ```
public enum AccessRule: Sendable {
    /// Anyone, registered or not: it reads no stored state (forms, scoring, the lifecycle).
    case anyone
    /// Any registered actor; what each gets is filtered to its reach (``Access/scope(of:)``).
    case registered
    /// Actors that hold this permission.
    case permission(Permission)
    /// Decided against the record: only these roles ever may, and only
    /// where the record says so (the case's assessors, the institution itself).
    case record(roles: [Actor.Role], rule: String)

    /// Whether anyone, registered or not, may call the operation.
    public var admitsAnyone: Bool {
        if case .anyone = self { return true }
        return false
    }

    /// The roles that may ever call the operation.
    public var roles: [Actor.Role] {
        switch self {
        case .anyone, .registered: Actor.Role.allCases
        case .permission(let permission): Actor.Role.allCases.filter { Access.allows(Actor(role: $0, id: "any"), permission) }
        case .record(let roles, _): roles
        }
    }

    /// The rule in words, for the help and `rpc.describe`.
    public var summary: String {
        switch self {
        case .anyone: "anyone"
        case .registered: "every registered actor, each within its reach"
        case .permission: roles.map(\.rawValue).joined(separator: ", ")
        case .record(let roles, let rule): roles.map(\.rawValue).joined(separator: ", ") + ": " + rule
        }
    }

    public var json: JSONValue {
        var object: JSONObject = ["roles": .array(roles.map { .string($0.rawValue) }), "summary": .string(summary)]
        if case .anyone = self { object.set("registered", false) } else { object.set("registered", true) }
        return .object(object)
    }
}
