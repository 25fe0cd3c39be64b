import LTCCore

/// One settled statement's withheld share, or its budget hold, with what has
/// become of it (``HoldDecision``): what was held is always what is still
/// held, plus what was released, plus what was kept, to the fen.
///
/// ```swift
/// let account = HoldAccount(statement: april, month: YearMonth("2026-04")!, kind: .withheld, decisions: decisions)
/// account.outstanding     // still held: neither released nor kept
/// account.closing         // the decision that settled the rest, if any
/// ```
public struct HoldAccount: Sendable, Equatable {
    public var institution: String
    public var month: YearMonth
    public var kind: HoldDecision.Kind
    /// As the statement withheld or held it.
    public var amount: Money
    /// The decisions on it, oldest first.
    public var decisions: [HoldDecision]

    /// - Parameter decisions: decisions of any statements and kinds; those of this one are kept.
    public init(statement: Statement, month: YearMonth, kind: HoldDecision.Kind, decisions: [HoldDecision]) {
        institution = statement.institution
        self.month = month
        self.kind = kind
        amount = kind == .withheld ? statement.withheld : statement.heldAboveBudget
        self.decisions = decisions.filter { $0.institution == statement.institution && $0.month == month && $0.kind == kind }
    }

    public var released: Money { decisions.reduce(.zero) { $0 + $1.released } }
    public var kept: Money { decisions.reduce(.zero) { $0 + $1.kept } }
    /// Still held: neither released nor kept.
    public var outstanding: Money { amount - released - kept }
    /// The decision that settled what was left, once there is one.
    public var closing: HoldDecision? { decisions.first(where: \.closing) }
}
