import LTCCore

/// What became of a part of a settled statement's withheld share or of its
/// budget hold: paid to the institution (released), or never paid (kept by
/// the fund). Every fen a statement withheld or held is decided once: it is
/// still held, or released, or kept, and a decision is never changed.
///
/// - A correction or withdrawal of the month's logs cancels the part that
///   the service no longer earns (kept, not a closing decision).
/// - A performance assessment releases or keeps the rest of a month's
///   withholding: the first assessment whose period covers the month
///   decides it, and later ones covering it decide nothing
///   (`performance.assess`; issue 29, finding 1).
/// - The year's budget close pays or keeps the rest of its months' holds
///   (issue 29, finding 6).
///
/// ```swift
/// HoldDecision(institution: "I001", month: YearMonth("2026-04")!, kind: .withheld, cause: .assessment,
///              decidedBy: "assessment 2026-04-01–2026-04-30", decidedOn: day, released: Money(text: "105.30")!, kept: .zero, closing: true)
/// ```
public struct HoldDecision: Sendable, Equatable {
    /// Which of a statement's amounts not paid: ``Statement/withheld`` or ``Statement/heldAboveBudget``.
    public enum Kind: String, Sendable, CaseIterable {
        case withheld
        case budget
    }

    public enum Cause: String, Sendable {
        /// A correction or withdrawal of a log of the month: the part the service no longer earns is cancelled.
        case correction
        /// The performance assessment that first covered the month.
        case assessment
        /// The year-end close of the budgets.
        case budgetClose = "budget-close"
    }

    /// The store's number for it (0 until stored).
    public var id: Int
    public var institution: String
    /// The settled month whose statement withheld or held it.
    public var month: YearMonth
    public var kind: Kind
    public var cause: Cause
    /// What decided it: `assessment 2026-04-01–2026-04-30`, `log L1`, `budget close 2026`.
    public var decidedBy: String
    public var decidedOn: CalendarDate
    /// Paid to the institution, on its next statement.
    public var released: Money
    /// Never paid: cancelled with the service, kept by the rating, or not paid at the year's close.
    public var kept: Money
    /// Whether it decides all that was left: nothing of the hold remains after it, and nothing decides it again.
    public var closing: Bool

    public init(id: Int = 0, institution: String, month: YearMonth, kind: Kind, cause: Cause, decidedBy: String, decidedOn: CalendarDate,
                released: Money, kept: Money, closing: Bool) {
        self.id = id
        self.institution = institution
        self.month = month
        self.kind = kind
        self.cause = cause
        self.decidedBy = decidedBy
        self.decidedOn = decidedOn
        self.released = released
        self.kept = kept
        self.closing = closing
    }

    public var json: JSONValue {
        [
            "id": .integer(id), "institution": .string(institution), "month": .string(month.description), "kind": .string(kind.rawValue),
            "cause": .string(cause.rawValue), "decidedBy": .string(decidedBy), "decidedOn": .string(decidedOn.description),
            "released": released.json, "kept": kept.json, "closing": .bool(closing),
        ]
    }
}
