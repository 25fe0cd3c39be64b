import LTCCore

/// An on-site inspection (现场检查) or a complaint about an institution:
/// inspections carry the inspector's score (0–100), which feeds the
/// inspector-scored indicators of the performance assessment and, when good,
/// the institution's credit; complaints count towards the `complaints`
/// indicator.
public struct SupervisionRecord: Sendable, Equatable {
    public enum Kind: String, Sendable {
        case inspection, complaint
    }

    public var id: Int
    public var kind: Kind
    public var institution: String
    public var date: CalendarDate
    /// Inspections: the score from 0 to 100.
    public var score: Int?
    /// Complaints: the person who complained, if insured.
    public var person: Int?
    public var note: String
    public var recordedBy: String
    /// The random draw (``InspectionDraw``) that sent the inspectors, if one did.
    public var draw: Int? = nil
    /// Inspections: which kind (seed 000 §18, seed 002 ch. 7); `nil` on records made before kinds were kept.
    public var inspectionType: InspectionType? = nil
    /// Inspections: the matter inspected, which the scheme's `reinspectionDays` keeps from being inspected again soon.
    public var matter: String? = nil

    public init(id: Int, kind: Kind, institution: String, date: CalendarDate, score: Int?, person: Int?, note: String, recordedBy: String) {
        self.id = id
        self.kind = kind
        self.institution = institution
        self.date = date
        self.score = score
        self.person = person
        self.note = note
        self.recordedBy = recordedBy
    }

    public var json: JSONValue {
        [
            "id": .integer(id), "kind": .string(kind.rawValue), "institution": .string(institution), "date": .string(date.description),
            "score": score.map(JSONValue.integer) ?? .null, "person": person.map(JSONValue.integer) ?? .null,
            "note": .string(note), "recordedBy": .string(recordedBy), "draw": draw.map(JSONValue.integer) ?? .null,
            "type": inspectionType.map { .string($0.rawValue) } ?? .null, "matter": matter.map(JSONValue.string) ?? .null,
        ]
    }

    public init?(json: JSONValue) {
        guard let id = json["id"]?.intValue, let kind = json["kind"]?.stringValue.flatMap(Kind.init(rawValue:)),
              let institution = json["institution"]?.stringValue, let date = json["date"]?.stringValue.flatMap(CalendarDate.init),
              let note = json["note"]?.stringValue, let by = json["recordedBy"]?.stringValue else { return nil }
        self.init(id: id, kind: kind, institution: institution, date: date, score: json["score"]?.intValue, person: json["person"]?.intValue,
                  note: note, recordedBy: by)
        draw = json["draw"]?.intValue
        inspectionType = json["type"]?.stringValue.flatMap(InspectionType.init(rawValue:))
        matter = json["matter"]?.stringValue
    }
}

/// The kinds of on-site inspection the seeds name (seed 000 §18: routine,
/// special and joint inspections, 日常检查、专项检查、联合检查; seed 002 ch. 7:
/// flight inspections, 飞行检查, unannounced).
public enum InspectionType: String, Sendable, CaseIterable {
    case routine, special, joint, flight
}
