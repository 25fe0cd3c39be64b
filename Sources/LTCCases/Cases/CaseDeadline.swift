import LTCCore

/// What a case waits for next, and by when: the on-site visit within the
/// scheme's working days of acceptance (`assessment.visitWithinWorkingDays`),
/// then the conclusion (`assessment.conclusionWithinWorkingDays`, also
/// counted from acceptance). Set when the case is accepted and when it is
/// assessed; cleared when the grade is determined or the case closes.
/// "On-site visit within a set number of working days of acceptance (10 in
/// one city)": `../shared/domain/cn-ltc-2021.md`, procedure facts.
///
/// ```swift
/// CaseDeadline(kind: .visit, due: CalendarDate("2026-03-16")!)
/// ```
public struct CaseDeadline: Sendable, Equatable {
    public enum Kind: String, Sendable {
        case visit, conclusion
    }

    public var kind: Kind
    /// The last working day it may happen on.
    public var due: CalendarDate

    public init(kind: Kind, due: CalendarDate) {
        self.kind = kind
        self.due = due
    }

    /// Whether it has not happened by `day`: the due day is past.
    public func isOverdue(on day: CalendarDate) -> Bool { day > due }

    public var json: JSONValue { ["kind": .string(kind.rawValue), "due": .string(due.description)] }

    init?(json: JSONValue) {
        guard let kind = json["kind"]?.stringValue.flatMap(Kind.init), let due = json["due"]?.stringValue.flatMap(CalendarDate.init) else { return nil }
        self.init(kind: kind, due: due)
    }
}
