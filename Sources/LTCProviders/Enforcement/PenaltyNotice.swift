import LTCCore

/// A penalty on its way through due process (seed 000 §17, seed 004:
/// 告知 → 陈述申辩 → 决定 → 复议、诉讼): the notice of the intended penalty
/// with its facts and grounds, the institution's statement within the
/// defence period, and the decision, which alone makes the penalty take
/// effect (as a ``Violation``), with the deadlines for an appeal.
public struct PenaltyNotice: Sendable, Equatable {
    /// The discretion benchmark that applied (``EnforcementSettings/Benchmark``), moved lighter for a self-report.
    public struct Range: Sendable, Equatable {
        public var severity: String
        /// Earlier violations of the same type decided within the scheme's repeat months.
        public var repeats: Int
        public var lightest: String
        public var heaviest: String
        /// Moved lighter because the institution reported and refunded the matter itself.
        public var mitigated: Bool

        public var json: JSONValue {
            ["severity": .string(severity), "repeats": .integer(repeats), "lightest": .string(lightest), "heaviest": .string(heaviest),
             "mitigated": .bool(mitigated)]
        }

        init?(json: JSONValue?) {
            guard let json, let severity = json["severity"]?.stringValue, let repeats = json["repeats"]?.intValue,
                  let lightest = json["lightest"]?.stringValue, let heaviest = json["heaviest"]?.stringValue,
                  let mitigated = json["mitigated"]?.boolValue else { return nil }
            self.init(severity: severity, repeats: repeats, lightest: lightest, heaviest: heaviest, mitigated: mitigated)
        }

        public init(severity: String, repeats: Int, lightest: String, heaviest: String, mitigated: Bool) {
            self.severity = severity
            self.repeats = repeats
            self.lightest = lightest
            self.heaviest = heaviest
            self.mitigated = mitigated
        }
    }

    /// The institution's statement of its defence (陈述申辩).
    public struct Statement: Sendable, Equatable {
        public var text: String
        public var on: CalendarDate
        public var by: String
    }

    /// The decision: the penalty that takes effect, and until when it may be appealed.
    public struct Decision: Sendable, Equatable {
        public var on: CalendarDate
        public var by: String
        public var penalty: String
        public var amount: Money
        /// Why the penalty is outside its benchmark range, where it is.
        public var reason: String?
        /// The violation recorded with the penalty's effects.
        public var violation: Int
        /// The last day to apply for administrative reconsideration (行政复议), and to sue (行政诉讼).
        public var reconsiderationBy: CalendarDate
        public var lawsuitBy: CalendarDate
    }

    public enum Status: String, Sendable {
        /// Notified, the defence period running or over, no statement.
        case notified
        /// The institution has stated its defence.
        case defended
        case decided
    }

    public var id: Int
    public var institution: String
    public var caregiver: String?
    public var person: Int?
    /// A code of the scheme's negative list.
    public var type: String
    /// The penalty intended.
    public var penalty: String
    public var amount: Money
    public var foundOn: CalendarDate
    public var facts: String
    public var grounds: String
    public var notifiedOn: CalendarDate
    public var notifiedBy: String
    /// The last day of the defence period: `defenceDays` after the notice's
    /// date, or after the day it was recorded if the notice is backdated.
    public var defenceUntil: CalendarDate
    /// The institution's self-reports that cover the matter (mitigation).
    public var selfReports: [Int]
    public var range: Range?
    /// Why the intended penalty is outside its range, where it is.
    public var reason: String?
    public var statement: Statement?
    public var decision: Decision?

    public var status: Status { decision != nil ? .decided : statement != nil ? .defended : .notified }

    public init(id: Int, institution: String, caregiver: String?, person: Int?, type: String, penalty: String, amount: Money, foundOn: CalendarDate,
                facts: String, grounds: String, notifiedOn: CalendarDate, notifiedBy: String, defenceUntil: CalendarDate, selfReports: [Int],
                range: Range?, reason: String?) {
        self.id = id
        self.institution = institution
        self.caregiver = caregiver
        self.person = person
        self.type = type
        self.penalty = penalty
        self.amount = amount
        self.foundOn = foundOn
        self.facts = facts
        self.grounds = grounds
        self.notifiedOn = notifiedOn
        self.notifiedBy = notifiedBy
        self.defenceUntil = defenceUntil
        self.selfReports = selfReports
        self.range = range
        self.reason = reason
    }

    public var json: JSONValue {
        [
            "id": .integer(id), "institution": .string(institution), "caregiver": caregiver.map(JSONValue.string) ?? .null,
            "person": person.map(JSONValue.integer) ?? .null, "type": .string(type), "penalty": .string(penalty), "amount": amount.json,
            "foundOn": .string(foundOn.description), "facts": .string(facts), "grounds": .string(grounds),
            "notifiedOn": .string(notifiedOn.description), "notifiedBy": .string(notifiedBy), "defenceUntil": .string(defenceUntil.description),
            "selfReports": .array(selfReports.map(JSONValue.integer)), "range": range?.json ?? .null, "reason": reason.map(JSONValue.string) ?? .null,
            "status": .string(status.rawValue),
            "statement": statement.map { ["text": .string($0.text), "on": .string($0.on.description), "by": .string($0.by)] } ?? .null,
            "decision": decision.map {
                ["on": .string($0.on.description), "by": .string($0.by), "penalty": .string($0.penalty), "amount": $0.amount.json,
                 "reason": $0.reason.map(JSONValue.string) ?? .null, "violation": .integer($0.violation),
                 "reconsiderationBy": .string($0.reconsiderationBy.description), "lawsuitBy": .string($0.lawsuitBy.description)]
            } ?? .null,
        ]
    }

    public init?(json: JSONValue) {
        func date(_ value: JSONValue?) -> CalendarDate? { value?.stringValue.flatMap(CalendarDate.init) }
        guard let id = json["id"]?.intValue, let institution = json["institution"]?.stringValue, let type = json["type"]?.stringValue,
              let penalty = json["penalty"]?.stringValue, let amount = json["amount"].flatMap(Money.init(json:)),
              let foundOn = date(json["foundOn"]), let facts = json["facts"]?.stringValue, let grounds = json["grounds"]?.stringValue,
              let notifiedOn = date(json["notifiedOn"]), let by = json["notifiedBy"]?.stringValue, let until = date(json["defenceUntil"]),
              let reports = json["selfReports"]?.arrayValue?.compactMap(\.intValue) else { return nil }
        self.init(id: id, institution: institution, caregiver: json["caregiver"]?.stringValue, person: json["person"]?.intValue, type: type,
                  penalty: penalty, amount: amount, foundOn: foundOn, facts: facts, grounds: grounds, notifiedOn: notifiedOn, notifiedBy: by,
                  defenceUntil: until, selfReports: reports, range: Range(json: json["range"]), reason: json["reason"]?.stringValue)
        if let given = json["statement"], let text = given["text"]?.stringValue, let on = date(given["on"]), let by = given["by"]?.stringValue {
            statement = Statement(text: text, on: on, by: by)
        }
        if let given = json["decision"], let on = date(given["on"]), let by = given["by"]?.stringValue, let penalty = given["penalty"]?.stringValue,
           let amount = given["amount"].flatMap(Money.init(json:)), let violation = given["violation"]?.intValue,
           let reconsideration = date(given["reconsiderationBy"]), let lawsuit = date(given["lawsuitBy"]) {
            decision = Decision(on: on, by: by, penalty: penalty, amount: amount, reason: given["reason"]?.stringValue, violation: violation,
                                reconsiderationBy: reconsideration, lawsuitBy: lawsuit)
        }
    }
}
