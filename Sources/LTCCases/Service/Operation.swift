import LTCCore

/// One operation as the audit trail records it: what is done, to what, by
/// whom, on which business date, and why.
///
/// ```swift
/// Operation("case.suspend", subject: "case:12", actor: admin, asOf: day, reason: "hospital stay")
/// ```
public struct Operation: Sendable, Equatable {
    /// The method name, e.g. `case.open`, `logs.submit`.
    public var action: String
    /// What it is about: `case:12`, `person:3`, `institution:I001`, … (a
    /// change may name its subject only when done: see ``Outcome/subject``).
    public var subject: String
    public var actor: Actor
    /// The business date of the operation (`--as-of`), as the rules read it.
    public var asOf: CalendarDate
    public var reason: String?

    public init(_ action: String, subject: String, actor: Actor, asOf: CalendarDate, reason: String? = nil) {
        self.action = action
        self.subject = subject
        self.actor = actor
        self.asOf = asOf
        self.reason = reason
    }
}

/// What a change did: its result, the subject it turned out to be about
/// (the id of a new record), and the record before and after, for the audit trail.
public struct Outcome<Result> {
    public var result: Result
    public var subject: String?
    public var before: JSONValue?
    public var after: JSONValue?

    public init(_ result: Result, subject: String? = nil, before: JSONValue? = nil, after: JSONValue? = nil) {
        self.result = result
        self.subject = subject
        self.before = before
        self.after = after
    }
}
