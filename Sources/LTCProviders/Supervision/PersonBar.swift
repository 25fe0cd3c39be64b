import LTCCases
import LTCCore

/// A person barred from LTCI work after a major fund loss or serious harm
/// (《长期护理保险护理服务机构定点管理办法（试行）》, 2024, restated in
/// `../shared/domain/agreements.md`): the legal representative or principal
/// for 5 years; other responsible staff lose the qualification to be paid
/// by LTCI for 3–12 months, in serious cases are barred for 1–3 years. The
/// bar follows the person by national ID, to any institution: they may not
/// be registered as a caregiver or be a provider's principal while it runs,
/// and their employment as a caregiver ends the day before it starts.
///
/// ```swift
/// let bar = try PersonBar(nationalID: id, name: "赵某", role: .principal, months: 60, from: day, institution: "I009", reason: "fraud")
/// bar.until   // the day before the fifth anniversary
/// ```
public struct PersonBar: Sendable, Equatable {
    public enum Role: String, Sendable, CaseIterable {
        /// 法定代表人 or 主要负责人: 5 years.
        case principal
        /// Other responsible staff: 3–12 months.
        case staff
        /// Other responsible staff, in a serious case: 1–3 years.
        case seriousStaff = "staff-serious"

        /// The months the 2024 rules allow for the role.
        public var months: ClosedRange<Int> {
            switch self {
            case .principal: 60...60
            case .staff: 3...12
            case .seriousStaff: 12...36
            }
        }
    }

    public var id: Int
    public var nationalID: NationalID
    public var name: String
    public var role: Role
    public var from: CalendarDate
    /// The last day of the bar.
    public var until: CalendarDate
    /// The institution whose case led to the bar.
    public var institution: String
    public var reason: String

    /// A bar of `months` from `from`, within what the rules allow for `role`.
    public init(nationalID: NationalID, name: String, role: Role, months: Int, from: CalendarDate, institution: String,
                reason: String) throws(CaseError) {
        guard role.months.contains(months) else {
            let allowed = role.months.count == 1 ? "\(role.months.lowerBound) months" : "\(role.months.lowerBound)–\(role.months.upperBound) months"
            throw CaseError(.invalidInput, "a bar on \(role.rawValue) runs \(allowed) under the 2024 rules, not \(months)")
        }
        self.init(id: 0, nationalID: nationalID, name: name, role: role, from: from, until: from.adding(months: months).adding(days: -1),
                  institution: institution, reason: reason)
    }

    init(id: Int, nationalID: NationalID, name: String, role: Role, from: CalendarDate, until: CalendarDate, institution: String, reason: String) {
        self.id = id
        self.nationalID = nationalID
        self.name = name
        self.role = role
        self.from = from
        self.until = until
        self.institution = institution
        self.reason = reason
    }

    public func covers(_ day: CalendarDate) -> Bool { from <= day && day <= until }

    /// Whether the bar runs on any day of `period`.
    public func overlaps(_ period: DatePeriod) -> Bool {
        period.from <= until && (period.to.map { $0 >= from } ?? true)
    }

    /// As shown: the national ID masked.
    public var json: JSONValue { encoded(nationalID.masked) }
    /// As stored.
    public var document: JSONValue { encoded(nationalID.value) }

    private func encoded(_ id: String) -> JSONValue {
        [
            "id": .integer(self.id), "nationalId": .string(id), "name": .string(name), "role": .string(role.rawValue),
            "from": .string(from.description), "until": .string(until.description), "institution": .string(institution), "reason": .string(reason),
        ]
    }

    public init?(document json: JSONValue, id: Int) {
        guard let text = json["nationalId"]?.stringValue, let nationalID = try? NationalID(text), let name = json["name"]?.stringValue,
              let role = json["role"]?.stringValue.flatMap(Role.init(rawValue:)),
              let from = json["from"]?.stringValue.flatMap(CalendarDate.init), let until = json["until"]?.stringValue.flatMap(CalendarDate.init),
              let institution = json["institution"]?.stringValue, let reason = json["reason"]?.stringValue else { return nil }
        self.init(id: id, nationalID: nationalID, name: name, role: role, from: from, until: until, institution: institution, reason: reason)
    }
}
