import LTCCore

/// The end of an actor's right to act: staff who left, an assessor no longer
/// in the registry's service, an institution whose people may no longer
/// reach ltc (issue 30, item 11; issue 28, item 3). From `from` on the actor
/// is refused everywhere (``RegistryService/requireActive(_:in:)``), and the
/// credentials issued for it stop working. It is final: it is kept as
/// recorded, never changed or removed, so a person who comes back is
/// registered under a new id.
///
/// What it does not end: an assessor's assignments stay on their cases (a
/// teammate may still record the visit, and from `from` on the assessor is
/// drawn and assigned no more); an institution's agreements, enrolments and
/// logs stay as they are (ending a designation has its own grounds and
/// notice: `agreement.terminate`; clients move with `enrolment.transfer`),
/// and an administrator still acts for it.
///
/// ```swift
/// Deactivation(actor: try Actor("assessor:A2"), from: CalendarDate("2026-07-01")!, reason: "left the agency",
///              by: try Actor("administrator:wang"), on: CalendarDate("2026-06-20")!)
/// ```
public struct Deactivation: Sendable, Equatable {
    /// Who may no longer act.
    public var actor: Actor
    /// The first day the actor is refused.
    public var from: CalendarDate
    public var reason: String
    /// The administrator who deactivated it.
    public var by: Actor
    /// The date of the operation that recorded it.
    public var on: CalendarDate

    public init(actor: Actor, from: CalendarDate, reason: String, by: Actor, on: CalendarDate) {
        self.actor = actor
        self.from = from
        self.reason = reason
        self.by = by
        self.on = on
    }

    /// Whether the actor is refused on `day`: from `from` on.
    public func isInForce(on day: CalendarDate) -> Bool {
        from <= day
    }

    public var json: JSONValue {
        ["actor": .string(actor.description), "from": .string(from.description), "reason": .string(reason),
         "by": .string(by.description), "on": .string(on.description)]
    }
}
