import Foundation
import LTCAssessment
import LTCCases
import LTCCore
@testable import LTCProviders
import LTCSchemes
import Testing

/// The asked needs of the care-needs form (the rest are read off the assessment), all "no need" unless given.
func asked(_ needs: [String: Int] = [:]) -> [String: Int] {
    ["needs.pressure": 0, "needs.tube": 0, "needs.medication": 0, "needs.rehabilitation": 0, "needs.carer": 0].merging(needs) { _, given in given }
}

@Suite("Care plans: proposed from the needs within the package and the ceiling, agreed, binding the logs, reviewed")
struct CarePlanTests {
    func plans(_ world: ProviderWorld) throws -> CarePlanService {
        CarePlanService(store: world.scratch.store, clock: SystemClock(), forms: try FormCatalog.load())
    }

    func rules(_ change: (inout Scheme) -> Void = { _ in }) throws -> CarePlanRules {
        var scheme = try #require(try BuiltInSchemes.scheme(named: "hours-home-care-2026"))
        change(&scheme)
        return try CarePlanRules(scheme: scheme, grade: 3, mode: "home-visit", insured: nil)
    }

    @Test("A proposal plans what the needs open at the catalogue's usual number: the assessment's ADL scores open personal care, not bathing (she bathes alone)")
    func proposalFromNeeds() throws {
        let world = try ProviderWorld()
        let plan = try plans(world).propose(caseID: world.caseID, answers: asked(), actor: admin, asOf: day("2026-03-17"))
        #expect(plan.status == .proposed && plan.version == 1 && plan.grade == 3 && plan.mode == "home-visit")
        #expect(plan.needs.contains("needs.feeding") && plan.needs.contains("needs.transfer"))
        #expect(!plan.needs.contains("needs.bathing") && !plan.needs.contains("needs.cognitive"))
        #expect(plan.answers["needs.bathing"] == 0 && plan.answers["needs.feeding"] == 1 && plan.needLevel == 2)
        #expect(plan.items == [CarePlan.Item(code: "S01", perWeek: 2, perDay: 2, minutes: 60)])
        let bathing = try plans(world).propose(caseID: world.caseID, answers: asked(["needs.carer": 1]), actor: admin, asOf: day("2026-03-17"))
        #expect(bathing.version == 2 && bathing.items.map(\.code) == ["S01", "S06"])
    }

    @Test("A proposal beyond the package drops one service at a time from the item planned most often, the later on a tie, until it fits")
    func proposalAtThePackage() throws {
        let rules = try rules()
        let everything: Set<String> = ["needs.feeding", "needs.bathing", "needs.medication", "needs.rehabilitation", "needs.carer"]
        // Usual: S01 2, S02 1, S03 1, S04 1, S06 1 = 6 hours; grade 3 has 3 a week.
        #expect(rules.propose(needs: everything).map { "\($0.code)×\($0.perWeek)" } == ["S01×1", "S02×1", "S03×1"])
        #expect(rules.week(rules.propose(needs: everything)).minutes == 180)
        #expect(rules.propose(needs: []).isEmpty)
    }

    @Test("A plan just within the package passes; an hour more, or a minute more, is refused")
    func checkAtThePackage() throws {
        let rules = try rules()
        let needs: Set<String> = ["needs.feeding", "needs.bathing"]
        try rules.check([CarePlan.Item(code: "S01", perWeek: 2, minutes: 60), CarePlan.Item(code: "S03", perWeek: 1, minutes: 60)], needs: needs)
        let hour = #expect(throws: CaseError.self) {
            try rules.check([CarePlan.Item(code: "S01", perWeek: 3, minutes: 60), CarePlan.Item(code: "S03", perWeek: 1, minutes: 60)], needs: needs)
        }
        #expect(hour?.message == "the plan's 4 hours a week are beyond grade 3's 3 hours a week")
        let minute = #expect(throws: CaseError.self) {
            try rules.check([CarePlan.Item(code: "S01", perWeek: 2, minutes: 61), CarePlan.Item(code: "S03", perWeek: 1, minutes: 60)], needs: needs)
        }
        #expect(minute?.message == "the plan's 3 h 2 min a week are beyond grade 3's 3 hours a week")
    }

    @Test("A plan's 31-day month within the ceiling passes; a fen beyond it is refused")
    func checkAtTheCeiling() throws {
        // 3 hours a week at 65 is 195.00; a 31-day month of it, 195 × 31 / 7 = 863.571…, rounds up to 863.58.
        let plan = [CarePlan.Item(code: "S01", perWeek: 2, minutes: 60), CarePlan.Item(code: "S03", perWeek: 1, minutes: 60)]
        let needs: Set<String> = ["needs.feeding", "needs.bathing"]
        func capped(_ cap: Money) throws -> CarePlanRules {
            try rules { scheme in
                for index in scheme.benefits!.table.indices where scheme.benefits!.table[index].grade == 3 { scheme.benefits!.table[index].monthlyCap = cap }
            }
        }
        try capped(Money(fen: 86_358)).check(plan, needs: needs)
        let refused = #expect(throws: CaseError.self) { try capped(Money(fen: 86_357)).check(plan, needs: needs) }
        #expect(refused?.message == "the plan costs 863.58 in a 31-day month, beyond grade 3's ceiling of 863.57 a month")
        #expect(try capped(Money(fen: 86_357)).propose(needs: needs).map { "\($0.code)×\($0.perWeek)" } == ["S01×1", "S03×1"])
    }

    @Test("Each catalogue rule: the item must be offered, opened by a need, within its most a week and a day, with minutes for an hour")
    func catalogueRules() throws {
        let rules = try rules()
        let needs: Set<String> = ["needs.feeding"]
        func refusal(_ items: [CarePlan.Item]) -> String? {
            (#expect(throws: CaseError.self) { try rules.check(items, needs: needs) })?.message
        }
        #expect(refusal([CarePlan.Item(code: "S03", perWeek: 1, minutes: 60)])?.hasPrefix("S03 needs one of needs.bathing") == true)
        #expect(refusal([CarePlan.Item(code: "D01", perWeek: 1)])?.hasPrefix("D01 is not offered to grade 3 in home-visit") == true)
        #expect(refusal([CarePlan.Item(code: "Z9", perWeek: 1)]) == "Z9 is not an item of scheme 'hours-home-care-2026's catalogue")
        #expect(refusal([CarePlan.Item(code: "S01", perWeek: 1, minutes: 60), CarePlan.Item(code: "S01", perWeek: 1, minutes: 60)]) == "item S01 is planned twice")
        #expect(refusal([CarePlan.Item(code: "S01", perWeek: 2, perDay: 3, minutes: 30)])?.hasPrefix("S01 3 a day: at most 2") == true)
        #expect(refusal([CarePlan.Item(code: "S01", perWeek: 0, minutes: 60)]) == "S01 0 a week: the catalogue allows 1–99")
        #expect(refusal([CarePlan.Item(code: "S01", perWeek: 1)]) == "S01 is priced by the hour: give the minutes of a service")
        let rehab = #expect(throws: CaseError.self) {
            try rules.check([CarePlan.Item(code: "S04", perWeek: 4, minutes: 30)], needs: ["needs.rehabilitation"])
        }
        #expect(rehab?.message == "S04 4 a week: the catalogue allows 1–3")
        #expect(rules.withUsualMinutes([CarePlan.Item(code: "S01", perWeek: 1)]).first?.minutes == 60)
    }

    @Test("The catalogue's plan fields are checked at load, naming the field and the value")
    func catalogueValidatedAtLoad() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Examples/schemes/hours-home-care-2026.json")
        let text = try String(contentsOf: url, encoding: .utf8)
        func problems(_ old: String, _ new: String) -> String {
            #expect(text.contains(old))
            do {
                _ = try Scheme.decode(text: Array(text.replacingOccurrences(of: old, with: new).utf8), source: "plans.json")
                return ""
            } catch {
                return String(describing: error)
            }
        }
        #expect(problems(#""usualPerWeek": 1,"#, #""usualPerWeek": 5,"#).contains("$.benefits.catalogue[1].usualPerWeek: 5 is more than maxPerWeek, 3"))
        #expect(problems(#""maxPerDay": 2,"#, #""maxPerDay": 30,"#).contains("$.benefits.catalogue[0].maxPerDay: 30 is outside 1–24"))
        #expect(problems(#""modes": ["#, #""modes": ["spa", "#).contains("\"spa\" is not a mode of the scheme"))
        #expect(problems(#""reviewMonths": 6"#, #""reviewMonths": 0"#).contains("$.benefits.carePlans.reviewMonths: 0 is outside 1–60"))
        #expect(problems(#""price": 60"#, #""price": 60, "minutes": 60"#).contains("only an hour-priced item has minutes"))
    }

    @Test("Once agreed, a plan binds: N01 refuses an item outside it, N02 one beyond its week or its day; what it plans passes")
    func intakeAgainstThePlan() throws {
        let world = try ProviderWorld()
        let service = try plans(world)
        _ = try service.propose(caseID: world.caseID, answers: asked(["needs.medication": 1]), actor: admin, asOf: day("2026-03-20"))
        _ = try service.set(caseID: world.caseID, items: [CarePlan.Item(code: "S01", perWeek: 2, perDay: 1), CarePlan.Item(code: "S02", perWeek: 1)],
                            reason: "one visit a day suits her", actor: admin, asOf: day("2026-03-20"))
        #expect(try service.confirm(caseID: world.caseID, by: "陈老伯", actor: admin, asOf: day("2026-03-23")).from == day("2026-03-23"))
        let outcome = try MonitoringRuleTests().outcome(world, [
            world.line("L1", "C1", "S01", on: "2026-04-06"),
            world.line("L2", "C1", "S01", on: "2026-04-06", "14:00", "15:00"),     // a second S01 that day: the plan plans 1 a day
            world.line("L3", "C2", "S02", on: "2026-04-07"),
            world.line("L4", "C1", "S01", on: "2026-04-08"),                        // the week's second S01: passes
            world.line("L5", "C1", "S01", on: "2026-04-09"),                        // the third: the plan plans 2 a week
        ])
        #expect(outcome == ["ok", "N02", "ok", "ok", "N02"])
        let report = try world.submit([world.line("L6", "C2", "S02", on: "2026-04-13"), world.line("L7", "C2", "S02", on: "2026-04-14")])
        #expect(report.rejected.map(\.rule.code) == ["N02"])

        // A plan without S02: the nurse's visit is outside it.
        _ = try service.set(caseID: world.caseID, items: [CarePlan.Item(code: "S01", perWeek: 3)], reason: "nursing no longer needed",
                            actor: admin, asOf: day("2026-04-19"))
        _ = try service.confirm(caseID: world.caseID, by: "陈老伯", actor: admin, asOf: day("2026-04-20"))
        let after = try world.submit([world.line("L8", "C2", "S02", on: "2026-04-20"), world.line("L9", "C1", "S01", on: "2026-04-21")], asOf: "2026-04-22")
        #expect(after.rejected.map { "\($0.logID ?? "?") \($0.rule.code)" } == ["L8 N01"])
        #expect(after.rejected.first?.detail == "S02 is not in person \(world.person)'s care plan in force on 2026-04-20 (version 3), which plans S01")
        // The day before the new plan the old one applies: S02 is in it, refused only as the week's second (N02, not N01).
        #expect(try world.submit([world.line("L10", "C2", "S02", on: "2026-04-19")], asOf: "2026-04-22").rejected.map(\.rule.code) == ["N02"])
    }

    @Test("A plan's minutes bind what an hourly item pays: S01 planned at 60 minutes, two 150-minute logs are paid 117.00, not 292.50")
    func plannedMinutesBindThePay() throws {
        let world = try ProviderWorld()
        let service = try plans(world)
        let plan = try service.propose(caseID: world.caseID, answers: asked(), actor: admin, asOf: day("2026-03-20"))
        #expect(plan.items == [CarePlan.Item(code: "S01", perWeek: 2, perDay: 2, minutes: 60)])
        _ = try service.confirm(caseID: world.caseID, by: "陈老伯", actor: admin, asOf: day("2026-03-23"))
        let report = try world.submit([world.line("L1", on: "2026-04-06", "09:00", "11:30"), world.line("L2", on: "2026-04-13", "09:00", "11:30")])
        #expect(report.accepted == 2)
        // Billed 162.50 each, the planned hour allowed (65.00), the fund's 90 % of it.
        #expect(report.billed == Money(yuan: 325) && report.allowed == Money(yuan: 130) && report.fund == Money(yuan: 117))
    }

    @Test("Minutes set by hand bind too: 45 planned minutes of a 90-minute visit pay 48.75 allowed, 43.88 to the fund")
    func handSetMinutesBind() throws {
        let world = try ProviderWorld()
        let service = try plans(world)
        _ = try service.propose(caseID: world.caseID, answers: asked(), actor: admin, asOf: day("2026-03-20"))
        _ = try service.set(caseID: world.caseID, items: [CarePlan.Item(code: "S01", perWeek: 2, perDay: 1, minutes: 45)], reason: "short visits",
                            actor: admin, asOf: day("2026-03-20"))
        _ = try service.confirm(caseID: world.caseID, by: "陈老伯", actor: admin, asOf: day("2026-03-23"))
        let report = try world.submit([world.line("L1", on: "2026-04-06", "09:00", "10:30")])
        #expect(report.billed == Money(text: "97.50")! && report.allowed == Money(text: "48.75")! && report.fund == Money(text: "43.88")!)
    }

    @Test("Without a plan, the catalogue's minutes bind: S01's 60 minutes, so a 150-minute log is allowed 65.00")
    func catalogueMinutesBind() throws {
        let world = try ProviderWorld()
        let report = try world.submit([world.line("L1", on: "2026-04-06", "09:00", "11:30")])
        #expect(report.billed == Money(text: "162.50")! && report.allowed == Money(yuan: 65) && report.fund == Money(text: "58.50")!)
    }

    @Test("A new grade makes the plan due for review; the next plan, for the new grade, supersedes it and the history keeps both")
    func historyAcrossAGradeChange() throws {
        let world = try ProviderWorld()
        let service = try plans(world)
        _ = try service.propose(caseID: world.caseID, answers: asked(), actor: admin, asOf: day("2026-03-17"))
        _ = try service.confirm(caseID: world.caseID, by: "陈老伯", actor: admin, asOf: day("2026-03-17"))
        #expect(try service.show(caseID: world.caseID, actor: admin, asOf: day("2026-04-01")).review?.isDue == false)
        #expect(try service.show(caseID: world.caseID, actor: admin, asOf: day("2026-09-17")).review?.reasons == ["the scheme reviews plans every 6 months: due on 2026-09-17"])

        var answers = try ProviderWorld.gradeThreeAnswers()
        for item in ["cognition.time", "cognition.person", "cognition.place", "cognition.memory"] { answers.set(item, .integer(2)) }
        _ = try world.cases.assign(caseID: world.caseID, assessors: ["A1", "A2"], reason: "re-assessment", actor: admin, asOf: day("2026-05-04"))
        _ = try world.cases.assess(caseID: world.caseID, formID: "cn-ltc-2021", answers: answers, assessedOn: day("2026-05-06"), place: "home",
                                   actor: try Actor("assessor:A1"), asOf: day("2026-05-06"))
        _ = try world.cases.determine(caseID: world.caseID, actor: admin, asOf: day("2026-05-11"))
        #expect(try world.cases.confirm(caseID: world.caseID, actor: admin, asOf: day("2026-05-19")).determination?.grade == 4)

        let due = try service.show(caseID: world.caseID, actor: admin, asOf: day("2026-05-20"))
        #expect(due.review?.reasons == ["the grade is now 4; the plan was made for grade 3"])
        let next = try service.propose(caseID: world.caseID, answers: asked(), actor: try Actor("assessor:A1"), asOf: day("2026-05-20"))
        #expect(next.grade == 4 && next.needs.contains("needs.cognitive") && next.item("S05") != nil)
        _ = try service.confirm(caseID: world.caseID, by: "陈老伯的女儿", actor: admin, asOf: day("2026-05-21"))
        let history = try service.history(caseID: world.caseID, actor: admin)
        #expect(history.map { "v\($0.version) \($0.status.rawValue) grade \($0.grade) \($0.from?.description ?? "-")–\($0.until?.description ?? "")" }
                == ["v1 superseded grade 3 2026-03-17–2026-05-20", "v2 in-force grade 4 2026-05-21–"])
        #expect(try service.show(caseID: world.caseID, actor: admin, asOf: day("2026-05-22")).review?.isDue == false)
    }

    @Test("A plan is due for review on a change of mode and on a change of condition reported after it took effect")
    func reviewOnModeAndCondition() throws {
        let world = try ProviderWorld()
        let service = try plans(world)
        _ = try service.propose(caseID: world.caseID, answers: asked(), actor: admin, asOf: day("2026-03-17"))
        _ = try service.confirm(caseID: world.caseID, by: "陈老伯", actor: admin, asOf: day("2026-03-17"))
        let changed = try world.cases.reportChange(caseID: world.caseID, reason: "a fall in September", actor: admin, asOf: day("2026-09-18"))
        #expect(changed.conditionChange?.reportedOn == day("2026-09-18"))
        #expect(try service.show(caseID: world.caseID, actor: admin, asOf: day("2026-09-18")).review?.reasons
                == ["a change of condition was reported on 2026-09-18", "the scheme reviews plans every 6 months: due on 2026-09-17"])

        let moved = try ProviderWorld()
        let other = try plans(moved)
        _ = try other.propose(caseID: moved.caseID, answers: asked(), actor: admin, asOf: day("2026-03-17"))
        _ = try other.confirm(caseID: moved.caseID, by: "陈老伯", actor: admin, asOf: day("2026-03-17"))
        let record = try moved.cases.setMode(caseID: moved.caseID, mode: "community-day", actor: admin, asOf: day("2026-04-10"))
        let from = try #require(record.modes.last?.from)
        #expect(try other.show(caseID: moved.caseID, actor: admin, asOf: from).review?.reasons == ["the mode is now community-day; the plan was made for home-visit"])
    }

    @Test("Only administrators, the case's assessors and the institution the person is enrolled with plan care; a stranger is told not found")
    func whoPlans() throws {
        let world = try ProviderWorld()
        try ProviderWorld.designate("I002", modes: ["home-visit"], prices: ["S01": Money(yuan: 65)], with: world.agreements)
        let service = try plans(world)
        _ = try service.propose(caseID: world.caseID, answers: asked(), actor: try Actor("assessor:A2"), asOf: day("2026-03-17"))
        _ = try service.set(caseID: world.caseID, items: [CarePlan.Item(code: "S01", perWeek: 2)], reason: "the client asked",
                            actor: try Actor("institution:I001"), asOf: day("2026-03-18"))
        let stranger = #expect(throws: CaseError.self) {
            try service.set(caseID: world.caseID, items: [CarePlan.Item(code: "S01", perWeek: 3)], reason: "more", actor: try Actor("institution:I002"), asOf: day("2026-03-18"))
        }
        #expect(stranger?.message.contains("not found or not yours") == true)
        #expect(throws: CaseError.self) { try service.show(caseID: world.caseID, actor: try Actor("institution:I002"), asOf: day("2026-03-18")) }
        #expect(throws: CaseError.self) { try service.confirm(caseID: world.caseID, by: "x", actor: try Actor("auditor:fund"), asOf: day("2026-03-18")) }
        #expect(try service.history(caseID: world.caseID, actor: try Actor("auditor:fund")).map(\.status) == [.discarded, .proposed])
        let derived = #expect(throws: CaseError.self) {
            try service.propose(caseID: world.caseID, answers: asked(["needs.bathing": 0]), actor: admin, asOf: day("2026-03-18"))
        }
        #expect(derived?.message == "needs.bathing is read from the assessment (adl.bathing 5), not asked")
    }

    @Test("The plan-completion indicator measures accepted minutes against the person's plan, not the package")
    func completionAgainstThePlan() throws {
        let world = try ProviderWorld()
        let service = try plans(world)
        _ = try service.propose(caseID: world.caseID, answers: asked(), actor: admin, asOf: day("2026-03-17"))
        _ = try service.set(caseID: world.caseID, items: [CarePlan.Item(code: "S01", perWeek: 2)], reason: "two hours suit her", actor: admin, asOf: day("2026-03-17"))
        _ = try service.confirm(caseID: world.caseID, by: "陈老伯", actor: admin, asOf: day("2026-03-17"))
        _ = try world.submit([world.line("L1", on: "2026-04-06"), world.line("L2", on: "2026-04-08")])
        let assessed = try world.supervision.assessPerformance(institution: "I001", from: day("2026-04-06"), to: day("2026-04-12"), inspector: ["inspection": 90],
                                                               actor: admin, asOf: day("2026-04-20"))
        // Two hours done of the plan's two (the package would say three).
        #expect(assessed.lines.first { $0.indicator == "plan" }?.value.hasPrefix("100") == true, "\(assessed.lines.map { "\($0.indicator) \($0.value)" })")
    }
}
