import LTCCore
/// Who is acting: every command and request names one (`--actor ROLE:ID`).
///
/// ```swift
/// try Actor("administrator:wang")
/// try Actor("assessor:A01")        // may record assessments only on cases assigned to A01
/// try Actor("institution:I0007")   // sees only its own clients
/// ```
///
/// An actor known from a credential (a request to a network front door)
/// carries the credential's id, so that every audit event the request
/// records names it; it is the same actor, and equal to one without it.
public struct Actor: Sendable, Hashable, CustomStringConvertible {
    public enum Role: String, Sendable, CaseIterable {
        case administrator, assessor, institution
        /// Reads everything, changes nothing: supervisors and the fund's auditors.
        case auditor
    }

    public var role: Role
    public var id: String
    /// The credential this actor presented, if it came from one: not part of
    /// who the actor is (``==`` and hashing leave it out), but of what the
    /// audit trail records of each of its acts.
    public var credential: CredentialID?

    public init(role: Role, id: String) {
        self.role = role
        self.id = id
    }

    /// This actor as known from `credential`.
    public func presenting(_ credential: CredentialID) -> Actor {
        var actor = self
        actor.credential = credential
        return actor
    }

    /// Parses `ROLE:ID`.
    public init(_ text: String) throws(CaseError) {
        let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
        let roles = Role.allCases.map(\.rawValue).joined(separator: ", ")
        guard parts.count == 2, let role = Role(rawValue: parts[0]), !parts[1].isEmpty else {
            throw CaseError(.invalidInput, "actor '\(text)' must be ROLE:ID with ROLE one of \(roles), e.g. administrator:wang")
        }
        if let problem = PlainText.problem(in: parts[1], as: .id) ?? (parts[1].contains(where: \.isWhitespace) ? "holds a space" : nil) {
            throw CaseError(.invalidInput, "actor '\(role.rawValue):…': the id \(problem); an id has no spaces or control characters")
        }
        self.init(role: role, id: parts[1])
    }

    public var description: String { "\(role.rawValue):\(id)" }

    /// The same role and id: the same actor, whichever credential, if any, it came by.
    public static func == (lhs: Actor, rhs: Actor) -> Bool {
        lhs.role == rhs.role && lhs.id == rhs.id
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(role)
        hasher.combine(id)
    }
}
