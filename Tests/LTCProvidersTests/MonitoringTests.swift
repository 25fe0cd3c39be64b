import Foundation
import LTCCases
import LTCCore
@testable import LTCProviders
import LTCSchemes
import LTCStorage
import LTCTestSupport
import Testing

/// A month at I001 and I002 where every log passes intake, yet the month as a
/// whole shows what the monitoring rules look for: caregiver C1 checks in
/// 7.7 km from the last client five minutes after leaving; two clients check
/// in at one point; C1 also works at I002 as D1 (one national ID) and both
/// serve on 7 April; a client is in hospital 14–18 April and visited on the
/// 15th; another moves from I001 (one hour in March) to I002 (twelve in April).
struct MonitoringWorld {
    let world: ProviderWorld
    let monitoring: MonitoringService
    let second: Int, third: Int, mover: Int
    static let pointA = "31.230416,121.473701"          // the first client's home (ProviderWorld.home)
    static let pointB = "31.300000,121.473701"          // 7.7 km north
    static let nearA = GeoPoint(text: "31.231000,121.473701")!

    init() throws {
        world = try ProviderWorld()
        monitoring = MonitoringService(store: world.scratch.store, clock: SystemClock())
        try ProviderWorld.designate("I002", modes: ["home-visit"], prices: ["S01": Money(yuan: 65), "S02": Money(yuan: 65)], capacity: 200,
                                    with: world.agreements)
        let shared = try NationalID(validID("11010519800101002"))
        var c1 = Caregiver(id: "C1", name: "护理员C1", institution: "I001", qualifications: ["caregiver"], employment: [DatePeriod(from: day("2026-01-01"), to: nil)])
        c1.nationalID = shared
        _ = try world.agreements.register(c1, actor: admin, asOf: day("2026-01-15"))
        var d1 = Caregiver(id: "D1", name: "护理员D1", institution: "I002", qualifications: ["caregiver"], employment: [DatePeriod(from: day("2026-01-01"), to: nil)])
        d1.nationalID = shared
        _ = try world.agreements.register(d1, actor: admin, asOf: day("2026-01-15"))

        let world = world
        second = try Self.client(world, "11010519400101201", homes: [("I001", GeoPoint(text: Substring(Self.pointB))!), ("I002", GeoPoint(text: Substring(Self.pointB))!)])
        third = try Self.client(world, "11010519400101302", homes: [("I001", Self.nearA)])
        mover = try Self.client(world, "11010519400101403", homes: [("I001", Self.nearA), ("I002", Self.nearA)])
    }

    /// A client at grade 3 from 2026-03-17, enrolled with each institution at its home.
    static func client(_ world: ProviderWorld, _ first17: String, homes: [(String, GeoPoint)]) throws -> Int {
        let person = try world.registry.addPerson(name: "客户\(first17.suffix(3))", nationalID: validID(first17), insurance: .employee,
                                                  enrolledOn: day("2020-01-01"), actor: admin, asOf: day("2026-01-01")).id
        let caseID = try ProviderWorld.effectiveCase(world.cases, person: person, evidence: world.scratch)
        for (institution, home) in homes {
            _ = try world.agreements.enrol(caseID: caseID, institution: institution, mode: "home-visit", from: day("2026-03-17"), home: home,
                                           actor: admin, asOf: day("2026-03-17"))
        }
        return person
    }

    /// Submits lines and expects every one accepted.
    func accept(_ lines: [String], asOf: String) throws {
        let report = try world.submit(lines, asOf: asOf)
        #expect(report.rejected.isEmpty, "\(report.rejected)")
    }

    func plant() throws {
        let w = world
        try accept([w.line("M1", on: "2026-03-24", person: mover, at: Self.pointA)], asOf: "2026-03-25")
        try accept([
            w.line("A1", on: "2026-04-07", "09:00", "10:00", at: Self.pointA),
            w.line("A2", on: "2026-04-07", "10:05", "11:05", person: second, at: Self.pointB),
            w.line("A3", "D1", on: "2026-04-07", "14:00", "15:00", person: second, institution: "I002", at: Self.pointB),
            w.line("A4", "C2", on: "2026-04-08", "09:00", "10:00", person: third, at: Self.pointA),
        ], asOf: "2026-04-09")
        try accept([w.line("A5", on: "2026-04-15", "09:00", "10:00", at: Self.pointA)], asOf: "2026-04-16")
        for (week, asOf) in [("06", "2026-04-09"), ("13", "2026-04-16"), ("20", "2026-04-23"), ("27", "2026-04-30")] {
            let monday = Int(week)!
            try accept((0..<3).map { offset in
                w.line("J\(monday + offset)", "D1", on: "2026-04-\(String(format: "%02d", monday + offset))", "16:00", "17:00", person: mover,
                       institution: "I002", at: Self.pointA)
            }, asOf: asOf)
        }
    }
}

@Suite("Monitoring across time: rules over a month of stored data, flags and their reviews")
struct MonitoringTests {
    let april = YearMonth("2026-04")!

    @Test("Each rule flags what was planted, with its figures and the logs behind it; running again adds nothing")
    func rulesFlagThePlantedMonth() throws {
        let city = try MonitoringWorld()
        try city.plant()
        _ = try city.monitoring.importStays(Array("person,hospital,admitted,discharged\n\(city.world.person),市第一人民医院,2026-04-14,2026-04-18\n".utf8),
                                            actor: admin, asOf: day("2026-04-20"))
        let run = try city.monitoring.run(month: april, schemeID: nil, actor: admin, asOf: day("2026-05-02"))
        let found = Dictionary(grouping: run.flags, by: \.rule).mapValues { $0.map(\.subject) }
        #expect(found[.impossibleTravel] == ["caregiver:I001/C1"])
        #expect(found[.sharedCheckIn] == ["location:\(MonitoringWorld.pointA)"])
        #expect(found[.twoInstitutions] == ["caregivers:I001/C1,I002/D1"])
        #expect(found[.serviceDuringStay] == ["stay:1"])
        #expect(found[.hoursJump] == ["person:\(city.mover)"])

        let travel = try #require(run.flags.first { $0.rule == .impossibleTravel })
        #expect(travel.figures["worstGapMinutes"] == 5 && travel.figures["worstLogs"] == ["A1", "A2"], "\(travel.figures)")
        let (_, items) = try city.monitoring.flag(id: travel.id, actor: admin, page: try PageRequest(limit: 1))
        #expect(items.items == [FlagItem.log("I001", "A1")] && items.next == 1)
        let jump = try #require(run.flags.first { $0.rule == .hoursJump })
        #expect(jump.figures["minutesBefore"] == 60 && jump.figures["minutesAfter"] == 720 && jump.institution == "I002")
        let stay = try #require(run.flags.first { $0.rule == .serviceDuringStay })
        let (_, stayItems) = try city.monitoring.flag(id: stay.id, actor: admin, page: try PageRequest())
        #expect(stayItems.items == [FlagItem(.stay, "1"), FlagItem.log("I001", "A5")])

        let again = try city.monitoring.run(month: april, schemeID: nil, actor: admin, asOf: day("2026-05-03"))
        #expect(again.flags.isEmpty && again.alreadyFlagged == run.flags.count)
    }

    @Test("A flag is assigned, then dismissed with a reason or confirmed with a violation; auditors read, institutions see nothing")
    func reviews() throws {
        let city = try MonitoringWorld()
        try city.plant()
        _ = try city.world.registry.addStaff(id: "wang", role: .administrator, name: nil, actor: admin, asOf: day("2026-01-02"))
        _ = try city.world.registry.addStaff(id: "li", role: .administrator, name: nil, actor: admin, asOf: day("2026-01-02"))
        let run = try city.monitoring.run(month: april, schemeID: nil, actor: admin, asOf: day("2026-05-02"))
        let shared = try #require(run.flags.first { $0.rule == .sharedCheckIn })
        let travel = try #require(run.flags.first { $0.rule == .impossibleTravel })

        #expect(throws: CaseError.self) { try city.monitoring.dismiss(flag: shared.id, reason: "day care", actor: admin, asOf: day("2026-05-03")) }
        #expect(throws: CaseError.self) { try city.monitoring.assign(flag: shared.id, to: "administrator:nobody", actor: admin, asOf: day("2026-05-03")) }
        let assigned = try city.monitoring.assign(flag: shared.id, to: "administrator:li", actor: admin, asOf: day("2026-05-03"))
        #expect(assigned.status == .assigned && assigned.assignee == "administrator:li")
        let dismissed = try city.monitoring.dismiss(flag: shared.id, reason: "the two clients live in one flat", actor: admin, asOf: day("2026-05-04"))
        #expect(dismissed.status == .dismissed && dismissed.reason == "the two clients live in one flat" && dismissed.violation == nil)
        #expect(throws: CaseError.self) { try city.monitoring.dismiss(flag: shared.id, reason: "again", actor: admin, asOf: day("2026-05-04")) }

        _ = try city.monitoring.assign(flag: travel.id, to: "administrator:li", actor: admin, asOf: day("2026-05-03"))
        let confirmed = try city.monitoring.confirm(flag: travel.id, reason: "visit A2 was not made", institution: nil, type: "V02", penalty: "recovery",
                                                    amount: Money(yuan: 65), actor: admin, asOf: day("2026-05-05"))
        let violation = try #require(confirmed.violation)
        let recorded = try city.world.supervision.violations(institution: "I001", actor: admin, page: try PageRequest()).items
        #expect(confirmed.status == .confirmed && recorded.map(\.id) == [violation] && recorded[0].evidence.hasPrefix("monitoring flag \(travel.id) (impossible-travel"))

        let auditor = try Actor("auditor:zhao")
        #expect(try city.monitoring.flags(FlagFilter(status: .confirmed), actor: auditor, page: try PageRequest()).items.map(\.id) == [travel.id])
        #expect(throws: CaseError.self) { try city.monitoring.flags(FlagFilter(), actor: try Actor("institution:I001"), page: try PageRequest()) }
        #expect(throws: CaseError.self) { try city.monitoring.run(month: april, schemeID: nil, actor: auditor, asOf: day("2026-05-05")) }
        let events = try city.world.scratch.store.read { (tx: any ProviderTransaction) in
            try tx.audit.events(subject: "flag:\(travel.id)")
        }
        #expect(events.map(\.action) == ["monitor.assign", "monitor.resolve"])
    }

    @Test("A stay recorded after its month is settled withdraws the services on its days and recovers what was paid on the next statement")
    func staySettledLater() throws {
        let city = try MonitoringWorld()
        try city.accept([city.world.line("S1", on: "2026-03-20", at: MonitoringWorld.pointA),
                         city.world.line("S2", on: "2026-03-23", at: MonitoringWorld.pointA)], asOf: "2026-03-24")
        _ = try city.world.settlement.settle(month: YearMonth("2026-03")!, actor: admin, asOf: day("2026-04-05"))
        let file = "person,hospital,admitted,discharged\n\(city.world.person),市第一人民医院,2026-03-19,2026-03-21\n"
        let imported = try city.monitoring.importStays(Array(file.utf8), actor: admin, asOf: day("2026-04-10"))
        #expect(imported.stays.count == 1 && imported.recoveries.map(\.logID) == ["S1"])
        #expect(imported.recoveries.first.map { $0.amount < .zero } == true)
        let again = try city.monitoring.importStays(Array(file.utf8), actor: admin, asOf: day("2026-04-11"))
        #expect(again.stays.map(\.id) == imported.stays.map(\.id) && again.recoveries.isEmpty)
    }

    @Test("A stays file with problems is refused whole, each problem with its line")
    func stayFileProblems() throws {
        let file = "person,hospital,admitted,discharged\n1,医院,2026-04-01,2026-04-03\nx,医院,2026-04-01,2026-04-03\n2,,2026-04-01,2026-04-03\n3,医院,2026-04-05,2026-04-01\n"
        #expect(throws: InputError(source: "stays", message: "line 3: person 'x' is not a person id; line 4: hospital must be 1–100 characters of plain text; "
                                   + "line 5: discharged 2026-04-01 is before admitted 2026-04-05 or ten years after it")) {
            try StayFile.read(Array(file.utf8))
        }
        #expect(throws: InputError(source: "line 1", message: "expected the header person,hospital,admitted,discharged")) {
            try StayFile.read(Array("person,admitted\n".utf8))
        }
    }

    @Test("Institutions are outliers by robust z-score: distance from the median in units of 1.4826 MAD, at least the threshold")
    func institutionOutliers() throws {
        // Minutes per client: 560 to 640 at five institutions, 1,800 at the sixth: median 610, MAD 30, so z = 1,190 ÷ 44.5 = 26.8.
        let measures = [560, 600, 620, 580, 640, 1800].enumerated().map { index, minutes in
            InstitutionMeasures(institution: "I00\(index)", visits: 60, clients: 1, minutes: minutes, caregiverDays: 60, identicalStarts: 0)
        }
        let analysis = MonitorAnalysis(month: april, thresholds: AnalyticsThresholds(minimumVisits: 50, robustZ: 3.5))
        let found = try analysis.institutions(Measured(measures: measures))
        #expect(found.map(\.subject) == ["institution:I005"] && found.map(\.rule) == [.hoursPerClient])
        #expect(found.first?.figures["robustZ"] == .number("26.75"), "\(found)")
        // Where half or more are equal (MAD 0), the mean absolute deviation × 1.2533 stands in; all equal, nobody is an outlier.
        #expect(abs(RobustStatistics.robustZ(of: [0, 0, 0, 0, 0.5]).last!! - 0.5 / (1.253314 * 0.1)) < 1e-9)
        #expect(RobustStatistics.robustZ(of: [0.2, 0.2, 0.2]) == [nil, nil, nil])
    }

    @Test("An assessor's share of severe grades is tested against the pooled rest: 30 of 40 against 40 of 160 gives z ≈ 5.93")
    func twoProportionTest() {
        let z = try! #require(RobustStatistics.twoProportionZ(30, 40, 40, 160))
        #expect(abs(z - 5.9300) < 0.001, "\(z)")
        #expect(RobustStatistics.twoProportionZ(0, 10, 0, 10) == nil)
    }

    @Test("The scheme's analytics thresholds are checked at load, each problem naming its field and value")
    func thresholdsValidated() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Examples/schemes/hours-home-care-2026.json")
        let text = try String(contentsOf: url, encoding: .utf8)
        let scheme = try Scheme.decode(text: Array(text.utf8), source: "hours-home-care-2026.json")
        #expect(scheme.benefits?.monitoring?.analytics == AnalyticsThresholds())
        let broken = text.replacingOccurrences(of: "\"maxKmPerHour\": 60", with: "\"maxKmPerHour\": 0")
            .replacingOccurrences(of: "\"zScore\": 3.0", with: "\"zScore\": \"high\"")
        #expect {
            try Scheme.decode(text: Array(broken.utf8), source: "broken.json")
        } throws: { error in
            let text = "\(error)"
            return text.contains("broken.json") && text.contains("monitoring.analytics.travel.maxKmPerHour") && text.contains("0 is outside 1–1000")
                && text.contains("analytics.assessorSevere.zScore")
        }
    }
}

/// Institution measures as given, for the outlier rule alone.
private struct Measured: MonitoringRepository {
    let measures: [InstitutionMeasures]
    func institutionMeasures(month: YearMonth) throws -> [InstitutionMeasures] { measures }
    func sharedCheckIns(month: YearMonth, minimumClients: Int) throws -> [SharedCheckInLog] { [] }
    func consecutiveVisits(month: YearMonth, _ visit: (ConsecutiveVisits) -> Void) throws {}
    func caregiversAcrossInstitutions(month: YearMonth) throws -> [CrossInstitutionLog] { [] }
    func movedClients(month: YearMonth, ratioPercent: Int, minimumIncrease: Int) throws -> [MovedClient] { [] }
    func servicesDuringStays(month: YearMonth) throws -> [StayService] { [] }
    func services(during stay: InpatientStay) throws -> [StayService] { [] }
    func flagKeys(month: YearMonth) throws -> Set<String> { [] }
    func insert(_ flag: MonitorFlag, items: [FlagItem]) throws -> Int { 0 }
    func flag(id: Int) throws -> MonitorFlag? { nil }
    func update(_ flag: MonitorFlag) throws {}
    func flags(_ filter: FlagFilter, page: PageRequest<Int>) throws -> Page<MonitorFlag, Int> { Page(items: [], next: nil) }
    func items(flag: Int, page: PageRequest<Int>) throws -> Page<FlagItem, Int> { Page(items: [], next: nil) }
    func insert(_ stay: InpatientStay) throws -> (stay: InpatientStay, new: Bool) { (stay, true) }
}
