import LTCBenefits
import LTCCases
import LTCCore
import LTCSchemes
import Testing

@Suite("Monthly entitlements of a case, day by day")
struct EntitlementTests {
    @Test("A grade in force from the 10th pays 22 of March's 31 days")
    func midMonthStart() throws {
        let result = try Entitlement(case: effectiveCase(from: "2026-03-10"), scheme: fixtureScheme(), month: month("2026-03"))
        #expect(result.spans.map(\.days) == [9, 22])
        #expect(result.parts.first?.days == 22)
        #expect(result.fundShare == yuan("1078"))       // 70 × 22 × 0.7
        #expect(result.payable == yuan("1078"))
    }

    @Test("Benefits from the month after the grade takes effect, where the scheme says so")
    func nextMonthStart() throws {
        let scheme = try fixtureScheme(start: "nextMonth")
        let record = effectiveCase(from: "2026-03-10")
        #expect(try Entitlement(case: record, scheme: scheme, month: month("2026-03")).payable == .zero)
        #expect(try Entitlement(case: record, scheme: scheme, month: month("2026-04")).fundShare == yuan("1470"))
    }

    @Test("A hospital stay across a month end pays nothing on its days in either month")
    func hospitalAcrossMonthEnd() throws {
        var record = effectiveCase(from: "2026-01-01")
        record.suspensions = [SuspensionPeriod(from: day("2026-03-25"), until: day("2026-04-05"), reason: "hospital stay")]
        let march = try Entitlement(case: record, scheme: fixtureScheme(), month: month("2026-03"))
        #expect(march.parts.first?.days == 24)
        #expect(march.spans.last?.status == .hospital)
        let april = try Entitlement(case: record, scheme: fixtureScheme(), month: month("2026-04"))
        #expect(april.spans.map(\.days) == [4, 26])
        #expect(april.fundShare == yuan("1274"))        // 70 × 26 × 0.7
    }

    @Test("Death on the first day of a month pays that one day; on the last day, the whole month")
    func death() throws {
        let first = try Entitlement(case: effectiveCase(from: "2026-01-01", until: "2026-04-01"), scheme: fixtureScheme(), month: month("2026-04"))
        #expect(first.parts.first?.days == 1)
        #expect(first.fundShare == yuan("49"))
        let last = try Entitlement(case: effectiveCase(from: "2026-01-01", until: "2026-04-30"), scheme: fixtureScheme(), month: month("2026-04"))
        #expect(last.parts.first?.days == 30)
        let after = try Entitlement(case: effectiveCase(from: "2026-01-01", until: "2026-04-30"), scheme: fixtureScheme(), month: month("2026-05"))
        #expect(after.payable == .zero)
    }

    @Test("February in a leap year has 29 days: a monthly cash allowance is whole, or prorated over 29")
    func leapFebruary() throws {
        let whole = try Entitlement(case: effectiveCase(from: "2028-01-01", mode: "family"), scheme: fixtureScheme(), month: month("2028-02"))
        #expect(whole.cash == yuan("750"))
        let part = try Entitlement(case: effectiveCase(from: "2028-02-20", mode: "family"), scheme: fixtureScheme(), month: month("2028-02"))
        #expect(part.parts.first?.days == 10)
        #expect(part.cash == yuan("258.62"))            // 750 × 10 / 29 = 258.62
    }

    @Test("A change of mode within the month splits it between the modes")
    func modeChange() throws {
        var record = effectiveCase(from: "2026-01-01", mode: "family")
        record.modes.append(ModePeriod(from: day("2026-03-16"), mode: "institution"))
        let result = try Entitlement(case: record, scheme: fixtureScheme(), month: month("2026-03"))
        #expect(result.parts.map(\.mode) == ["family", "institution"])
        #expect(result.cash == yuan("362.90"))          // 750 × 15 / 31 = 362.903
        #expect(result.fundShare == yuan("784"))        // 70 × 16 × 0.7
        #expect(result.payable == yuan("1146.90"))
    }

    @Test("A deducted subsidy lowers the LTCI amount, never below zero")
    func deduct() throws {
        var record = effectiveCase(from: "2026-01-01")
        record.subsidies = [HeldSubsidy(subsidy: "deduct-one", monthly: yuan("200"), from: day("2026-01-01"), until: nil, choice: nil)]
        let result = try Entitlement(case: record, scheme: fixtureScheme(), month: month("2026-04"))
        #expect(result.deducted == yuan("200"))
        #expect(result.payable == yuan("1270"))
        record.subsidies[0].monthly = yuan("5000")
        #expect(try Entitlement(case: record, scheme: fixtureScheme(), month: month("2026-04")).payable == .zero)
    }

    @Test("A deducted subsidy is prorated to the days LTCI pays: a grade in force from the 17th of March pays 15 of 31 days")
    func deductProrated() throws {
        var record = effectiveCase(from: "2026-03-17")
        record.subsidies = [HeldSubsidy(subsidy: "deduct-one", monthly: yuan("150"), from: day("2026-01-01"), until: nil, choice: nil)]
        let march = try Entitlement(case: record, scheme: fixtureScheme(), month: month("2026-03"))
        #expect(march.parts.first?.days == 15)
        #expect(march.deducted == yuan("72.58"))        // 150 × 15/31 = 72.58
        #expect(march.payable == march.fundShare - yuan("72.58"))
        // The subsidy itself ends on the 24th: it meets LTCI on 8 days.
        record.subsidies[0].until = day("2026-03-24")
        #expect(try Entitlement(case: record, scheme: fixtureScheme(), month: month("2026-03")).deducted == yuan("38.71"))   // 150 × 8/31
    }

    @Test("A subsidy that stops, and one that tops up, leave LTCI as it is")
    func stopsAndTopsUp() throws {
        let scheme = try fixtureScheme {
            $0.replacingOccurrences(of: #""interaction": "alongside""#, with: #""interaction": "stops""#)
              .replacingOccurrences(of: #""interaction": "exclusive""#, with: #""interaction": "topUp""#)
        }
        var record = effectiveCase(from: "2026-01-01")
        record.subsidies = [HeldSubsidy(subsidy: "alongside-one", monthly: yuan("300"), from: day("2026-01-01"), until: nil, choice: nil),
                            HeldSubsidy(subsidy: "exclusive-one", monthly: yuan("400"), from: day("2026-01-01"), until: nil, choice: nil)]
        let result = try Entitlement(case: record, scheme: scheme, month: month("2026-04"))
        #expect(result.payable == yuan("1470"))
        #expect(result.subsidies.map(\.interaction) == [.stops, .topUp])
        #expect(result.subsidies.first?.note.contains("stops on the 30 days LTCI pays") == true)
    }

    @Test("A subsidy paid alongside changes nothing")
    func alongside() throws {
        var record = effectiveCase(from: "2026-01-01")
        record.subsidies = [HeldSubsidy(subsidy: "alongside-one", monthly: yuan("300"), from: day("2026-01-01"), until: nil, choice: nil)]
        let result = try Entitlement(case: record, scheme: fixtureScheme(), month: month("2026-04"))
        #expect(result.payable == yuan("1470"))
        #expect(result.subsidies.first?.note.contains("paid alongside") == true)
    }

    @Test("An exclusive subsidy: days when the person chose it pay no LTCI; choosing LTCI changes nothing")
    func exclusive() throws {
        var record = effectiveCase(from: "2026-01-01")
        record.subsidies = [HeldSubsidy(subsidy: "exclusive-one", monthly: yuan("400"), from: day("2026-04-21"), until: nil, choice: .subsidy)]
        let chosen = try Entitlement(case: record, scheme: fixtureScheme(), month: month("2026-04"))
        #expect(chosen.parts.first?.days == 20)
        #expect(chosen.spans.last?.status == .exclusiveSubsidy("exclusive-one"))
        record.subsidies[0].choice = .ltci
        #expect(try Entitlement(case: record, scheme: fixtureScheme(), month: month("2026-04")).payable == yuan("1470"))
    }

    @Test("A grade below the minimum pays nothing; a new grade mid-month splits the month by grade")
    func grades() throws {
        let low = try Entitlement(case: effectiveCase(grade: 2, from: "2026-01-01"), scheme: fixtureScheme(), month: month("2026-04"))
        #expect(low.payable == .zero)
        var record = effectiveCase(grade: 3, from: "2026-01-01", until: "2026-04-15")
        record.pastDeterminations = [record.determination!]
        record.determination = Determination(assessmentID: 2, grade: 4, gradeLabel: "重度失能二级", decidedOn: day("2026-04-16"),
                                             benefitsEligible: true, validFrom: day("2026-04-16"), validUntil: day("2028-04-15"))
        let split = try Entitlement(case: record, scheme: fixtureScheme(), month: month("2026-04"))
        #expect(split.parts.map(\.grade) == [3, 4])
        #expect(split.parts.map(\.days) == [15, 15])
    }

    @Test("Each day follows the scheme in force on it: a month across two scheme periods is split")
    func schemeChangeover() throws {
        let old = try fixtureScheme { $0.replacingOccurrences(of: #""to": "2028-12-31""#, with: #""to": "2026-04-15""#) }
        let new = try fixtureScheme {
            $0.replacingOccurrences(of: #""id": "benefit-test""#, with: #""id": "benefit-test-2""#)
              .replacingOccurrences(of: #""from": "2026-01-01", "to": "2028-12-31""#, with: #""from": "2026-04-16", "to": "2028-12-31""#)
              .replacingOccurrences(of: #""dailyCap": 70, "ratio": 0.7"#, with: #""dailyCap": 80, "ratio": 0.7"#)
        }
        let result = try Entitlement(case: effectiveCase(from: "2026-01-01"), schemes: [old, new], month: month("2026-04"))
        #expect(result.parts.map(\.schemeID) == ["benefit-test", "benefit-test-2"])
        #expect(result.fundShare == yuan("1575"))        // (70 × 15 + 80 × 15) × 0.7
        let unscheduled = try Entitlement(case: effectiveCase(from: "2026-01-01"), schemes: [old], month: month("2026-04"))
        #expect(unscheduled.spans.last?.status == .noScheme)
        #expect(unscheduled.parts.first?.days == 15)
    }
}

@Suite("Fund projections")
struct FundProjectionTests {
    @Test("Outlay by grade and mode, income by insurance type, and the balance")
    func projection() throws {
        let projection = try FundProjection(
            scheme: fixtureScheme(), from: month("2026-01"),
            beneficiaries: [.init(grade: 3, mode: "family", count: 100), .init(grade: 3, mode: "institution", count: 10)],
            insured: [.init(type: .employee, count: 1000, averageMonthlyBase: yuan("5000")),
                      .init(type: .resident, count: 500, averageMonthlyBase: .zero)])
        #expect(projection.outlay[0].month == yuan("75000"))       // 750 × 100
        #expect(projection.outlay[0].year == yuan("900000"))
        #expect(projection.outlay[1].perPersonMonth == yuan("1519"))  // 70 × 31 × 0.7
        #expect(projection.outlay[1].year == yuan("178850"))       // 70 × 365 × 0.7 × 10
        #expect(projection.income[0].perPersonYear == yuan("180"))  // 5000 × 12 × 0.3 %
        #expect(projection.income[1].year == yuan("35000"))         // (30 + 40) × 500
        #expect(projection.yearlyIncome == yuan("215000"))
        #expect(projection.yearlyBalance == projection.yearlyIncome - projection.yearlyOutlay)
        #expect(projection.csv.split(separator: "\n").first == "section,grade,mode_or_type,count,per_person,month,year,insured")
        // No total or balance row: a section's year column adds up to its total once.
        let rows = projection.csv.split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        #expect(rows.allSatisfy { $0[0] == "outlay" || $0[0] == "income" })
        #expect(rows.filter { $0[0] == "outlay" }.map { Money(json: .number(String($0[6])))!.fen }.reduce(0, +) == projection.yearlyOutlay.fen)
    }

    @Test("Negative counts and uncovered insurance types are refused")
    func refused() throws {
        #expect(throws: BenefitError.self) {
            try FundProjection(scheme: fixtureScheme(), from: month("2026-01"), beneficiaries: [.init(grade: 3, mode: "family", count: -1)], insured: [])
        }
    }

    @Test("Counts and bases beyond their limits are refused, not overflowed")
    func bounded() throws {
        #expect(throws: BenefitError.self) {
            try FundProjection(scheme: fixtureScheme(), from: month("2026-01"), beneficiaries: [.init(grade: 3, mode: "family", count: Int.max)], insured: [])
        }
        #expect(throws: BenefitError.self) {
            try FundProjection(scheme: fixtureScheme(), from: month("2026-01"), beneficiaries: [],
                               insured: [.init(type: .employee, count: Int.max, averageMonthlyBase: Money(yuan: 6000))])
        }
        #expect(throws: BenefitError.self) {
            try FundProjection(scheme: fixtureScheme(), from: month("2026-01"), beneficiaries: [],
                               insured: [.init(type: .employee, count: 10, averageMonthlyBase: Money(fen: Int.max / 2))])
        }
    }
}
