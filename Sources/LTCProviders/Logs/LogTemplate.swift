import LTCCore

/// A logs file to start from, built from what ltc holds for an institution
/// on a day: the CSV header, and an example line for each client enrolled
/// that day (or only the first) in the client's mode, with an item of the
/// client's care plan (else of the grade's package), a caregiver employed
/// that day who holds a qualification the item needs, and a time already
/// past, so that the line as written is one intake accepts. The clients
/// are listed beside it with their modes and planned items.
///
/// ```swift
/// let template = try intake.template(institution: "I001", allClients: false, actor: clerk, asOf: today)
/// print(template.csv)   // log_id,institution,caregiver,person,item,start,end,mode / I001-20261207-1,I001,C1,1,S01,…
/// ```
public struct LogTemplate: Sendable, Equatable {
    /// A client enrolled with the institution on the day.
    public struct Client: Sendable, Equatable {
        public var caseID: Int
        public var person: Int
        public var mode: String
        public var enrolledFrom: CalendarDate
        /// The items of the care plan binding that day, with their number a week; empty without one.
        public var planned: [CarePlan.Item]
        /// The grade's weekly hours or visits, where the package counts them.
        public var weeklyMinutes: Int?
        public var weeklyVisits: Int?

        public init(caseID: Int, person: Int, mode: String, enrolledFrom: CalendarDate, planned: [CarePlan.Item],
                    weeklyMinutes: Int?, weeklyVisits: Int?) {
            self.caseID = caseID
            self.person = person
            self.mode = mode
            self.enrolledFrom = enrolledFrom
            self.planned = planned
            self.weeklyMinutes = weeklyMinutes
            self.weeklyVisits = weeklyVisits
        }

        public var json: JSONValue {
            [
                "case": .integer(caseID), "person": .integer(person), "mode": .string(mode), "enrolledFrom": .string(enrolledFrom.description),
                "planned": .array(planned.map(\.json)),
                "weeklyMinutes": weeklyMinutes.map(JSONValue.integer) ?? .null, "weeklyVisits": weeklyVisits.map(JSONValue.integer) ?? .null,
            ]
        }
    }

    /// The columns a logs file has, in order; `latitude,longitude` may follow for the check-in.
    public static let header = "log_id,institution,caregiver,person,item,start,end,mode"

    public var institution: String
    public var day: CalendarDate
    /// Example lines, ready to send as they are: one per client, or the first client's only.
    public var lines: [ServiceLog]
    public var clients: [Client]
    /// Why there is no example line, when there is none (no client enrolled, no caregiver employed).
    public var missing: String?

    public init(institution: String, day: CalendarDate, lines: [ServiceLog], clients: [Client], missing: String?) {
        self.institution = institution
        self.day = day
        self.lines = lines
        self.clients = clients
        self.missing = missing
    }

    /// The header and the example lines, as a logs file.
    public var csv: String {
        ([Self.header] + lines.map { log in
            [log.logID, log.institution, log.caregiver, String(log.person), log.item, log.start.description, log.end.description, log.mode]
                .map(CSVText.cell).joined(separator: ",")
        }).joined(separator: "\n") + "\n"
    }

    public var json: JSONValue {
        [
            "institution": .string(institution), "day": .string(day.description), "header": .string(Self.header),
            "csv": .string(csv), "lines": .array(lines.map(\.json)), "clients": .array(clients.map(\.json)),
            "missing": missing.map(JSONValue.string) ?? .null,
        ]
    }
}
