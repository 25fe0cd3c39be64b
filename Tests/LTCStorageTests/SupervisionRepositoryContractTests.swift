import LTCCore
import LTCProviders
import LTCTestSupport
import Testing

/// What every engine's supervision records must do.
@Suite("Supervision repository keeps its contract")
struct SupervisionRepositoryContractTests {
    @Test("violations are found by institution, caregiver and person, and listed a page at a time", arguments: TestStore.Engine.available)
    func violations(engine: TestStore.Engine) throws {
        let world = try ContractWorld(engine)
        let ids = try world.write { tx throws in
            [try tx.supervision.insert(Contract.violation(institution: "I-A", caregiver: "C1")),
             try tx.supervision.insert(Contract.violation(institution: "I-A", person: world.people[0])),
             try tx.supervision.insert(Contract.violation(institution: "I-B", caregiver: "C1", person: world.people[2]))]
        }
        try world.write { tx throws in
            var decided = try #require(try tx.supervision.violations(institution: "I-A").first)
            decided.deducted = Money(yuan: 120)
            decided.credit = -5
            try tx.supervision.update(decided)
        }
        try world.read { tx throws in
            let mine = try tx.supervision.violations(institution: "I-A")
            #expect(mine.map(\.id) == Array(ids[0...1]) && mine[0].deducted == Money(yuan: 120) && mine[0].credit == -5)
            #expect(try tx.supervision.violations(caregiver: CaregiverKey(institution: "I-B", caregiver: "C1")).map(\.id) == [ids[2]])
            #expect(try tx.supervision.violations(caregiver: CaregiverKey(institution: "I-A", caregiver: "C2")).isEmpty)
            #expect(try tx.supervision.violations(person: world.people[0]).map(\.id) == [ids[1]])
            #expect(try tx.supervision.list(institution: "I-B", page: try page(limit: 10)).items.map(\.id) == [ids[2]])
            let first = try tx.supervision.list(institution: nil, page: try page(limit: 2))
            #expect(first.items.map(\.id) == Array(ids[0...1]) && first.next == ids[1])
            #expect(try tx.supervision.list(institution: nil, page: try page(after: first.next, limit: 2)).items.map(\.id) == [ids[2]])
        }
    }

    @Test("inspections and complaints are found by institution, score and date", arguments: TestStore.Engine.available)
    func records(engine: TestStore.Engine) throws {
        let world = try ContractWorld(engine)
        let ids = try world.write { tx throws in
            [try tx.supervision.insert(Contract.record(.inspection, institution: "I-A", on: "2026-04-10", score: 92)),
             try tx.supervision.insert(Contract.record(.inspection, institution: "I-A", on: "2026-05-10", score: 70)),
             try tx.supervision.insert(Contract.record(.complaint, institution: "I-A", on: "2026-04-20")),
             try tx.supervision.insert(Contract.record(.inspection, institution: "I-B", on: "2026-04-10", score: 95))]
        }
        try world.read { tx throws in
            #expect(try tx.supervision.inspections(institution: "I-A", minimumScore: 90).map(\.id) == [ids[0]])
            #expect(try tx.supervision.inspections(institution: "I-A", minimumScore: 0).map(\.id) == Array(ids[0...1]))
            #expect(try tx.supervision.records(institution: "I-A", from: day("2026-04-01"), to: day("2026-04-30")).map(\.id) == [ids[0], ids[2]])
            #expect(try tx.supervision.records(institution: "I-B", from: day("2026-05-01"), to: day("2026-05-31")).isEmpty)
            // The latest inspection on or before a day: complaints are not inspections, and later ones do not count.
            #expect(try tx.supervision.lastInspection(institution: "I-A", onOrBefore: day("2026-12-31")) == day("2026-05-10"))
            #expect(try tx.supervision.lastInspection(institution: "I-A", onOrBefore: day("2026-05-09")) == day("2026-04-10"))
            #expect(try tx.supervision.lastInspection(institution: "I-A", onOrBefore: day("2026-04-09")) == nil)
            #expect(try tx.supervision.lastInspection(institution: "I-C", onOrBefore: day("2026-12-31")) == nil)
        }
    }

    @Test("one performance assessment per institution and period", arguments: TestStore.Engine.available)
    func performanceAssessments(engine: TestStore.Engine) throws {
        let world = try ContractWorld(engine)
        let rules = try #require(try Contract.scheme().supervision?.assessment)
        var activity = InstitutionActivity()
        activity.received = 10
        activity.timely = 9
        let inspector = Dictionary(uniqueKeysWithValues: rules.indicators.filter { $0.measure == .inspector }.map { ($0.id, 90) })
        let first = try PerformanceAssessment(institution: "I-A", from: day("2026-01-01"), to: day("2026-06-30"), activity: activity,
                                              inspector: inspector, rules: rules)
        var second = first
        second.institution = "I-B"
        try world.write { tx throws in
            try tx.supervision.insert(first)
            try tx.supervision.insert(second)
        }
        try world.read { tx throws in
            #expect(try tx.supervision.performanceAssessment(institution: "I-A", from: day("2026-01-01"), to: day("2026-06-30")) == first)
            #expect(try tx.supervision.performanceAssessment(institution: "I-A", from: day("2026-01-01"), to: day("2026-12-31")) == nil)
            #expect(try tx.supervision.performanceAssessments(from: day("2026-06-01"), to: day("2026-06-30")).map(\.institution) == ["I-A", "I-B"])
            #expect(try tx.supervision.performanceAssessments(from: day("2026-07-01"), to: day("2026-12-31")).isEmpty)
        }
        #expect(throws: (any Error).self) { try world.write { tx throws in try tx.supervision.insert(first) } }
    }
}
