import LTCCases
import LTCCore
import Testing

@Suite("Assessors drawn at random, with a seed and pool kept so that the draw can be replayed")
struct AssessorDrawTests {
    let pool = [
        Assessor(id: "A1", name: "李", qualification: .medical, employer: nil), Assessor(id: "A2", name: "张", qualification: .none, employer: nil),
        Assessor(id: "A4", name: "赵", qualification: .medical, employer: nil), Assessor(id: "A5", name: "钱", qualification: .none, employer: nil),
    ]

    @Test("The same seed and pool give the same team, whatever order the pool comes in; the qualified seat is filled first")
    func replay() throws {
        for seed: UInt64 in [0, 1, 42, .max] {
            let team = try AssessorDraw.choose(from: pool, seed: seed, count: 2, qualified: 1)
            #expect(team == (try AssessorDraw.choose(from: pool.reversed(), seed: seed, count: 2, qualified: 1)))
            #expect(team.count == 2 && Set(team).count == 2)
            #expect(["A1", "A4"].contains(team[0]), "seed \(seed): \(team)")
        }
        let teams = Set(try (0..<50).map { try AssessorDraw.choose(from: pool, seed: UInt64($0), count: 2, qualified: 1).joined(separator: ",") })
        #expect(teams.count > 3, "different seeds draw different teams: \(teams)")
    }

    @Test("A pool too small, or without enough qualified assessors, is refused naming it")
    func tooSmall() {
        let error = #expect(throws: CaseError.self) { try AssessorDraw.choose(from: [pool[1], pool[3]], seed: 1, count: 2, qualified: 1) }
        #expect(error?.message == "the pool holds 2 eligible assessors, 0 of them qualified; the scheme needs 2 with 1 qualified")
    }

    @Test("A case's draw leaves out the assessor employed by its institution, keeps seed and pool, and replays to the same team")
    func caseDraw() throws {
        let world = try World()
        let id = try world.caseIn(.eligible, institution: "I-SUNSHINE")
        let drawn = try world.service.drawAssessors(caseID: id, seed: 7, actor: admin, asOf: day("2026-03-03"))
        #expect(drawn.state == .assessing && drawn.round == .initial)
        #expect(drawn.draw == AssessorDraw(seed: 7, pool: ["A1", "A2", "A4", "A5"]))
        let registry = try world.registry.assessors(actor: admin, page: try PageRequest()).items.filter { drawn.draw!.pool.contains($0.id) }
        #expect(try AssessorDraw.choose(from: registry, seed: 7, count: 2, qualified: 1) == drawn.assessors)
        let event = try world.service.show(caseID: id, actor: admin).events.last
        #expect(event?.action == "case.assign" && event?.reason == "drawn with seed 7")
    }

    @Test("Naming the assessors by hand is the exception: it needs a reason, which the audit trail keeps")
    func manualNeedsReason() throws {
        let world = try World()
        let id = try world.caseIn(.eligible)
        let error = #expect(throws: CaseError.self) {
            try world.service.assign(caseID: id, assessors: ["A1", "A2"], reason: "  ", actor: admin, asOf: day("2026-03-03"))
        }
        #expect(error?.message.contains("need a reason") == true)
        _ = try world.service.assign(caseID: id, assessors: ["A1", "A2"], reason: "the only assessors who speak the dialect", actor: admin, asOf: day("2026-03-03"))
        let event = try world.service.show(caseID: id, actor: admin).events.last
        #expect(event?.action == "case.assign" && event?.reason == "the only assessors who speak the dialect")
    }

    @Test("An expired certificate cannot be assigned, drawn or assess; a draw may take one agency's assessors only")
    func certificatesAndAgencies() throws {
        let world = try World()
        _ = try world.registry.addAssessor(id: "B1", name: "孙医生", qualification: .medical, employer: nil, agency: "市评估中心",
                                           certificateUntil: day("2026-03-02"), actor: admin, asOf: day("2026-01-01"))
        _ = try world.registry.addAssessor(id: "B2", name: "周专员", qualification: .none, employer: nil, agency: "市评估中心",
                                           certificateUntil: day("2027-12-31"), actor: admin, asOf: day("2026-01-01"))
        _ = try world.registry.addAssessor(id: "B3", name: "吴护士", qualification: .care, employer: nil, agency: "市评估中心",
                                           actor: admin, asOf: day("2026-01-01"))
        let id = try world.caseIn(.eligible)
        let expired = #expect(throws: CaseError.self) {
            try world.service.assign(caseID: id, assessors: ["B1", "B2"], reason: "test", actor: admin, asOf: day("2026-03-03"))
        }
        #expect(expired?.message.contains("the certificate of assessor B1 expired on 2026-03-02") == true)
        let drawn = try world.service.drawAssessors(caseID: id, seed: 3, agency: "市评估中心", actor: admin, asOf: day("2026-03-03"))
        #expect(drawn.draw?.pool == ["B2", "B3"])
        #expect(Set(drawn.assessors) == ["B2", "B3"])
        // A certificate that lapses after the assignment stops the assessment too.
        let other = try World()
        _ = try other.registry.addAssessor(id: "B4", name: "郑医生", qualification: .medical, employer: nil, certificateUntil: day("2026-03-04"),
                                           actor: admin, asOf: day("2026-01-01"))
        let second = try other.caseIn(.eligible)
        _ = try other.service.assign(caseID: second, assessors: ["B4", "A2"], reason: "test", actor: admin, asOf: day("2026-03-03"))
        let lapsed = #expect(throws: CaseError.self) {
            try other.service.assess(caseID: second, formID: "cn-ltc-2021", answers: World.answers(grade: 3), assessedOn: day("2026-03-05"),
                                     place: "home", actor: try Actor("assessor:B4"), asOf: day("2026-03-05"))
        }
        #expect(lapsed?.message.contains("expired on 2026-03-04") == true)
    }

    @Test("An assessor deactivated from a day is neither assigned nor drawn from that day, and is before it")
    func deactivated() throws {
        let world = try World()
        try world.scratch.store.write { tx in
            try tx.deactivations.insert(Deactivation(actor: try Actor("assessor:A2"), from: day("2026-03-04"), reason: "left the agency",
                                                     by: admin, on: day("2026-03-01")))
        }
        let before = try world.caseIn(.eligible)
        _ = try world.service.assign(caseID: before, assessors: ["A1", "A2"], reason: "the day before", actor: admin, asOf: day("2026-03-03"))
        let other = try World()
        try other.scratch.store.write { tx in
            try tx.deactivations.insert(Deactivation(actor: try Actor("assessor:A2"), from: day("2026-03-03"), reason: "left the agency",
                                                     by: admin, on: day("2026-03-01")))
        }
        let id = try other.caseIn(.eligible)
        let named = #expect(throws: CaseError.self) {
            try other.service.assign(caseID: id, assessors: ["A1", "A2"], reason: "named", actor: admin, asOf: day("2026-03-03"))
        }
        #expect(named?.reason == .assessorRule && named?.message == "assessor A2 was deactivated from 2026-03-03: they may not be assigned")
        let drawn = try other.service.drawAssessors(caseID: id, seed: 7, actor: admin, asOf: day("2026-03-03"))
        #expect(drawn.draw?.pool == ["A1", "A3", "A4", "A5"])
    }

    @Test("A re-assessment's draw leaves out the first round's assessors")
    func reassessment() throws {
        let world = try World()
        let id = try world.caseIn(.objected)
        let first = Set(try world.service.show(caseID: id, actor: admin).assessments.last?.assessors ?? [])
        let drawn = try world.service.drawAssessors(caseID: id, seed: 3, actor: admin, asOf: day("2026-03-20"))
        #expect(drawn.round == .reassessment && first.isDisjoint(with: drawn.assessors) && first.isDisjoint(with: drawn.draw!.pool))
    }
}
