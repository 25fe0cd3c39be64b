import LTCCases
import LTCCore
import LTCProviders
import Testing

@Suite("Caps by the day: a daily-priced benefit's cap and one bed-day per person per day")
struct DailyCapTests {
    @Test("Tengzhou's home visiting care, 45 a day: a second visit is allowed what is left of the day, a third is refused (P03)")
    func dailyCap() throws {
        let world = try ProviderWorld(scheme: "day-rate-2026", prices: ["H01": Money(yuan: 30)])
        let report = try world.submit([world.line("V1", "C1", "H01", on: "2026-04-06", "08:00", "09:00"),
                                       world.line("V2", "C2", "H01", on: "2026-04-06", "10:00", "11:00"),
                                       world.line("V3", "C1", "H01", on: "2026-04-06", "14:00", "15:00"),
                                       world.line("V4", "C1", "H01", on: "2026-04-07", "08:00", "09:00")])
        #expect(report.accepted == 3)
        #expect(report.rejected.map(\.rule) == [.beyondDailyCap])
        #expect(report.rejected.first?.logID == "V3")
        // 30 + 15 on the 6th, 30 on the 7th: billed 90, allowed 75, the fund's 90 %.
        #expect(report.billed == Money(yuan: 90) && report.allowed == Money(yuan: 75))
        let week = try world.scratch.store.read { (tx: any ProviderTransaction) in
            try tx.usage.weeks(people: [world.person], weeks: [Week.number(of: day("2026-04-06"))])
        }
        #expect(week.first?.allowed.prefix(2) == [Money(yuan: 45), Money(yuan: 30)])
    }

    @Test("A day's cap is freed by a withdrawal: the day's use follows the stored logs")
    func dayUseFollowsWithdrawal() throws {
        let world = try ProviderWorld(scheme: "day-rate-2026", prices: ["H01": Money(yuan: 45)])
        _ = try world.submit([world.line("V1", "C1", "H01", on: "2026-04-06", "08:00", "09:00")])
        let second = try world.submit([world.line("V2", "C2", "H01", on: "2026-04-06", "10:00", "11:00")])
        #expect(second.rejected.map(\.rule) == [.beyondDailyCap])
        let header = "log_id,institution,caregiver,person,item,start,end,mode,latitude,longitude\n"
        _ = try world.intake.withdraw(Array((header + world.line("V1", "C1", "H01", on: "2026-04-06", "08:00", "09:00") + "\n").utf8),
                                      actor: admin, asOf: day("2026-04-16"))
        let again = try world.submit([world.line("V2", "C2", "H01", on: "2026-04-06", "10:00", "11:00")])
        #expect(again.accepted == 1 && again.allowed == Money(yuan: 45))
    }

    @Test("Two bed-days for one person on one day, at different times: the second is refused (P04), also from another institution")
    func oneBedDayPerDay() throws {
        let world = try ProviderWorld()
        // A second beneficiary in institutional care (N01, a bed-day, capped at 70 a day) at I002 and I003.
        let person = try world.registry.addPerson(name: "王阿婆", nationalID: validID("11010519400101124"), insurance: .employee,
                                                  enrolledOn: day("2020-01-01"), actor: admin, asOf: day("2026-01-01")).id
        let caseID = try ProviderWorld.effectiveCase(world.cases, person: person)
        _ = try world.cases.setMode(caseID: caseID, mode: "institution", actor: admin, asOf: day("2026-03-17"))
        for institution in ["I002", "I003"] {
            try ProviderWorld.designate(institution, modes: ["institution"], prices: ["N01": Money(yuan: 70)], with: world.agreements)
            _ = try world.agreements.register(Caregiver(id: "N1", name: "护理员", institution: institution, qualifications: ["caregiver"],
                                                        employment: [DatePeriod(from: day("2026-01-01"), to: nil)]), actor: admin, asOf: day("2026-01-15"))
        }
        _ = try world.agreements.enrol(caseID: caseID, institution: "I002", mode: "institution", from: day("2026-03-17"), home: nil,
                                       actor: admin, asOf: day("2026-03-17"))
        _ = try world.agreements.enrol(caseID: caseID, institution: "I003", mode: "institution", from: day("2026-03-17"), home: nil,
                                       actor: admin, asOf: day("2026-03-17"))
        let report = try world.submit([
            world.line("B1", "N1", "N01", on: "2026-04-06", "00:00", "12:00", person: person, institution: "I002", mode: "institution"),
            world.line("B2", "N1", "N01", on: "2026-04-06", "13:00", "23:00", person: person, institution: "I002", mode: "institution"),
            world.line("B3", "N1", "N01", on: "2026-04-06", "13:00", "23:00", person: person, institution: "I003", mode: "institution"),
            world.line("B4", "N1", "N01", on: "2026-04-07", "00:00", "12:00", person: person, institution: "I002", mode: "institution"),
        ])
        #expect(report.accepted == 2)
        #expect(report.rejected.map(\.rule) == [.secondBedDay, .secondBedDay])
        // I002's own log is named to I002; I003 learns only that another institution logged the day.
        #expect(report.rejected.map(\.detail) == ["person \(person) already has a bed-day on 2026-04-06 (log B1)",
                                                   "person \(person) already has a bed-day on 2026-04-06 (a log of another institution)"])
        #expect(report.billed == Money(yuan: 140) && report.allowed == Money(yuan: 140))
    }
}

@Suite("Intake prices each person on their insured group's row")
struct InsuredGroupIntakeTests {
    /// 21 hours of home visits in April at 72 an hour: 1512 billed.
    func april(_ world: ProviderWorld) throws -> SubmissionReport {
        let days = ["06", "07", "08", "09", "13", "14", "15"]
        return try world.submit(days.enumerated().map { index, date in
            world.line("U\(index)", "C1", "U02", on: "2026-04-\(date)", "09:00", "12:00")
        })
    }

    @Test("Urumqi, grade 3 home visits at an agreed 72 an hour: a resident's 21 hours are allowed at 48 (1,008), an employee's at 62 (1,302)")
    func monthlyCeilingByGroup() throws {
        let resident = try ProviderWorld(scheme: "urumqi-2022", prices: ["U02": Money(yuan: 72)], insurance: .resident)
        let residentReport = try april(resident)
        #expect(residentReport.billed == Money(yuan: 1512) && residentReport.allowed == Money(yuan: 1008), "\(residentReport.rejected)")
        let employee = try ProviderWorld(scheme: "urumqi-2022", prices: ["U02": Money(yuan: 72)], insurance: .employee)
        let employeeReport = try april(employee)
        #expect(employeeReport.accepted == 7 && employeeReport.allowed == Money(yuan: 1302), "\(employeeReport.rejected)")
    }
}

@Suite("A copay per visit comes off before the fund's share")
struct CopayIntakeTests {
    @Test("Tai'an's medical home visits: an 80 visit pays the fund 70, the person 10")
    func copayPerVisit() throws {
        let world = try ProviderWorld(scheme: "taian-style-2026", prices: ["A02": Money(yuan: 80)], mode: "medical-visit")
        let report = try world.submit([
            world.line("M1", "C2", "A02", on: "2026-04-06", "09:00", "10:00", mode: "medical-visit"),
            world.line("M2", "C2", "A02", on: "2026-04-08", "09:00", "10:00", mode: "medical-visit"),
        ])
        #expect(report.accepted == 2, "\(report.rejected)")
        #expect(report.allowed == Money(yuan: 160))
        #expect(report.fund == Money(yuan: 140))
    }
}

@Suite("Intake prices a person on their contribution tier's row")
struct TierIntakeTests {
    @Test("Qingdao, grade 3 home care capped at 450: the fund pays 80 % at tier 1 and 75 % at tier 2", arguments: [(1, "360"), (2, "337.50")])
    func tierRatio(tier: Int, fund: String) throws {
        let world = try ProviderWorld(scheme: "qingdao-style-2026", prices: ["Q01": Money(yuan: 50)], insurance: .resident, tier: tier, mode: "home-care")
        let days = ["10", "11", "12", "13", "14", "15", "16", "17", "18", "19"]
        let report = try world.submit(days.enumerated().map { index, date in
            world.line("Q\(index)", "C1", "Q01", on: "2026-04-\(date)", "09:00", "10:00", mode: "home-care")
        }, asOf: "2026-04-20")
        #expect(report.allowed == Money(yuan: 450), "\(report.rejected.map(\.detail))")
        #expect(report.fund == Money(text: fund)!)
    }
}
