import LTCCases
import LTCCore

/// The people behind providers: bars on a legal representative or on
/// responsible staff (``PersonBar``), followed by national ID to every institution.
extension SupervisionService {
    /// What recording a bar did.
    public struct BarOutcome: Sendable {
        public var bar: PersonBar
        /// The person's caregiver registrations whose employment now ends the day before the bar.
        public var endedEmployment: [CaregiverKey]

        public var json: JSONValue {
            guard case .object(var fields) = bar.json else { return bar.json }
            fields.set("endedEmployment", .array(endedEmployment.map { .string($0.description) }))
            return .object(fields)
        }
    }

    /// Bars a person from LTCI work for the months the 2024 rules allow their
    /// role, from `from`. Every caregiver registration of theirs, at any
    /// institution, stops employing them the day before, so that services
    /// they log in the bar are rejected as by anyone not employed.
    public func bar(nationalID text: String, name: String, role: PersonBar.Role, months: Int, from: CalendarDate, institution: String,
                    reason: String, actor: Actor, asOf: CalendarDate) throws -> BarOutcome {
        let nationalID = try NationalID(text)
        let operation = Operation("person.bar", subject: "institution:\(institution)", actor: actor, asOf: asOf, reason: reason)
        return try work.change(operation, on: store.transactions) { tx in
            try Access.require(actor, .supervise)
            try PlainText.require(name, "name")
            guard !reason.allSatisfy(\.isWhitespace) else { throw CaseError(.invalidInput, "a bar needs its reason: the violation that led to it") }
            guard try tx.institutions.institution(id: institution) != nil else { throw CaseError(.notFound, "no institution \(institution)") }
            var bar = try PersonBar(nationalID: nationalID, name: name, role: role, months: months, from: from, institution: institution, reason: reason)
            bar.id = try tx.bars.insert(bar)
            var ended: [CaregiverKey] = []
            for var caregiver in try tx.caregivers.caregivers(nationalID: nationalID) {
                var changed = false
                caregiver.employment = caregiver.employment.compactMap { period in
                    guard bar.overlaps(period) else { return period }
                    changed = true
                    guard period.from < from else { return nil }
                    return DatePeriod(from: period.from, to: from.adding(days: -1))
                }
                guard changed else { continue }
                try tx.caregivers.upsert(caregiver)
                ended.append(CaregiverKey(institution: caregiver.institution, caregiver: caregiver.id))
            }
            let outcome = BarOutcome(bar: bar, endedEmployment: ended)
            return Outcome(outcome, subject: "bar:\(bar.id)", after: outcome.json)
        }
    }

    /// Every bar, by id, a page at a time (administrators and auditors; IDs masked).
    public func bars(actor: Actor, page: PageRequest<Int>) throws -> Page<PersonBar, Int> {
        try Access.require(actor, .readAll)
        return try store.read { try $0.bars.list(page: page) }
    }

    /// Throws if a bar on the person runs on `day` or on any day of `periods`:
    /// a barred person is not registered as a caregiver nor stands as a principal.
    static func requireNotBarred(_ nationalID: NationalID, as what: String, on day: CalendarDate, periods: [DatePeriod] = [],
                                 in tx: any ProviderTransaction) throws {
        for bar in try tx.bars.bars(nationalID: nationalID) where bar.covers(day) || periods.contains(where: bar.overlaps) {
            throw CaseError(.forbidden, "\(nationalID.masked) is barred from LTCI work from \(bar.from) to \(bar.until) (\(bar.role.rawValue), bar \(bar.id)): not accepted as \(what)",
                            details: ["bar": .integer(bar.id), "until": .string(bar.until.description)])
        }
    }
}
