import LTCCases
import LTCCore

/// A person's individual care plan (护理计划): the service items they are
/// to receive, how often and for how long, drawn from their care needs and
/// the scheme's catalogue, within their grade's package and the month's
/// ceiling. Shanghai draws the plan from the assessment before service
/// starts (`../shared/domain/schemes.md`).
///
/// A plan is proposed (from the needs), may be set again by hand within the
/// catalogue's rules (each version kept, with its reason), and binds once
/// the person agrees: ``confirmation`` records who agreed and when, and the
/// plan is in force from that day until the next confirmed plan. Every
/// version is kept: ``CarePlanService/history(caseID:actor:)``.
///
/// ```swift
/// let plan = try plans.propose(caseID: 1, answers: ["needs.pressure": 1], actor: admin, asOf: day)
/// plan.items.map(\.code)   // ["S01", "S02", "S03"]
/// ```
public struct CarePlan: Sendable, Equatable {
    public enum Status: String, Sendable, CaseIterable {
        /// Made, not yet agreed by the person.
        case proposed
        /// Agreed: binds the logs of its days.
        case inForce = "in-force"
        /// A plan in force that a later one replaced (``until`` says when).
        case superseded
        /// A proposal replaced by another before it was agreed.
        case discarded
    }

    /// One item of a plan: how many services a week (and at most a day), and
    /// the minutes of each for an hour-priced item.
    public struct Item: Sendable, Equatable {
        public var code: String
        public var perWeek: Int
        /// The most on one day; `nil`: no limit but the week's.
        public var perDay: Int?
        /// Minutes of one service (hour-priced items only).
        public var minutes: Int?

        public init(code: String, perWeek: Int, perDay: Int? = nil, minutes: Int? = nil) {
            self.code = code
            self.perWeek = perWeek
            self.perDay = perDay
            self.minutes = minutes
        }

        public var json: JSONValue {
            var object: JSONObject = ["code": .string(code), "perWeek": .integer(perWeek)]
            if let perDay { object.set("perDay", .integer(perDay)) }
            if let minutes { object.set("minutes", .integer(minutes)) }
            return .object(object)
        }

        public init?(json: JSONValue) {
            guard let code = json["code"]?.stringValue, let perWeek = json["perWeek"]?.intValue else { return nil }
            self.init(code: code, perWeek: perWeek, perDay: json["perDay"]?.intValue, minutes: json["minutes"]?.intValue)
        }
    }

    /// The person's agreement to the plan (a recorded confirmation).
    public struct Confirmation: Sendable, Equatable {
        /// Who agreed: the person, or their agent, by name.
        public var by: String
        public var on: CalendarDate
        /// Who recorded it.
        public var recordedBy: String

        public init(by: String, on: CalendarDate, recordedBy: String) {
            self.by = by
            self.on = on
            self.recordedBy = recordedBy
        }

        public var json: JSONValue { ["by": .string(by), "on": .string(on.description), "recordedBy": .string(recordedBy)] }

        public init?(json: JSONValue) {
            guard let by = json["by"]?.stringValue, let on = json["on"]?.stringValue.flatMap(CalendarDate.init),
                  let recordedBy = json["recordedBy"]?.stringValue else { return nil }
            self.init(by: by, on: on, recordedBy: recordedBy)
        }
    }

    public var caseID: Int
    public var person: Int
    /// 1, 2, …: one per change, never reused.
    public var version: Int
    public var status: Status
    public var schemeID: String
    /// The grade and mode the plan was made for: a change of either makes it due for review.
    public var grade: Int
    public var mode: String
    /// The care-needs form and its answers (derived from the disability
    /// assessment where the form says so, the rest asked), the needs they
    /// show and the care-need level the form grades.
    public var needsForm: String
    public var answers: [String: Int]
    public var needs: [String]
    public var needLevel: Int
    public var items: [Item]
    public var madeOn: CalendarDate
    public var madeBy: String
    /// Why this version was made: "proposed from the care needs", or the reason given for a change.
    public var reason: String
    public var confirmation: Confirmation?
    /// The days the plan binds: from the day it was agreed to the day before the next plan's.
    public var from: CalendarDate?
    public var until: CalendarDate?

    /// Whether the plan binds logs of `day`.
    public func binds(on day: CalendarDate) -> Bool {
        guard let from, from <= day else { return false }
        return until.map { day <= $0 } ?? true
    }

    public func item(_ code: String) -> Item? { items.first { $0.code == code } }

    /// The minutes of care a week the plan's hour-priced items add up to.
    public var weeklyMinutes: Int { items.reduce(0) { $0 + $1.perWeek * ($1.minutes ?? 0) } }

    public var json: JSONValue {
        var object: JSONObject = [
            "case": .integer(caseID), "person": .integer(person), "version": .integer(version), "status": .string(status.rawValue),
            "scheme": .string(schemeID), "grade": .integer(grade), "mode": .string(mode),
            "needsForm": .string(needsForm),
            "answers": .object(JSONObject(answers.keys.sorted().map { JSONObject.Member($0, .integer(answers[$0]!)) })),
            "needs": .array(needs.map(JSONValue.string)), "needLevel": .integer(needLevel),
            "items": .array(items.map(\.json)),
            "madeOn": .string(madeOn.description), "madeBy": .string(madeBy), "reason": .string(reason),
        ]
        if let confirmation { object.set("confirmation", confirmation.json) }
        if let from { object.set("from", .string(from.description)) }
        if let until { object.set("until", .string(until.description)) }
        return .object(object)
    }

    public init(caseID: Int, person: Int, version: Int, status: Status, schemeID: String, grade: Int, mode: String, needsForm: String,
                answers: [String: Int], needs: [String], needLevel: Int, items: [Item], madeOn: CalendarDate, madeBy: String, reason: String) {
        self.caseID = caseID
        self.person = person
        self.version = version
        self.status = status
        self.schemeID = schemeID
        self.grade = grade
        self.mode = mode
        self.needsForm = needsForm
        self.answers = answers
        self.needs = needs
        self.needLevel = needLevel
        self.items = items
        self.madeOn = madeOn
        self.madeBy = madeBy
        self.reason = reason
    }

    public init?(json: JSONValue) {
        guard let caseID = json["case"]?.intValue, let person = json["person"]?.intValue, let version = json["version"]?.intValue,
              let status = json["status"]?.stringValue.flatMap(Status.init), let schemeID = json["scheme"]?.stringValue,
              let grade = json["grade"]?.intValue, let mode = json["mode"]?.stringValue, let needsForm = json["needsForm"]?.stringValue,
              let answerObject = json["answers"]?.objectValue, let needs = json["needs"]?.arrayValue?.compactMap(\.stringValue),
              let needLevel = json["needLevel"]?.intValue, let items = json["items"]?.arrayValue?.compactMap(Item.init(json:)),
              let madeOn = json["madeOn"]?.stringValue.flatMap(CalendarDate.init), let madeBy = json["madeBy"]?.stringValue,
              let reason = json["reason"]?.stringValue else { return nil }
        var answers: [String: Int] = [:]
        for member in answerObject {
            guard let score = member.value.intValue else { return nil }
            answers[member.key] = score
        }
        self.init(caseID: caseID, person: person, version: version, status: status, schemeID: schemeID, grade: grade, mode: mode,
                  needsForm: needsForm, answers: answers, needs: needs, needLevel: needLevel, items: items, madeOn: madeOn, madeBy: madeBy,
                  reason: reason)
        confirmation = json["confirmation"].flatMap(Confirmation.init(json:))
        from = json["from"]?.stringValue.flatMap(CalendarDate.init)
        until = json["until"]?.stringValue.flatMap(CalendarDate.init)
    }
}
