import LTCCore

/// A violation found at an institution, with the evidence, the amounts
/// concerned and the penalty decided from the scheme's graded list; the
/// penalty takes effect through the agreement (suspension, termination and
/// a bar on re-applying) and the settlement (amounts refused or recovered on
/// the next statement).
public struct Violation: Sendable, Equatable {
    public var id: Int
    public var institution: String
    /// The caregiver concerned, if any (their credit moves too).
    public var caregiver: String?
    /// The insured person concerned, if any (their credit moves too).
    public var person: Int?
    /// A code of the scheme's negative list.
    public var type: String
    public var foundOn: CalendarDate
    public var evidence: String
    /// The payments concerned.
    public var amount: Money
    public var penalty: String
    public var decidedOn: CalendarDate
    public var decidedBy: String
    /// What the penalty did: the adjustment on the next statement (negative), a suspension, a bar.
    public var deducted: Money
    public var suspendedUntil: CalendarDate?
    public var barredUntil: CalendarDate?
    /// Credit points it took.
    public var credit: Int
    /// The penalty notice it was decided on (``PenaltyNotice``), where due process ran in ltc.
    public var notice: Int? = nil
    /// Marked as a typical case for publication, with its summary (no personal data).
    public var typical: String? = nil

    public init(id: Int, institution: String, caregiver: String?, person: Int?, type: String, foundOn: CalendarDate, evidence: String,
                amount: Money, penalty: String, decidedOn: CalendarDate, decidedBy: String, deducted: Money = .zero,
                suspendedUntil: CalendarDate? = nil, barredUntil: CalendarDate? = nil, credit: Int = 0) {
        self.id = id
        self.institution = institution
        self.caregiver = caregiver
        self.person = person
        self.type = type
        self.foundOn = foundOn
        self.evidence = evidence
        self.amount = amount
        self.penalty = penalty
        self.decidedOn = decidedOn
        self.decidedBy = decidedBy
        self.deducted = deducted
        self.suspendedUntil = suspendedUntil
        self.barredUntil = barredUntil
        self.credit = credit
    }

    public var json: JSONValue {
        [
            "id": .integer(id), "institution": .string(institution), "caregiver": caregiver.map(JSONValue.string) ?? .null,
            "person": person.map(JSONValue.integer) ?? .null, "type": .string(type), "foundOn": .string(foundOn.description),
            "evidence": .string(evidence), "amount": amount.json, "penalty": .string(penalty),
            "decidedOn": .string(decidedOn.description), "decidedBy": .string(decidedBy), "deducted": deducted.json,
            "suspendedUntil": suspendedUntil.map { .string($0.description) } ?? .null,
            "barredUntil": barredUntil.map { .string($0.description) } ?? .null, "credit": .integer(credit),
            "notice": notice.map(JSONValue.integer) ?? .null, "typical": typical.map(JSONValue.string) ?? .null,
        ]
    }

    public init?(json: JSONValue) {
        func date(_ key: String) -> CalendarDate? { json[key]?.stringValue.flatMap(CalendarDate.init) }
        guard let id = json["id"]?.intValue, let institution = json["institution"]?.stringValue, let type = json["type"]?.stringValue,
              let foundOn = date("foundOn"), let evidence = json["evidence"]?.stringValue,
              let amount = json["amount"].flatMap(Money.init(json:)), let penalty = json["penalty"]?.stringValue,
              let decidedOn = date("decidedOn"), let decidedBy = json["decidedBy"]?.stringValue,
              let deducted = json["deducted"].flatMap(Money.init(json:)), let credit = json["credit"]?.intValue else { return nil }
        self.init(id: id, institution: institution, caregiver: json["caregiver"]?.stringValue, person: json["person"]?.intValue,
                  type: type, foundOn: foundOn, evidence: evidence, amount: amount, penalty: penalty, decidedOn: decidedOn,
                  decidedBy: decidedBy, deducted: deducted, suspendedUntil: date("suspendedUntil"), barredUntil: date("barredUntil"),
                  credit: credit)
        notice = json["notice"]?.intValue
        typical = json["typical"]?.stringValue
    }
}
