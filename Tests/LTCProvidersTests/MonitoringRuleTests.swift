import LTCCases
import LTCCore
@testable import LTCProviders
import Testing

/// Each monitoring rule with a log that breaks it and one that just passes.
@Suite("Service-log monitoring rules: each with a log that breaks it and one that just passes")
struct MonitoringRuleTests {
    func outcome(_ world: ProviderWorld, _ lines: [String], asOf: String = "2026-04-16") throws -> [String] {
        let report = try world.submit(lines, asOf: asOf)
        let rejected = Dictionary(uniqueKeysWithValues: report.rejected.compactMap { line in line.logID.map { ($0, line.rule.code) } })
        return lines.map { line in
            let id = String(line.prefix { $0 != "," })
            return rejected[id] ?? "ok"
        }
    }

    @Test("The base log is accepted and priced: 1 hour of S01 at 65 yuan, the fund pays 90 %")
    func baseline() throws {
        let world = try ProviderWorld()
        let report = try world.submit([world.line("L1")])
        #expect(report.accepted == 1)
        #expect(report.billed == Money(yuan: 65))
        #expect(report.fund == Money(fen: 5850))
    }

    @Test("F01 a line that cannot be read")
    func malformed() throws {
        let world = try ProviderWorld()
        let report = try world.submit([world.line("L1", on: "2026-04-06", "9:00"), world.line("L2"), "L3,I001,C1"])
        #expect(report.rejected.map(\.rule.code) == ["F01", "F01"])
        #expect(report.rejected[0].detail.contains("start '2026-04-06T9:00' is not a time"))
        #expect(report.rejected[1].detail == "3 fields; the header has 10")
        #expect(report.accepted == 1)
    }

    @Test("F01 an id with a control character or bytes that are not UTF-8 is refused, not stored truncated or altered")
    func idsAreKeptAsSent() throws {
        let world = try ProviderWorld()
        let header: [UInt8] = Array("log_id,institution,caregiver,person,item,start,end,mode,latitude,longitude\n".utf8)
        let nul: [UInt8] = [UInt8(ascii: "N"), 0] + Array((world.line("UL") + "\n").utf8)
        let notUTF8: [UInt8] = Array("BAD".utf8) + [0xFF] + Array((world.line("", on: "2026-04-07") + "\n").utf8)
        let delete: [UInt8] = Array((world.line("C1\u{7F}", on: "2026-04-08") + "\n").utf8)
        let accented: [UInt8] = Array((world.line("É1", on: "2026-04-09") + "\n").utf8)
        let report = try world.intake.submit(header + nul + notUTF8 + delete + accented, actor: admin, asOf: day("2026-04-16"))
        let details: [String] = report.rejected.map { $0.detail }
        #expect(details == ["the log id holds a control character (byte 0x0); ids may not", "the log id is not valid UTF-8",
                            "the log id holds a control character (byte 0x7F); ids may not"])
        #expect(report.accepted == 1)
        let stored = try world.scratch.store.read { (tx: any ProviderTransaction) in
            try tx.logs.stored(institution: "I001", ids: ["É1", "N", "NUL", "BAD\u{FFFD}"])
        }
        #expect(stored.keys.sorted() == ["É1"])
    }

    @Test("T01 a service after today; T02 a log more than 10 days late")
    func timing() throws {
        let world = try ProviderWorld()
        #expect(try outcome(world, [world.line("L1", on: "2026-04-07"), world.line("L2", on: "2026-04-06")], asOf: "2026-04-06") == ["T01", "ok"])
        #expect(try outcome(world, [world.line("L3", on: "2026-04-08")], asOf: "2026-04-18") == ["ok"])
        #expect(try outcome(world, [world.line("L4", on: "2026-04-07")], asOf: "2026-04-18") == ["T02"])
    }

    @Test("T01 compares times, not dates: at 09:34 in Shanghai a visit from 22:00 today is after now, one that ended at 09:30 is not")
    func laterToday() throws {
        let world = try ProviderWorld(clock: FixedClock(instant: "2026-04-16T01:34:00Z")!)   // 09:34 in Asia/Shanghai, the scheme's zone
        let report = try world.submit([world.line("L1", on: "2026-04-16", "22:00", "23:00"), world.line("L2", on: "2026-04-16", "08:30", "09:30"),
                                       world.line("L3", "C2", "S02", on: "2026-04-16", "09:00", "09:35")], asOf: "2026-04-16")
        #expect(report.rejected.map(\.logID) == ["L1", "L3"] && report.rejected.map(\.rule) == [.future, .future] && report.accepted == 1)
        #expect(report.rejected.first?.detail == "the service ends 2026-04-16T23:00, after now (2026-04-16T09:34)")
    }

    @Test("T01 on a day an administrator dates in the past: every time of that day has passed")
    func laterOnAnEarlierDay() throws {
        let world = try ProviderWorld(clock: FixedClock(instant: "2026-04-16T01:34:00Z")!)
        #expect(try outcome(world, [world.line("L1", on: "2026-04-15", "22:00", "23:00"), world.line("L2", on: "2026-04-16", "08:00", "09:00")],
                            asOf: "2026-04-15") == ["ok", "T01"])
    }

    @Test("T03 a new log in a settled month")
    func monthClosed() throws {
        let world = try ProviderWorld()
        _ = try world.settlement.settle(month: YearMonth("2026-03")!, actor: admin, asOf: day("2026-04-01"))
        #expect(try outcome(world, [world.line("L1", on: "2026-03-30"), world.line("L2", on: "2026-04-01")], asOf: "2026-04-02") == ["T03", "ok"])
    }

    @Test("B01 an unknown beneficiary; B02 a day without benefits (before the grade took effect, in hospital)")
    func beneficiary() throws {
        let world = try ProviderWorld()
        #expect(try outcome(world, [world.line("L1", person: 999)]) == ["B01"])
        #expect(try outcome(world, [world.line("L2", on: "2026-03-16"), world.line("L3", on: "2026-03-17")], asOf: "2026-03-20") == ["B02", "ok"])
        _ = try world.cases.suspend(caseID: world.caseID, reason: "hospital stay", actor: admin, asOf: day("2026-04-20"))
        #expect(try outcome(world, [world.line("L4", on: "2026-04-20"), world.line("L5", on: "2026-04-17")], asOf: "2026-04-21") == ["B02", "ok"])
    }

    @Test("E01 not enrolled with the institution in the mode that day")
    func notEnrolled() throws {
        let world = try ProviderWorld()
        _ = try world.agreements.register(ProviderWorld.institution("I002"), actor: admin, asOf: day("2026-01-05"))
        #expect(try outcome(world, [world.line("L1", institution: "I002"), world.line("L2")]) == ["E01", "ok"])
        #expect(try outcome(world, [world.line("L3", on: "2026-04-07", mode: "community-day")]) == ["E01"])
    }

    @Test("A01 no agreement in force (suspended); A02 mode not covered; A03 item not covered")
    func agreement() throws {
        let world = try ProviderWorld()
        let id = try #require(world.agreements.agreements(actor: admin, page: try PageRequest()).items.first?.id)
        _ = try world.agreements.suspend(agreement: id, from: day("2026-04-20"), reason: "inspection", actor: admin, asOf: day("2026-04-19"))
        #expect(try outcome(world, [world.line("L1", on: "2026-04-20"), world.line("L2", on: "2026-04-17")], asOf: "2026-04-21") == ["A01", "ok"])
        _ = try world.agreements.resume(agreement: id, on: day("2026-04-22"), actor: admin, asOf: day("2026-04-22"))
        #expect(try outcome(world, [world.line("L3", on: "2026-04-21", "13:00", "14:00"), world.line("L4", on: "2026-04-22", "13:00", "14:00")], asOf: "2026-04-23") == ["A01", "ok"])

        try ProviderWorld.designate("I002", modes: ["community-day"], prices: ["D01": Money(yuan: 60)], with: world.agreements)
        _ = try world.agreements.enrol(caseID: world.caseID, institution: "I002", mode: "home-visit", from: day("2026-04-01"), home: nil,
                                      actor: admin, asOf: day("2026-04-01"))
        _ = try world.agreements.register(Caregiver(id: "C1", name: "x", institution: "I002", qualifications: ["caregiver"],
                                                   employment: [DatePeriod(from: day("2026-01-01"), to: nil)]), actor: admin, asOf: day("2026-04-01"))
        #expect(try outcome(world, [world.line("L5", on: "2026-04-24", institution: "I002")], asOf: "2026-04-25") == ["A02"])
        #expect(try outcome(world, [world.line("L6", "C1", "D01", on: "2026-04-24")], asOf: "2026-04-25") == ["A03"])
    }

    @Test("C01 an unregistered caregiver; C02 not employed that day; C03 unqualified for the item")
    func caregivers() throws {
        let world = try ProviderWorld()
        #expect(try outcome(world, [world.line("L1", "C9")]) == ["C01"])
        #expect(try outcome(world, [world.line("L2", "C3", on: "2026-04-13"), world.line("L3", "C3", on: "2026-04-10")]) == ["C02", "ok"])
        #expect(try outcome(world, [world.line("L4", "C1", "S02", on: "2026-04-14"), world.line("L5", "C2", "S02", on: "2026-04-15")]) == ["C03", "ok"])
    }

    @Test("L01 an implausible duration (15 to 480 minutes for hourly items)")
    func duration() throws {
        let world = try ProviderWorld()
        #expect(try outcome(world, [world.line("L1", on: "2026-04-06", "09:00", "09:14"), world.line("L2", on: "2026-04-06", "09:00", "09:15")]) == ["L01", "ok"])
        #expect(try outcome(world, [world.line("L3", on: "2026-04-07", "10:00", "09:00")]) == ["L01"])
    }

    @Test("L02 a check-in farther than 500 m from the home")
    func checkIn() throws {
        let world = try ProviderWorld()
        // About 1.1 km and 110 m north of the home.
        #expect(try outcome(world, [world.line("L1", at: "31.240416,121.473701"), world.line("L2", on: "2026-04-07", at: "31.231416,121.473701")]) == ["L02", "ok"])
    }

    @Test("D01 the same service under another log id")
    func duplicate() throws {
        let world = try ProviderWorld()
        #expect(try outcome(world, [world.line("L1"), world.line("L2")]) == ["ok", "D01"])
    }

    @Test("D02 a log id sent twice in one submission: the second line is refused, and only what was stored is counted")
    func repeatedInSubmission() throws {
        let world = try ProviderWorld()
        let report = try world.submit([world.line("L1"), world.line("L1", on: "2026-04-07"), world.line("L1", on: "2026-04-06")])
        #expect(report.received == 3 && report.accepted == 1 && report.corrected == 0 && report.unchanged == 0)
        #expect(report.rejected.map(\.rule) == [.repeatedInSubmission, .repeatedInSubmission] && report.rejected.map(\.line) == [3, 4])
        #expect(report.billed == Money(yuan: 65) && report.fund == Money(fen: 5850))
        let stored = try world.scratch.store.read { (tx: any ProviderTransaction) in try tx.logs.stored(institution: "I001", ids: ["L1"]) }
        #expect(stored["L1"]?.log.day == day("2026-04-06") && stored["L1"]?.version == 1)
        // The month's money is that one visit's.
        let allowed = try world.scratch.store.read { (tx: any ProviderTransaction) in try tx.usage.allowed(people: [world.person], month: YearMonth("2026-04")!) }
        #expect(allowed[world.person] == Money(yuan: 65))
        // A later submission may correct it.
        let later = try world.submit([world.line("L1", on: "2026-04-07")], asOf: "2026-04-17")
        #expect(later.corrected == 1 && later.accepted == 1 && later.rejected.isEmpty)
    }

    @Test("O01 a caregiver in two places at once; O02 a beneficiary served twice at once; back to back is fine")
    func overlaps() throws {
        let world = try ProviderWorld()
        #expect(try outcome(world, [world.line("L1", "C1", on: "2026-04-06", "09:00", "10:00"), world.line("L2", "C1", "S01", on: "2026-04-06", "09:30", "10:30"),
                                    world.line("L3", "C2", "S02", on: "2026-04-06", "09:59", "10:30"), world.line("L4", "C2", "S02", on: "2026-04-06", "10:00", "10:30")])
                == ["ok", "O01", "O02", "ok"])
    }

    @Test("P01 more hours in a week than the care plan's 3")
    func weeklyPackage() throws {
        let world = try ProviderWorld()
        #expect(try outcome(world, [world.line("L1", on: "2026-04-06", "09:00", "11:00"), world.line("L2", on: "2026-04-07", "09:00", "10:00"),
                                    world.line("L3", on: "2026-04-08", "09:00", "09:15"), world.line("L4", on: "2026-04-13", "09:00", "12:00")])
                == ["ok", "ok", "P01", "ok"])
    }

    @Test("P02 nothing left of the month's ceiling; the log that crosses it is paid up to the ceiling")
    func monthlyCap() throws {
        let world = try ProviderWorld()
        // Without the weekly plan and with logs taken 60 days late, only the month's ceiling limits (an hour a day: S01's catalogue minutes).
        let logs = (1...30).map { dayOfMonth in
            let date = day("2026-04-\(dayOfMonth < 10 ? "0" : "")\(dayOfMonth)")
            return ServiceLog(logID: "X\(dayOfMonth)", institution: "I001", caregiver: "C1", person: world.person, item: "S01",
                              start: LocalMinute(day: date, minute: 9 * 60), end: LocalMinute(day: date, minute: 10 * 60), mode: "home-visit", location: nil)
        }
        var checker = try world.workspace(for: logs, asOf: day("2026-04-30")) { load in
            load.enrolments[world.person]![0].weeklyMinutes = nil
            for index in load.schemes.indices { load.schemes[index].benefits!.monitoring!.lateDays = 60 }
        }
        var results: [String] = []
        var paid = Money.zero
        for entry in logs {
            switch checker.check(entry, checker.touch(entry)) {
            case .success(let money): results.append(money.allowed == money.billed ? "ok" : "capped"); paid = paid + money.allowed
            case .failure(let rejection): results.append(rejection.rule.code)
            }
        }
        #expect(results.contains("capped"))
        #expect(results.last == "P02")
        #expect(results.firstIndex(of: "capped")! < results.firstIndex(of: "P02")!)
        #expect(results.filter { $0 == "capped" }.count == 1)
    }
}

@Suite("Times far from today are refused, never trapped on")
struct ExtremeTimeTests {
    @Test("A start in the year 9999 with an end in the past, and a service in the year 0001")
    func extremes() throws {
        let world = try ProviderWorld()
        let report = try world.submit([
            "Z1,I001,C1,\(world.person),S01,9999-12-31T09:00,2026-04-06T10:00,home-visit,,",
            "Z2,I001,C1,\(world.person),S01,0001-01-01T09:00,0001-01-01T10:00,home-visit,,",
        ])
        #expect(report.rejected.map(\.rule.code) == ["T01", "B02"])
    }
}
