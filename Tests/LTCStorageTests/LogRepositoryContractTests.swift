import LTCCore
import LTCProviders
import LTCTestSupport
import Testing

/// What every engine's service logs and submissions must do.
@Suite("Service log repository keeps its contract")
struct LogRepositoryContractTests {
    @Test("logs are stored by submission and read back by the ids an institution sends", arguments: TestStore.Engine.available)
    func storeAndFind(engine: TestStore.Engine) throws {
        let world = try ContractWorld(engine)
        let person = world.people[0]
        let first = Contract.accepted(Contract.log("L1", institution: "I-A", person: person, on: "2026-04-06"), submission: 1)
        let second = Contract.rejected(Contract.log("L2", institution: "I-A", person: person, on: "2026-04-07"), submission: 1)
        let other = Contract.accepted(Contract.log("L1", institution: "I-B", person: world.people[2], on: "2026-04-06"), submission: 2)
        let numbers = try world.write { tx throws in
            #expect(try tx.logs.hasLogs(institution: "I-A") == false)
            let one = try tx.logs.insertSubmission(institution: "I-A", actor: "institution:I-A", asOf: day("2026-04-08"), summary: ["logs": 2])
            var mine = [first, second]
            for index in mine.indices { mine[index].submission = one }
            try tx.logs.store(mine, replacing: [], submission: one)
            let two = try tx.logs.insertSubmission(institution: "I-B", actor: "institution:I-B", asOf: day("2026-04-08"), summary: ["logs": 1])
            var theirs = other
            theirs.submission = two
            try tx.logs.store([theirs], replacing: [], submission: two)
            return [one, two]
        }
        #expect(numbers[0] < numbers[1])
        try world.read { tx throws in
            #expect(try tx.logs.hasLogs(institution: "I-A") && tx.logs.hasLogs(institution: "I-Z") == false)
            let found = try tx.logs.stored(institution: "I-A", ids: ["L1", "L2", "L9"])
            #expect(found.keys.sorted() == ["L1", "L2"])
            #expect(found["L1"]?.log == first.log && found["L1"]?.money == first.money && found["L1"]?.submission == numbers[0])
            #expect(found["L2"]?.status == .rejected && found["L2"]?.rule == .late && found["L2"]?.detail == second.detail && found["L2"]?.money == nil)
            #expect(try tx.logs.stored(institution: "I-B", ids: ["L1"])["L1"]?.log.person == world.people[2])
            #expect(try tx.logs.stored(institution: "I-A", ids: []).isEmpty)
        }
    }

    @Test("a month's accepted logs add up per institution: rejected logs and other months' are left out", arguments: TestStore.Engine.available)
    func acceptedTotals(engine: TestStore.Engine) throws {
        let world = try ContractWorld(engine)
        let (one, three) = (world.people[0], world.people[2])
        try world.write { tx throws in
            let number = try tx.logs.insertSubmission(institution: nil, actor: "administrator:wang", asOf: day("2026-05-08"), summary: [:])
            try tx.logs.store([
                Contract.accepted(Contract.log("L1", institution: "I-A", person: one, on: "2026-04-01", hour: 0), submission: number),
                Contract.accepted(Contract.log("L2", institution: "I-A", person: one, on: "2026-04-30", hour: 23), submission: number, fund: 4_800),
                Contract.rejected(Contract.log("L3", institution: "I-A", person: one, on: "2026-04-07"), submission: number),
                Contract.accepted(Contract.log("L4", institution: "I-A", person: one, on: "2026-05-01", hour: 0), submission: number),
                Contract.accepted(Contract.log("L5", institution: "I-A", person: one, on: "2026-03-31", hour: 23), submission: number),
                Contract.accepted(Contract.log("L1", institution: "I-B", person: three, on: "2026-04-15"), submission: number),
            ], replacing: [], submission: number)
        }
        let totals = try world.write { tx throws in try tx.logs.acceptedTotals(month: month("2026-04")) }
        #expect(totals.sorted { $0.institution < $1.institution } == [
            LedgerTotals(institution: "I-A", logs: 2, billed: Money(yuan: 120), allowed: Money(yuan: 120), fund: Money(fen: 10_200)),
            LedgerTotals(institution: "I-B", logs: 1, billed: Money(yuan: 60), allowed: Money(yuan: 60), fund: Money(fen: 5_400)),
        ])
        #expect(try world.write { tx throws in try tx.logs.acceptedTotals(month: month("2026-06")) }.isEmpty)
    }

    @Test("submissions are listed by number, of one institution or all, with their outcome once finished; neither can be changed", arguments: TestStore.Engine.available)
    func submissions(engine: TestStore.Engine) throws {
        let world = try ContractWorld(engine)
        let numbers = try world.write { tx throws in
            let one = try tx.logs.insertSubmission(institution: "I-A", actor: "institution:I-A", asOf: day("2026-04-08"), summary: ["bytes": 10])
            let two = try tx.logs.insertSubmission(institution: nil, actor: "administrator:wang", asOf: day("2026-04-09"), summary: ["bytes": 20])
            let three = try tx.logs.insertSubmission(institution: "I-A", actor: "institution:I-A", asOf: day("2026-04-10"), summary: ["bytes": 30])
            try tx.logs.finishSubmission(one, summary: ["received": 2, "accepted": 1])
            return [one, two, three]
        }
        try world.read { tx throws in
            let all = try tx.logs.submissions(institution: nil, page: try PageRequest(limit: 2))
            #expect(all.items.map(\.id) == Array(numbers.prefix(2)) && all.next == numbers[1])
            #expect(all.items.first?.summary == ["received": 2, "accepted": 1] && all.items.first?.asOf == day("2026-04-08"))
            #expect(all.items.last?.institution == nil && all.items.last?.actor == "administrator:wang")
            let mine = try tx.logs.submissions(institution: "I-A", page: try PageRequest())
            #expect(mine.items.map(\.id) == [numbers[0], numbers[2]] && mine.items.last?.summary == ["bytes": 30])
            #expect(try tx.logs.submissions(institution: "I-B", page: try PageRequest()).items.isEmpty)
        }
        #expect(throws: (any Error).self) { try world.write { tx throws in try tx.logs.finishSubmission(numbers[0], summary: ["received": 9]) } }
    }

    @Test("a large submission reads back exactly, texts with tabs, newlines and backslashes included", arguments: TestStore.Engine.available)
    func bulkRoundTrip(engine: TestStore.Engine) throws {
        let world = try ContractWorld(engine)
        // Enough rows for PostgreSQL's COPY path, with the characters its text format escapes.
        let awkward = ["a\tb", "line\nbreak", "back\\slash", "\\N", "carriage\rreturn", "中文"]
        let logs = (0..<1_200).map { index in
            var stored = Contract.rejected(Contract.log("B\(index)\(awkward[index % awkward.count])", institution: "I-A", caregiver: "C\(index % 7)",
                                                        person: world.people[index % world.people.count], on: "2026-04-\(10 + index % 15)"), submission: 0)
            stored.detail = index % 3 == 0 ? nil : "detail \(awkward[index % awkward.count])"
            return stored
        }
        let number = try world.write { tx throws in
            let number = try tx.logs.insertSubmission(institution: "I-A", actor: "institution:I-A", asOf: day("2026-04-30"), summary: [:])
            try tx.logs.store(logs.map { var log = $0; log.submission = number; return log }, replacing: [], submission: number)
            return number
        }
        let found = try world.read { tx throws in try tx.logs.stored(institution: "I-A", ids: logs.map(\.log.logID)) }
        #expect(found.count == logs.count)
        for log in logs {
            let back = found[log.log.logID]
            #expect(back?.log == log.log && back?.detail == log.detail && back?.submission == number, "\(log.log.logID)")
        }
    }

    @Test("an institution's log id is stored once", arguments: TestStore.Engine.available)
    func logIDIsUnique(engine: TestStore.Engine) throws {
        let world = try ContractWorld(engine)
        let log = Contract.log("L1", institution: "I-A", person: world.people[0], on: "2026-04-06")
        #expect(throws: (any Error).self) {
            try world.write { tx throws in
                let number = try tx.logs.insertSubmission(institution: "I-A", actor: "institution:I-A", asOf: day("2026-04-08"), summary: [:])
                try tx.logs.store([Contract.accepted(log, submission: number), Contract.accepted(log, submission: number)], replacing: [],
                                  submission: number)
            }
        }
        #expect(try world.read { tx throws in try tx.logs.hasLogs(institution: "I-A") } == false)
    }

    @Test("a correction replaces the stored version and keeps the earlier one in the history", arguments: TestStore.Engine.available)
    func corrections(engine: TestStore.Engine) throws {
        let world = try ContractWorld(engine)
        let original = Contract.log("L1", institution: "I-A", person: world.people[0], on: "2026-04-06", hour: 9)
        let corrected = Contract.log("L1", institution: "I-A", person: world.people[0], on: "2026-04-06", hour: 14)
        let (first, second) = try world.write { tx throws in
            let first = try tx.logs.insertSubmission(institution: "I-A", actor: "institution:I-A", asOf: day("2026-04-07"), summary: [:])
            try tx.logs.store([Contract.accepted(original, submission: first)], replacing: [], submission: first)
            let second = try tx.logs.insertSubmission(institution: "I-A", actor: "institution:I-A", asOf: day("2026-04-08"), summary: [:])
            let old = try #require(try tx.logs.stored(institution: "I-A", ids: ["L1"])["L1"])
            try tx.logs.store([Contract.accepted(corrected, submission: second, version: 2)], replacing: [old], submission: second)
            return (first, second)
        }
        try world.read { tx throws in
            let now = try #require(try tx.logs.stored(institution: "I-A", ids: ["L1"])["L1"])
            #expect(now.version == 2 && now.log.start == minute("2026-04-06", 14) && now.submission == second)
            let history = try tx.logs.history(institution: "I-A", logID: "L1")
            #expect(history == [ReplacedLog(version: 1, log: original, replacedIn: second)])
            #expect(first < second)
            #expect(try tx.logs.history(institution: "I-B", logID: "L1").isEmpty)
        }
    }

    @Test("an institution's logs of a month are listed by id, a page at a time", arguments: TestStore.Engine.available)
    func listing(engine: TestStore.Engine) throws {
        let world = try ContractWorld(engine)
        try world.write { tx throws in
            let number = try tx.logs.insertSubmission(institution: "I-A", actor: "institution:I-A", asOf: day("2026-05-02"), summary: [:])
            let logs = [("L3", "2026-04-03"), ("L1", "2026-04-01"), ("L2", "2026-04-30"), ("L4", "2026-05-01"), ("L0", "2026-03-31")]
                .map { Contract.accepted(Contract.log($0.0, institution: "I-A", person: world.people[0], on: $0.1), submission: number) }
            try tx.logs.store(logs, replacing: [], submission: number)
        }
        try world.read { tx throws in
            let first = try tx.logs.list(institution: "I-A", month: month("2026-04"), page: try page(limit: 2))
            #expect(first.items.map(\.log.logID) == ["L1", "L2"] && first.next == "L2")
            let rest = try tx.logs.list(institution: "I-A", month: month("2026-04"), page: try page(after: first.next, limit: 2))
            #expect(rest.items.map(\.log.logID) == ["L3"] && rest.next == nil)
            #expect(try tx.logs.list(institution: "I-B", month: month("2026-04"), page: try page(limit: 10)).items.isEmpty)
        }
    }

    @Test("an institution's activity counts its logs of a period and those sent in time", arguments: TestStore.Engine.available)
    func activity(engine: TestStore.Engine) throws {
        let world = try ContractWorld(engine)
        try world.write { tx throws in
            let prompt = try tx.logs.insertSubmission(institution: "I-A", actor: "institution:I-A", asOf: day("2026-04-03"), summary: [:])
            try tx.logs.store([Contract.accepted(Contract.log("L1", institution: "I-A", person: world.people[0], on: "2026-04-01", minutes: 90),
                                                 submission: prompt),
                               Contract.rejected(Contract.log("L2", institution: "I-A", person: world.people[0], on: "2026-04-02"),
                                                 submission: prompt)],
                              replacing: [], submission: prompt)
            let tardy = try tx.logs.insertSubmission(institution: "I-A", actor: "institution:I-A", asOf: day("2026-04-20"), summary: [:])
            try tx.logs.store([Contract.accepted(Contract.log("L3", institution: "I-A", person: world.people[1], on: "2026-04-05", minutes: 30),
                                                 submission: tardy),
                               Contract.accepted(Contract.log("L4", institution: "I-A", person: world.people[1], on: "2026-05-05"),
                                                 submission: tardy)],
                              replacing: [], submission: tardy)
        }
        let activity = try world.read { tx throws in
            try tx.logs.activity(institution: "I-A", from: day("2026-04-01"), to: day("2026-04-30"), timelyDays: 3)
        }
        #expect(activity.received == 3 && activity.rejected == 1 && activity.acceptedMinutes == 120 && activity.timely == 2)
    }
}
