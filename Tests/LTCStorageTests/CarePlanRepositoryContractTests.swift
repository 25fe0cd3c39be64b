import LTCCore
import LTCProviders
import LTCTestSupport
import Testing

/// What every engine's care plans must do.
@Suite("Care plan repository keeps its contract")
struct CarePlanRepositoryContractTests {
    func plan(_ world: ContractWorld, case index: Int, version: Int, items: [CarePlan.Item] = [CarePlan.Item(code: "S01", perWeek: 2, minutes: 60)]) -> CarePlan {
        CarePlan(caseID: world.cases[index], person: world.people[index], version: version, status: .proposed, schemeID: "hours-home-care-2026",
                 grade: 3, mode: "home", needsForm: "ltc-care-needs", answers: ["needs.feeding": 1, "needs.bathing": 0], needs: ["needs.feeding"],
                 needLevel: 1, items: items, madeOn: day("2026-03-17"), madeBy: "assessor:A1", reason: "proposed from the care needs")
    }

    @Test("versions are kept in order; only their standing changes, and the binding ones are found by person", arguments: TestStore.Engine.available)
    func versions(engine: TestStore.Engine) throws {
        let world = try ContractWorld(engine)
        try world.write { tx throws in
            try tx.plans.insert(plan(world, case: 0, version: 1))
            try tx.plans.insert(plan(world, case: 0, version: 2, items: [CarePlan.Item(code: "S02", perWeek: 1, perDay: 1, minutes: 45)]))
            try tx.plans.insert(plan(world, case: 1, version: 1))
        }
        try world.write { tx throws in
            var first = try #require(try tx.plans.plans(caseID: world.cases[0]).first)
            (first.status, first.from, first.until) = (.superseded, day("2026-03-17"), day("2026-04-30"))
            first.confirmation = CarePlan.Confirmation(by: "陈老伯", on: day("2026-03-17"), recordedBy: "administrator:wang")
            try tx.plans.update(first)
            var second = try #require(try tx.plans.plans(caseID: world.cases[0]).last)
            (second.status, second.from) = (.inForce, day("2026-05-01"))
            try tx.plans.update(second)
        }
        try world.read { tx throws in
            let history = try tx.plans.plans(caseID: world.cases[0])
            #expect(history.map(\.version) == [1, 2] && history.map(\.status) == [.superseded, .inForce])
            #expect(history[0].confirmation?.by == "陈老伯" && history[0].until == day("2026-04-30") && history[0].answers == ["needs.feeding": 1, "needs.bathing": 0])
            #expect(history[1].items == [CarePlan.Item(code: "S02", perWeek: 1, perDay: 1, minutes: 45)] && history[1].confirmation == nil)
            let binding = try tx.plans.binding(people: [world.people[0], world.people[1], world.people[2]])
            #expect(binding.keys.sorted() == [world.people[0]] && binding[world.people[0]]?.map(\.version) == [1, 2])
            #expect(try tx.plans.binding(people: []).isEmpty)
        }
        // Storing a version again with other content is refused: the content is kept as made.
        var changed = plan(world, case: 1, version: 1, items: [CarePlan.Item(code: "S01", perWeek: 7, minutes: 60)])
        changed.status = .discarded
        try world.write { tx throws in try tx.plans.update(changed) }
        try world.read { tx throws in
            let kept = try tx.plans.plans(caseID: world.cases[1])
            #expect(kept.map(\.status) == [.discarded] && kept[0].items.first?.perWeek == 2)
        }
    }
}
