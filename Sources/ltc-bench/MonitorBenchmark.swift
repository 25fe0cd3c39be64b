// Scenario "monitor": a synthetic city's two months of service logs, with
// anomalies of every kind the monitoring rules look for planted among them,
// submitted through intake (each planted log passes its checks); then
// `monitor.run` over the second month, timed, and each rule's precision
// (flags that are planted) and recall (planted found) against what was planted.
//
//     ltc-bench monitor N       N logs a month (and as many the month before), in a temporary SQLite file
//     ltc-bench monitor N --db postgresql://…   the same on an empty PostgreSQL database

import Foundation
import LTCCases
import LTCCore
import LTCProviders
import LTCSchemes
import LTCStorage

enum MonitorBenchmark {
    static let month = LogsBenchmark.month
    static let admin = try! Actor("administrator:bench")

    /// What was planted, by rule: the subjects a perfect run flags.
    struct Planted {
        var subjects: [MonitorRule: Set<String>] = [:]
        mutating func add(_ rule: MonitorRule, _ subject: String) { subjects[rule, default: []].insert(subject) }
    }

    /// A point `index` places from a base, in micro-degrees: distinct for every index.
    static func point(_ latitude: Int, _ longitude: Int) -> String {
        GeoPoint(latitudeMicro: latitude, longitudeMicro: longitude).text
    }

    static func run(logs: Int, database given: String?) throws {
        let database = given ?? FileManager.default.temporaryDirectory.appendingPathComponent("ltc-bench-monitor-\(getpid()).sqlite").path
        defer { if given == nil { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: database + suffix) } } }
        let started = Date()
        let store = try StoreLocation(database).open()
        let people = max(240, Int((Double(logs) / 19.25).rounded()))
        let institutionCount = max(12, people / 100)
        var city = SyntheticCity(beneficiaries: people, institutions: institutionCount, caregiversPerInstitution: 27, seed: 11)
        let scheme = try LogsBenchmark.scheme()
        try city.seed(store, scheme: scheme, validFrom: CalendarDate("2026-01-01")!)
        var random = SplitMix64(seed: 33)
        func next(_ bound: Int) -> Int { Int(random.next() % UInt64(bound)) }
        var planted = Planted()
        let institution = SyntheticCity.institutionID

        // Institutions 0–2 are planted outliers, one of each measure; the rest are ordinary.
        let heavy = 0, packed = 1, clockwork = 2
        planted.add(.hoursPerClient, "institution:\(institution(heavy))")
        planted.add(.visitsPerCaregiverDay, "institution:\(institution(packed))")
        planted.add(.identicalStarts, "institution:\(institution(clockwork))")
        let ordinary = Array(3..<institutionCount)

        // Each caregiver's clients live within ~450 m of the caregiver's base; bases within ~3 km of their institution's.
        func base(_ index: Int, _ caregiver: Int) -> (Int, Int) {
            (31_000_000 + index * 20_000 + caregiver * 700, 121_200_000 + (index % 7) * 30_000 + caregiver * 500)
        }
        var homes: [Int: String] = [:]
        var caregiverOf: [Int: Int] = [:]
        for (n, person) in city.people.enumerated() {
            let caregiver = person.slot / 6 % 24 + 1
            caregiverOf[person.person] = caregiver
            let (lat, lon) = base(person.institution, caregiver)
            homes[person.person] = point(lat + (n % 97) * 37 - 1800, lon + (n % 89) * 41 - 1800)
        }

        // Shared check-in: the next client of a caregiver checks in at a client's home, for a few pairs.
        var checkIn = homes
        let shared = stride(from: 0, to: max(0, city.people.count - institutionCount), by: max(1, city.people.count / 6)).prefix(6)
        for n in shared where ordinary.contains(city.people[n].institution) {
            checkIn[city.people[n + institutionCount].person] = homes[city.people[n].person]
            planted.add(.sharedCheckIn, "location:\(homes[city.people[n].person]!)")
        }

        // Clients who move: served by their institution once a week last month, by the next institution in full this month.
        let movers = city.people.filter { $0.perWeek >= 5 && ordinary.contains($0.institution) }.prefix(6).map { $0.person }
        var movedTo: [Int: Int] = [:]
        var evening: Set<Int> = []
        try store.write { (tx: any ProviderTransaction) in
            for person in movers {
                let from = city.people.first { $0.person == person }!.institution
                let to = ordinary[(ordinary.firstIndex(of: from)! + 1) % ordinary.count]
                movedTo[person] = to
                guard let record = try tx.cases.openCase(person: person) else { continue }
                _ = try tx.enrolments.insert(Enrolment(id: 0, caseID: record.id, personID: person, institution: institution(to), mode: "home-visit",
                                                       period: DatePeriod(from: CalendarDate("2026-01-01")!, to: nil), weeklyMinutes: 420,
                                                       weeklyVisits: nil, home: nil))
                planted.add(.hoursJump, "person:\(person)")
            }
            // One person, two institutions: C1 of institution k and C26 of k+1 share a national ID, for a few k; C26 serves
            // k+1's first client at 18:00, after C1's day at k (intake refuses one person's overlapping visits at two institutions).
            for (pair, index) in stride(from: 0, to: ordinary.count - 1, by: 2).prefix(4).map({ ordinary[$0] }).enumerated() {
                let id = try SyntheticCity.nationalID(5_000_000 + pair)
                for (at, caregiverID) in [(index, "C1"), (index + 1, "C26")] {
                    guard var caregiver = try tx.caregivers.caregiver(institution: institution(at), id: caregiverID) else { continue }
                    caregiver.nationalID = id
                    try tx.caregivers.upsert(caregiver)
                }
                evening.insert(city.people.first { $0.institution == index + 1 && !movers.contains($0.person) }!.person)
                planted.add(.twoInstitutions, "caregivers:\(institution(index))/C1,\(institution(index + 1))/C26")
            }
            // Assessors: 30 with 40 determinations this month, severe (grade 4 up) three times in ten; A28 and A29 seven in ten.
            // Audit findings: eight each, a quarter lowering the grade; A27's seven of eight.
            var personIndex = 9_000_000
            for assessor in 0..<30 {
                let severeShare = assessor >= 28 ? 7 : 3
                for n in 0..<40 {
                    personIndex += 1
                    let personID = try tx.people.insert(InsuredPerson(id: 0, name: "评估对象\(personIndex)", nationalID: try SyntheticCity.nationalID(personIndex),
                                                                       insurance: .employee, enrolledOn: CalendarDate("2010-01-01")!, status: .insured))
                    var record = Case(id: 0, personID: personID, schemeID: scheme.id, institution: nil, state: .publicity,
                                      openedOn: month.firstDay, disabledSince: CalendarDate("2025-01-01")!)
                    record.assessors = ["A\(assessor)"]
                    let grade = (n * 10 / 40) < severeShare ? 4 + n % 3 : 1 + n % 3
                    record.determination = Determination(assessmentID: 0, grade: grade, gradeLabel: "grade \(grade)", decidedOn: month.firstDay.adding(days: n % 20),
                                                         benefitsEligible: grade >= 3, validFrom: month.firstDay.adding(days: 25), validUntil: nil)
                    let caseID = try tx.cases.insert(record)
                    if n < 8 {
                        let lowered = assessor == 27 ? n < 7 : n % 4 == 0
                        _ = try tx.findings.insert(AssessorFinding(id: 0, assessor: "A\(assessor)", caseID: caseID, assessmentID: 0, auditAssessmentID: 0,
                                                                   grade: grade, auditedGrade: lowered ? max(0, grade - 1) : grade + 1,
                                                                   foundOn: month.firstDay.adding(days: 20)))
                    }
                }
            }
            planted.add(.assessorSevere, "assessor:A28")
            planted.add(.assessorSevere, "assessor:A29")
            planted.add(.assessorDowngrades, "assessor:A27")
        }

        // Impossible travel: for a few caregivers, the second visit of a day checks in 89 km away.
        let travellers = Set(ordinary.suffix(4).map { "\(institution($0))/C2" })
        var travelled: Set<String> = []
        var stayCandidates: [(person: Int, day: CalendarDate)] = []

        func csv(of target: YearMonth, previous: Bool) -> [UInt8] {
            var out = Array("log_id,institution,caregiver,person,item,start,end,mode,latitude,longitude\n".utf8)
            var sequence = 0
            for day in target.days {
                let weekday = (day.dayNumber + 3) % 7
                var packedCount = 0
                var entries: [(at: Int, caregiver: Int, person: Int, start: Int, location: String)] = []
                for person in city.people {
                    guard weekday < person.perWeek else { continue }
                    var at = person.institution
                    if let to = movedTo[person.person] {
                        if previous { guard weekday == 0 else { continue } } else { at = to }
                    }
                    if at == heavy && person.perWeek < 7 { continue }      // the heavy institution logs only its heaviest clients
                    var caregiver = caregiverOf[person.person]!
                    var period = person.slot % 6
                    if at == packed {                                      // six visits a day for each of its caregivers
                        caregiver = packedCount / 6 % 24 + 1
                        period = packedCount % 6
                        packedCount += 1
                    }
                    if movedTo[person.person] != nil, !previous { caregiver = 25; period = movers.firstIndex(of: person.person)! % 6 }
                    let jitter = at == clockwork ? 0 : next(16)
                    var start = 8 * 60 + period * 100 + jitter
                    if evening.contains(person.person) { caregiver = 26; start = 18 * 60 + jitter }
                    let location = checkIn[person.person]!
                    if !previous, at != heavy, at != packed, at != clockwork, stayCandidates.count < 5, day.dayNumber % 9 == 0,
                       movedTo[person.person] == nil, !stayCandidates.contains(where: { $0.person == person.person }) {
                        stayCandidates.append((person.person, day))
                    }
                    entries.append((at, caregiver, person.person, start, location))
                }
                // Impossible travel: a traveller's visit right after another of theirs (the next period) checks in 89 km away.
                if !previous {
                    for key in travellers.subtracting(travelled) {
                        let mine = entries.indices.filter { "\(institution(entries[$0].at))/C\(entries[$0].caregiver)" == key }
                        guard let second = mine.first(where: { index in mine.contains { (entries[$0].start - 480) / 100 == (entries[index].start - 480) / 100 - 1 } }) else { continue }
                        let point = GeoPoint(text: Substring(entries[second].location))!
                        entries[second].location = MonitorBenchmark.point(point.latitudeMicro + 800_000, point.longitudeMicro)
                        travelled.insert(key)
                        planted.add(.impossibleTravel, "caregiver:\(key)")
                    }
                }
                for entry in entries {
                    sequence += 1
                    let from = LocalMinute(day: day, minute: entry.start), to = LocalMinute(day: day, minute: entry.start + 60)
                    out += Array("\(previous ? "P" : "L")\(sequence),\(institution(entry.at)),C\(entry.caregiver),\(entry.person),S01,\(from),\(to),home-visit,\(entry.location)\n".utf8)
                }
            }
            return out
        }
        let asOf = CalendarDate(LogsBenchmark.asOf)!
        let intake = IntakeService(store: store, clock: SystemClock())
        var submitted = 0, rejected = 0
        var rejectedBy: [String: Int] = [:]
        for (target, previous) in [(month.adding(months: -1), true), (month, false)] {
            let report = try intake.submit(csv(of: target, previous: previous), actor: admin, asOf: asOf)
            submitted += report.accepted
            rejected += report.rejected.count
            for (rule, count) in report.byRule { rejectedBy[rule.code, default: 0] += count }
        }
        // Stays: five clients in hospital the day before to the day after a visit of theirs.
        let monitoring = MonitoringService(store: store, clock: SystemClock())
        var stays = "person,hospital,admitted,discharged\n"
        for (person, day) in stayCandidates { stays += "\(person),合成医院,\(day.adding(days: -1)),\(day.adding(days: 1))\n" }
        let imported = try monitoring.importStays(Array(stays.utf8), actor: admin, asOf: asOf)
        for stay in imported.stays { planted.add(.serviceDuringStay, "stay:\(stay.id)") }
        let prepared = Date().timeIntervalSince(started)

        let load = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").prefix(3).joined(separator: " ") ?? "?"
        let runStarted = Date()
        let run = try monitoring.run(month: month, schemeID: nil, actor: admin, asOf: asOf)
        let seconds = Date().timeIntervalSince(runStarted)

        print("city: \(city.people.count) beneficiaries, \(institutionCount) institutions; \(submitted) logs accepted over two months (\(rejected) rejected: \(rejectedBy.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))); prepared in \(LogsBenchmark.format(prepared)) s")
        print("monitor.run \(month): \(LogsBenchmark.format(seconds)) s, \(run.flags.count) flags (load average before: \(load))")
        print("RULE                                   PLANTED  FLAGGED  TRUE  PRECISION  RECALL")
        let flagged = Dictionary(grouping: run.flags, by: \.rule).mapValues { Set($0.map(\.subject)) }
        for rule in MonitorRule.allCases {
            let truth = planted.subjects[rule] ?? [], found = flagged[rule] ?? []
            let hits = truth.intersection(found).count
            let precision = found.isEmpty ? "—" : String(format: "%.2f", Double(hits) / Double(found.count))
            let recall = truth.isEmpty ? "—" : String(format: "%.2f", Double(hits) / Double(truth.count))
            print(rule.rawValue.padding(toLength: 38, withPad: " ", startingAt: 0)
                  + String(truth.count).leftPad(8) + String(found.count).leftPad(9) + String(hits).leftPad(6)
                  + precision.leftPad(11) + recall.leftPad(8))
            if ProcessInfo.processInfo.environment["LTC_BENCH_VERBOSE"] != nil {
                for miss in truth.subtracting(found).sorted() { print("    missed \(miss)") }
                for extra in found.subtracting(truth).sorted() { print("    extra  \(extra)") }
            }
        }
    }
}

