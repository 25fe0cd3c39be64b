import LTCCore

/// A member of the scheme's own staff who may act in ltc: an administrator
/// of the insurance agency, or an auditor (supervisors, the fund's auditors),
/// registered with `ltc staff add ID --role administrator|auditor`. An
/// actor `administrator:ID` or `auditor:ID` acts only once `ID` is
/// registered with that role.
///
/// ```swift
/// StaffMember(id: "wang", role: .administrator, name: "王科长", addedOn: CalendarDate("2026-01-02")!)
/// ```
public struct StaffMember: Sendable, Equatable {
    /// The roles staff hold; assessors and institutions have registries of their own.
    public enum Role: String, Sendable, CaseIterable {
        case administrator, auditor

        public var actorRole: Actor.Role {
            switch self {
            case .administrator: .administrator
            case .auditor: .auditor
            }
        }
    }

    public var id: String
    public var role: Role
    public var name: String?
    public var addedOn: CalendarDate

    public init(id: String, role: Role, name: String?, addedOn: CalendarDate) {
        self.id = id
        self.role = role
        self.name = name
        self.addedOn = addedOn
    }

    /// The actor this member acts as.
    public var actor: Actor { Actor(role: role.actorRole, id: id) }

    public var json: JSONValue {
        ["id": .string(id), "role": .string(role.rawValue), "name": name.map { .string($0) } ?? .null, "addedOn": .string(addedOn.description)]
    }
}
