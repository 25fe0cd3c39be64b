import Foundation
import LTCCases
import LTCCore
import LTCProviders
import LTCSchemes

/// A synthetic city for demonstrations and the benchmark: institutions with
/// signed agreements and caregivers, beneficiaries with effective grades 3–5
/// in home care, and a month of home-visit logs of which a chosen share
/// breaks a monitoring rule. Deterministic for a given seed.
///
/// ```swift
/// var city = SyntheticCity(beneficiaries: 48_000, institutions: 400, seed: 1)
/// try city.seed(store, scheme: scheme)               // one transaction, straight into storage
/// let csv = city.logs(month: YearMonth("2026-04")!, violationShare: 5)
/// ```
struct SyntheticCity {
    var beneficiaries: Int
    var institutions: Int
    var caregiversPerInstitution: Int
    var mode = "home-visit"
    /// Person ids of the beneficiaries, once seeded, with their grade, institution, schedule slot and
    /// one-hour visits a week (the weekly hours of their grade's package in the scheme).
    private(set) var people: [(person: Int, grade: Int, institution: Int, slot: Int, perWeek: Int)] = []
    private var random: UInt64

    init(beneficiaries: Int, institutions: Int, caregiversPerInstitution: Int = 20, seed: UInt64 = 1) {
        self.beneficiaries = beneficiaries
        self.institutions = institutions
        self.caregiversPerInstitution = caregiversPerInstitution
        random = seed &* 0x9E37_79B9_7F4A_7C15 | 1
    }

    mutating func next(_ bound: Int) -> Int {
        random ^= random << 13
        random ^= random >> 7
        random ^= random << 17
        return Int(random % UInt64(bound))
    }

    static func institutionID(_ index: Int) -> String { "I\(String(format4(index)))" }
    static func format4(_ n: Int) -> String { String(repeating: "0", count: max(0, 4 - String(n).count)) + String(n) }

    /// Writes the city into an empty store in one transaction: people and
    /// effective cases (grades valid from `validFrom`), institutions with
    /// active agreements, caregivers (one in ten a nurse), enrolments.
    mutating func seed(_ store: any ProviderStore, scheme: Scheme, validFrom: CalendarDate) throws {
        guard let benefits = scheme.benefits else { throw CaseError(.invalidScheme, "scheme \(scheme.id) has no benefits") }
        let year = YearMonth(containing: validFrom).year
        people = []
        try store.write { (tx: any ProviderTransaction) in
            if try tx.schemes.scheme(id: scheme.id) == nil { try tx.schemes.insert(scheme) }
            // The benchmarks' commands act as administrator:bench.
            if try tx.staff.isEmpty() { try tx.staff.insert(StaffMember(id: "bench", role: .administrator, name: nil, addedOn: validFrom)) }
            for index in 0..<institutions {
                let id = Self.institutionID(index)
                try tx.institutions.insert(Institution(id: id, name: "合成护理站\(index)", type: .homeCare, licence: "SYN-\(id)", deliveries: ["home"],
                                          capacity: beneficiaries / max(institutions, 1) + 50, address: "合成市\(index)号",
                                          district: "D\(index % 16)", contact: "000-\(id)"))
                var agreement = Agreement(id: "AG-\(id)-1", institution: id, schemeID: scheme.id, terms: Agreement.Terms(
                    version: 1, effectiveFrom: CalendarDate(year: year, month: 1, day: 1)!, start: CalendarDate(year: year, month: 1, day: 1)!,
                    end: CalendarDate(year: year, month: 12, day: 31)!, modes: [mode],
                    prices: Dictionary(uniqueKeysWithValues: benefits.catalogue.filter { $0.unit == .hour }.map { ($0.code, $0.price) }),
                    capacity: 10_000))
                agreement.status = .active
                agreement.signedOn = CalendarDate(year: year, month: 1, day: 1)!
                try tx.agreements.insert(agreement)
                for caregiver in 0..<caregiversPerInstitution {
                    try tx.caregivers.upsert(Caregiver(id: "C\(caregiver)", name: "护理员\(index)-\(caregiver)", institution: id,
                                            qualifications: caregiver % 10 == 0 ? ["nurse", "caregiver"] : ["caregiver"],
                                            employment: [DatePeriod(from: CalendarDate(year: year - 1, month: 1, day: 1)!, to: nil)]))
                }
            }
            for index in 0..<beneficiaries {
                let grade = [3, 3, 3, 4, 4, 5][next(6)]
                let personID = try tx.people.insert(InsuredPerson(id: 0, name: "受益人\(index)", nationalID: try Self.nationalID(index),
                                                           insurance: .employee, enrolledOn: CalendarDate(year: year - 10, month: 1, day: 1)!,
                                                           status: .insured))
                var record = Case(id: 0, personID: personID, schemeID: scheme.id, institution: nil, state: .effective,
                                  openedOn: validFrom.adding(days: -30), disabledSince: validFrom.adding(days: -400))
                record.determination = Determination(assessmentID: 0, grade: grade, gradeLabel: "grade \(grade)", decidedOn: validFrom.adding(days: -10),
                                                     benefitsEligible: true, validFrom: validFrom, validUntil: validFrom.adding(days: 729))
                record.modes = [ModePeriod(from: validFrom, mode: mode)]
                let caseID = try tx.cases.insert(record)
                let institution = index % max(institutions, 1)
                let weekly = benefits.rule(grade: grade, mode: mode).flatMap { rule -> Int? in
                    if case .perWeek(let hours)? = rule.quantity { return hours * 60 } else { return nil }
                }
                _ = try tx.enrolments.insert(Enrolment(id: 0, caseID: caseID, personID: personID, institution: Self.institutionID(institution), mode: mode,
                                            period: DatePeriod(from: validFrom, to: nil), weeklyMinutes: weekly, weeklyVisits: nil, home: nil))
                people.append((personID, grade, institution, index / max(institutions, 1), min(7, (weekly ?? 60) / 60)))
            }
        }
    }

    /// A valid national ID number for the index-th synthetic person (up to a
    /// billion): region 31xxxx, a birth date in 1950, three sequence digits.
    static func nationalID(_ index: Int) throws -> NationalID {
        let region = "31" + format4(index / 100_000 % 10_000)
        let birth = CalendarDate(year: 1950, month: 1, day: 1)!.adding(days: index / 1000 % 100)
        let sequence = String(index % 1000)
        return try NationalID(completing: region + birth.description.replacingOccurrences(of: "-", with: "")
                                  + String(repeating: "0", count: 3 - sequence.count) + sequence)
    }

    /// A month of home-visit logs as CSV: each beneficiary gets one-hour visits
    /// filling the weekly plan, spread over the week's days; `violationShare`
    /// percent of the logs are changed to break a rule (unknown caregiver, an
    /// unqualified caregiver for nursing, too short, an overlapping visit, a
    /// visit beyond the week's plan, a duplicate under another id).
    mutating func logs(month: YearMonth, violationShare: Int) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(people.count * 22 * 80)
        out += Array("log_id,institution,caregiver,person,item,start,end,mode\n".utf8)
        var sequence = 0
        func append(_ institution: String, _ caregiver: Int, _ person: Int, _ item: String, _ day: CalendarDate, _ from: Int, _ to: Int) {
            sequence += 1
            let start = LocalMinute(day: day, minute: from), end = LocalMinute(day: day, minute: to)
            out += Array("L\(sequence),\(institution),C\(caregiver),\(person),\(item),\(start),\(end),\(mode)\n".utf8)
        }
        for (person, _, institutionIndex, slot, perWeek) in people {
            let institution = Self.institutionID(institutionIndex)
            // Each caregiver (not C0, the nurse) visits one person an hour from 08:00 to 17:00.
            let caregiver = slot / 9 % (caregiversPerInstitution - 1) + 1
            let hour = 8 + slot % 9
            for day in month.days {
                let weekday = (day.dayNumber + 3) % 7   // 0 Monday … 6 Sunday
                guard weekday < perWeek else { continue }
                let from = hour * 60
                if next(100) < violationShare {
                    switch next(6) {
                    case 0: append(institution, caregiversPerInstitution + 5, person, "S01", day, from, from + 60)   // unknown caregiver
                    case 1: append(institution, caregiver, person, "S02", day, from, from + 60)                      // nursing without a nurse
                    case 2: append(institution, caregiver, person, "S01", day, from, from + 5)                       // too short
                    case 3:                                                                                        // overlapping visit
                        append(institution, caregiver, person, "S01", day, from, from + 60)
                        append(institution, caregiver % (caregiversPerInstitution - 1) + 1, person, "S01", day, from + 30, from + 50)
                    case 4:                                                                                        // beyond the week's plan
                        append(institution, caregiver, person, "S01", day, from, from + 60)
                        append(institution, caregiver, person, "S01", day, from + 120, from + 180)
                    default:                                                                                       // duplicate under another id
                        append(institution, caregiver, person, "S01", day, from, from + 60)
                        append(institution, caregiver, person, "S01", day, from, from + 60)
                    }
                } else {
                    append(institution, caregiver, person, "S01", day, from, from + 60)
                }
            }
        }
        return out
    }
}
