import LTCCore
/// Who is acting: every command and request names one (`--actor ROLE:ID`).
///
/// ```swift
/// try Actor("administrator:wang")
/// try Actor("assessor:A01")        // may record assessments only on cases assigned to A01
/// try Actor("institution:I0007")   // sees only its own clients
/// ```
public struct Actor: Sendable, Hashable, CustomStringConvertible {
    public enum Role: String, Sendable, CaseIterable {
        case administrator, assessor, institution
        /// Reads everything, changes nothing: supervisors and the fund's auditors.
        case auditor
    }

    public var role: Role
    public var id: String

    public init(role: Role, id: String) {
        self.role = role
        self.id = id
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
}
