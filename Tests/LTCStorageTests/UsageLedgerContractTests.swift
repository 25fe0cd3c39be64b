import LTCCore
import LTCProviders
import LTCTestSupport
import Testing

/// What every engine's usage ledger and settlements must do: running totals
/// that add up, weeks written whole, and a settled month that stays closed.
@Suite("Usage ledger and settlements keep their contract")
struct UsageLedgerContractTests {
    let april = month("2026-04")

    @Test("money added in chunks adds up per person, per grade and mode, and per institution", arguments: TestStore.Engine.available)
    func runningTotals(engine: TestStore.Engine) throws {
        let world = try ContractWorld(engine)
        let (one, two, three) = (world.people[0], world.people[1], world.people[2])
        try world.write { tx throws in
            try tx.usage.add(Contract.usage(person: one, institution: "I-A", month: april, received: 3, rejected: 1))
            try tx.usage.add(Contract.usage(person: two, institution: "I-A", month: april))
            try tx.usage.add(Contract.usage(person: one, institution: "I-A", month: april))
            try tx.usage.add(Contract.usage(person: three, institution: "I-B", month: april, fund: 4_800))
            try tx.usage.add(Contract.usage(person: one, institution: "I-A", month: month("2026-05")))
            // A correction takes the old version's money back out.
            var undo = UsageChanges()
            undo.months[.init(person: two, month: april, grade: 3, mode: "home")] = .init(logs: -1, billed: Money(yuan: -60), allowed: Money(yuan: -60),
                                                                                          fund: Money(fen: -5_400))
            undo.institutions[.init(institution: "I-A", month: april)] = .init(logs: -1, billed: Money(yuan: -60), allowed: Money(yuan: -60),
                                                                                fund: Money(fen: -5_400))
            try tx.usage.add(undo)
        }
        try world.read { tx throws in
            #expect(try tx.usage.allowed(people: [one, two, three, 999_999], month: april)
                    == [one: Money(yuan: 180), two: .zero, three: Money(yuan: 60)])
            #expect(try tx.usage.allowed(people: [], month: april).isEmpty)
            #expect(try tx.usage.statementTotals(month: april) == [
                Statement(institution: "I-A", logs: 3, billed: Money(yuan: 180), allowed: Money(yuan: 180), fund: Money(fen: 16_200),
                          personal: Money(fen: 1_800), overCap: .zero),
                Statement(institution: "I-B", logs: 1, billed: Money(yuan: 60), allowed: Money(yuan: 60), fund: Money(fen: 4_800),
                          personal: Money(fen: 1_200), overCap: .zero),
            ])
            #expect(try tx.usage.fundUse(month: april) == [FundUse(grade: 3, mode: "home", logs: 4, allowed: Money(yuan: 240), fund: Money(fen: 21_000))])
            #expect(try tx.usage.receipts(month: april) == [Receipts(institution: "I-A", received: 5, rejected: 1),
                                                            Receipts(institution: "I-B", received: 1, rejected: 0)])
            #expect(try tx.usage.statementTotals(month: month("2026-06")).isEmpty)
        }
    }

    @Test("weeks are written whole, read by person and caregiver, and removed when empty", arguments: TestStore.Engine.available)
    func weeks(engine: TestStore.Engine) throws {
        let world = try ContractWorld(engine)
        let person = world.people[0]
        let log = Contract.log("L1", institution: "I-A", person: person, on: "2026-04-06")
        let week = Week.number(of: day("2026-04-06")), next = week + 1
        let caregiver = CaregiverKey(institution: "I-A", caregiver: "C1")
        let busy = [BusyTime(log)]
        // A caregiver's busy times keep only what the overlap check reads.
        let caregiverBusy = [BusyTime(institution: "I-A", logID: "L1", person: 0, caregiver: "C1", item: "", start: log.start, end: log.end)]
        // Each day's allowed amount, Monday first, as the daily caps read it.
        let days = [Money(fen: 6500), .zero, Money(fen: 4500), .zero, .zero, .zero, Money(fen: 1)]
        try world.write { tx throws in
            try tx.usage.save([PersonWeek(person: person, week: week, minutes: 60, visits: 1, allowed: days, busy: busy),
                               PersonWeek(person: person, week: next, minutes: 30, visits: 1)],
                              [CaregiverWeek(caregiver: caregiver, week: week, busy: busy)])
        }
        try world.read { tx throws in
            #expect(try tx.usage.weeks(people: [person, world.people[1]], weeks: [week, next]).sorted { $0.week < $1.week }
                    == [PersonWeek(person: person, week: week, minutes: 60, visits: 1, allowed: days, busy: busy),
                        PersonWeek(person: person, week: next, minutes: 30, visits: 1)])
            #expect(try tx.usage.weeks(people: [person], weeks: [week - 1]).isEmpty)
            #expect(try tx.usage.weeks(person: person, from: week).map(\.week) == [week, next])
            #expect(try tx.usage.weeks(person: person, from: next).map(\.minutes) == [30])
            #expect(try tx.usage.weeks(person: person, from: next + 1).isEmpty)
            #expect(try tx.usage.weeks(caregivers: [caregiver, CaregiverKey(institution: "I-B", caregiver: "C1")], weeks: [week])
                    == [CaregiverWeek(caregiver: caregiver, week: week, busy: caregiverBusy)])
            #expect(try tx.usage.weeks(people: [], weeks: [week]).isEmpty && tx.usage.weeks(caregivers: [], weeks: [week]).isEmpty)
        }
        try world.write { tx throws in
            try tx.usage.save([PersonWeek(person: person, week: week)], [CaregiverWeek(caregiver: caregiver, week: week)])
        }
        try world.read { tx throws in
            #expect(try tx.usage.weeks(people: [person], weeks: [week, next]).map(\.week) == [next])
            #expect(try tx.usage.weeks(caregivers: [caregiver], weeks: [week]).isEmpty)
        }
    }

    @Test("a settled month's money is closed: the ledger refuses to change it", arguments: TestStore.Engine.available)
    func settledMonthIsClosed(engine: TestStore.Engine) throws {
        let world = try ContractWorld(engine)
        let person = world.people[0]
        try world.write { tx throws in
            try tx.usage.add(Contract.usage(person: person, institution: "I-A", month: april))
            try tx.settlements.insert(SettlementRun(month: april, settledOn: day("2026-05-10"), statements: try tx.usage.statementTotals(month: april)))
        }
        #expect(throws: (any Error).self) {
            try world.write { tx throws in try tx.usage.add(Contract.usage(person: person, institution: "I-A", month: april)) }
        }
        #expect(throws: (any Error).self) {
            try world.write { tx throws in try tx.usage.add(Contract.usage(person: world.people[1], institution: "I-B", month: april)) }
        }
        #expect(throws: (any Error).self) {
            try world.write { tx throws in try tx.settlements.insert(SettlementRun(month: april, settledOn: day("2026-05-11"), statements: [])) }
        }
        // Receipts still count: a late log of a closed month is received and rejected.
        var late = UsageChanges()
        late.institutions[.init(institution: "I-A", month: april)] = .init(received: 1, rejected: 1)
        try world.write { tx throws in try tx.usage.add(late) }
        try world.read { tx throws in
            #expect(try tx.usage.allowed(people: [person], month: april) == [person: Money(yuan: 60)])
            #expect(try tx.usage.receipts(month: april) == [Receipts(institution: "I-A", received: 2, rejected: 1)])
            let run = try #require(try tx.settlements.settlement(month: april))
            #expect(run.statements.map(\.institution) == ["I-A"] && run.statements[0].fund == Money(fen: 5_400))
            #expect(try tx.settlements.settled([april, month("2026-05")]) == [april])
            #expect(try tx.settlements.settlement(month: month("2026-05")) == nil)
        }
    }

    @Test("a person's month keeps its minutes and visits beside its money, over every grade and mode", arguments: TestStore.Engine.available)
    func monthQuantities(engine: TestStore.Engine) throws {
        let world = try ContractWorld(engine)
        let (one, two) = (world.people[0], world.people[1])
        var changes = UsageChanges()
        changes.months[.init(person: one, month: april, grade: 3, mode: "home")] = .init(logs: 2, allowed: Money(yuan: 120), minutes: 120)
        changes.months[.init(person: one, month: april, grade: 4, mode: "home")] = .init(logs: 1, allowed: Money(yuan: 40), visits: 1)
        changes.months[.init(person: two, month: month("2026-05"), grade: 3, mode: "home")] = .init(logs: 1, allowed: Money(yuan: 60), minutes: 60)
        try world.write { tx throws in try tx.usage.add(changes) }
        var undo = UsageChanges()
        undo.months[.init(person: one, month: april, grade: 3, mode: "home")] = .init(logs: -1, allowed: Money(yuan: -60), minutes: -45)
        try world.write { tx throws in try tx.usage.add(undo) }
        try world.read { tx throws in
            #expect(try tx.usage.use(people: [one, two], month: april) == [one: MonthUse(allowed: Money(yuan: 100), minutes: 75, visits: 1)])
            #expect(try tx.usage.use(people: [], month: april).isEmpty)
        }
    }

    @Test("a month settled with its event keeps its subsidy deductions per case; one settled without does not", arguments: TestStore.Engine.available)
    func subsidyDeductions(engine: TestStore.Engine) throws {
        let world = try ContractWorld(engine)
        let may = month("2026-05")
        try world.write { tx throws in
            #expect(try tx.settlements.lastSettledEvent() == nil)
            try tx.settlements.insert(SettlementRun(month: month("2026-03"), settledOn: day("2026-04-02"), statements: []))
            try tx.settlements.insert(SettlementRun(month: april, settledOn: day("2026-05-04"), statements: []), eventSeq: 41)
            try tx.settlements.insert([SubsidyDeduction(caseID: 7, month: april, institution: "I-A", amount: Money(yuan: 150), carriedBy: april)])
            try tx.settlements.insert(SettlementRun(month: may, settledOn: day("2026-06-02"), statements: []), eventSeq: 57)
            try tx.settlements.insert([SubsidyDeduction(caseID: 7, month: april, institution: "I-A", amount: Money(yuan: -50), carriedBy: may),
                                       SubsidyDeduction(caseID: 8, month: april, institution: "I-B", amount: Money(yuan: 10), carriedBy: may)])
        }
        try world.read { tx throws in
            #expect(try tx.settlements.lastSettledEvent() == 57)
            #expect(try tx.settlements.keptDeductions([month("2026-03"), april, may, month("2026-06")]) == [april, may])
            #expect(try tx.settlements.deductions(caseID: 7, months: [april, may]) == [april: Money(yuan: 100)])
        }
        #expect(throws: (any Error).self) {
            try world.write { tx throws in
                try tx.settlements.insert([SubsidyDeduction(caseID: 7, month: april, institution: "I-A", amount: Money(yuan: 1), carriedBy: may)])
            }
        }
    }

    @Test("adjustments stay open until a month's statements carry them, then are listed by that month", arguments: TestStore.Engine.available)
    func adjustments(engine: TestStore.Engine) throws {
        let world = try ContractWorld(engine)
        var back = SettlementAdjustment(institution: "I-A", logID: "L1", serviceMonth: april, amount: Money(fen: -5_400), reason: "correction")
        var more = SettlementAdjustment(institution: "I-B", logID: "L7", serviceMonth: april, amount: Money(fen: 1_200), reason: "correction")
        try world.write { tx throws in
            try tx.settlements.insert(back)
            try tx.settlements.insert(more)
        }
        let open = try world.read { tx throws in try tx.settlements.openAdjustments() }
        (back.id, more.id) = (open.first?.id ?? 0, open.last?.id ?? 0)
        #expect(open == [back, more] && back.id < more.id)
        #expect(try world.read { tx throws in try tx.settlements.adjustments(carriedBy: nil, institution: "I-B", page: try PageRequest()) }.items == [more])
        var later = SettlementAdjustment(institution: "I-A", logID: "L2", serviceMonth: april, amount: Money(fen: -100), reason: "withdrawn")
        try world.write { tx throws in
            try tx.settlements.carryOpenAdjustments(into: month("2026-05"))
            try tx.settlements.insert(later)
        }
        let stillOpen = try world.read { tx throws in try tx.settlements.openAdjustments() }
        later.id = stillOpen.first?.id ?? 0
        #expect(stillOpen == [later])
        (back.settledMonth, more.settledMonth) = (month("2026-05"), month("2026-05"))
        try world.read { tx throws in
            let first = try tx.settlements.adjustments(carriedBy: month("2026-05"), institution: nil, page: try PageRequest(limit: 1))
            #expect(first.items == [back] && first.next == back.id)
            let second = try tx.settlements.adjustments(carriedBy: month("2026-05"), institution: nil, page: try PageRequest(after: first.next, limit: 1))
            #expect(second.items == [more] && second.next == nil)
            #expect(try tx.settlements.adjustments(carriedBy: month("2026-05"), institution: "I-A", page: try PageRequest()).items == [back])
            #expect(try tx.settlements.adjustments(carriedBy: april, institution: nil, page: try PageRequest()).items.isEmpty)
        }
    }
}
