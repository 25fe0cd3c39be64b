import LTCCases
import LTCCore
@testable import LTCProviders
import Testing

/// Urumqi's home visits (乌医保〔2022〕2号): paid by the hour at the grade's
/// standard (employees at grade 3: 62 an hour; residents: 48), up to 30
/// hours a month, the fund paying all of it.
@Suite("A benefit row's unit standard and its hours a month")
struct HourlyStandardTests {
    /// One-hour visits on the given days of April (at `hour`, or at 14:00 for a second visit that day), sent in time.
    func visits(_ world: ProviderWorld, _ days: [Int], prefix: String = "U", institution: String = "I001", caregiver: String = "C1",
                at hour: Int = 9) throws -> [SubmissionReport] {
        var reports: [SubmissionReport] = []
        var batch: [String] = []
        var number = 0
        for (index, date) in days.enumerated() {
            number += 1
            let text = String(format: "2026-04-%02d", date)
            let second = days[..<index].contains(date)
            let (from, to) = second ? (14, 15) : (hour, hour + 1)
            batch.append(world.line("\(prefix)\(number)", caregiver, "U02", on: text, String(format: "%02d:00", from), String(format: "%02d:00", to),
                                    institution: institution))
            if index == days.count - 1 || days[index + 1] / 8 != date / 8 {
                reports.append(try world.submit(batch, asOf: String(format: "2026-04-%02d", min(30, date + 1))))
                batch = []
            }
        }
        return reports
    }

    @Test("An agreed price of 72 an hour is paid at the standard, 62: 28 hours are 1,736.00, every one accepted")
    func standardCapsThePrice() throws {
        let world = try ProviderWorld(scheme: "urumqi-2022", prices: ["U02": Money(yuan: 72)])
        let reports = try visits(world, Array(1...28))
        #expect(reports.flatMap(\.rejected).map(\.rule) == [])
        #expect(reports.reduce(0) { $0 + $1.accepted } == 28)
        #expect(reports.reduce(Money.zero) { $0 + $1.billed } == Money(yuan: 72 * 28))
        #expect(reports.reduce(Money.zero) { $0 + $1.fund } == Money(text: "1736.00")!)
    }

    @Test("The excess over the standard is the person's: billed above allowed, on the log and the statement")
    func excessIsThePersons() throws {
        let world = try ProviderWorld(scheme: "urumqi-2022", prices: ["U02": Money(yuan: 72)])
        _ = try world.submit([world.line("U1", "C1", "U02", on: "2026-04-06", "09:00", "10:00")])
        let statement = try #require(try world.settlement.settle(month: YearMonth("2026-04")!, actor: admin, asOf: day("2026-05-04")).statements.first)
        #expect(statement.billed == Money(yuan: 72) && statement.allowed == Money(yuan: 62) && statement.fund == Money(yuan: 62))
        #expect(statement.overCap == Money(yuan: 10))
    }

    @Test("A resident at 40 an hour: of 35 one-hour visits, 30 are accepted, 5 refused for the month's 30 hours (P05)")
    func hoursPerMonth() throws {
        let world = try ProviderWorld(scheme: "urumqi-2022", prices: ["U02": Money(yuan: 40)], insurance: .resident)
        let days = Array(1...28) + [2, 4, 6, 8, 10, 12, 14].map { $0 + 14 }
        let reports = try visits(world, days.sorted())
        #expect(reports.reduce(0) { $0 + $1.accepted } == 30)
        #expect(reports.flatMap(\.rejected).map(\.rule) == Array(repeating: .beyondMonthlyPackage, count: 5))
        #expect(reports.flatMap(\.rejected).first?.detail == "31 hours in 2026-04, beyond the 30 hours the package allows in the month (its hours a month, for the days paid)")
    }

    @Test("The month's hours count across institutions: 20 hours at I001 leave 10 at I002")
    func hoursAcrossInstitutions() throws {
        let world = try ProviderWorld(scheme: "urumqi-2022", prices: ["U02": Money(yuan: 40)], insurance: .resident)
        try ProviderWorld.designate("I002", scheme: "urumqi-2022", modes: ["home-visit"], prices: ["U02": Money(yuan: 40)], with: world.agreements)
        _ = try world.agreements.register(Caregiver(id: "D1", name: "护理员D1", institution: "I002", qualifications: ["caregiver"],
                                                    employment: [DatePeriod(from: day("2026-01-01"), to: nil)]), actor: admin, asOf: day("2026-01-15"))
        _ = try world.agreements.enrol(caseID: world.caseID, institution: "I002", mode: "home-visit", from: day("2026-03-17"), home: ProviderWorld.home,
                                       actor: admin, asOf: day("2026-03-17"))
        let first = try visits(world, Array(1...20))
        let second = try visits(world, Array(1...15), prefix: "V", institution: "I002", caregiver: "D1", at: 16)
        #expect(first.reduce(0) { $0 + $1.accepted } == 20)
        #expect(second.reduce(0) { $0 + $1.accepted } == 10)
        #expect(second.flatMap(\.rejected).map(\.rule) == Array(repeating: .beyondMonthlyPackage, count: 5))
    }

    @Test("A death recorded late re-caps the month's hours as it would have been met: ten days leave 10 of 30 hours, 550.00 at 55")
    func lateDeathReCapsHours() throws {
        func june(deathFirst: Bool) throws -> Money {
            let world = try ProviderWorld(scheme: "urumqi-2022", prices: ["U02": Money(yuan: 55)])
            if deathFirst {
                _ = try world.cases.terminate(caseID: world.caseID, reason: .death, on: day("2026-06-10"), actor: admin, asOf: day("2026-06-10"))
            }
            // Two one-hour visits a day on 1–10 June: 20 hours at 55, below the standard 62, within the full month's 30.
            let lines = (1...10).flatMap { date in
                [world.line("M\(date)", "C1", "U02", on: String(format: "2026-06-%02d", date), "09:00", "10:00"),
                 world.line("A\(date)", "C2", "U02", on: String(format: "2026-06-%02d", date), "14:00", "15:00")]
            }
            _ = try world.submit(lines, asOf: "2026-06-10")
            if !deathFirst {
                let ended = try world.cases.terminate(caseID: world.caseID, reason: .death, on: day("2026-06-10"), actor: admin, asOf: day("2026-06-25"))
                #expect(ended.afterEnd?["recapped"]?.intValue == 10)
            }
            return try world.scratch.store.read { (tx: any ProviderTransaction) in try tx.usage.fund(people: [world.person], month: YearMonth("2026-06")!) }[world.person] ?? .zero
        }
        #expect(try june(deathFirst: true) == Money(yuan: 550))
        #expect(try june(deathFirst: false) == Money(yuan: 550))
    }
}
