import LTCCases
import LTCCore
import LTCProviders
import Testing

@Suite("Reads are scoped by role: an institution sees its own, an auditor everything, lists filtered, not refused")
struct ReadScopeTests {
    let own = try! Actor("institution:I001")
    let other = try! Actor("institution:I002")
    let auditor = try! Actor("auditor:fund")
    let assessor = try! Actor("assessor:A1")

    /// The provider world with a second institution, I002, under agreement, found in violation once; April settled.
    func world() throws -> ProviderWorld {
        let world = try ProviderWorld()
        try ProviderWorld.designate("I002", modes: ["home-visit"], prices: ["S01": Money(yuan: 60)], with: world.agreements)
        _ = try world.supervision.recordViolation(institution: "I002", caregiver: nil, person: world.person, type: "V02", foundOn: day("2026-04-10"),
                                                  evidence: "visit logged while the client was away", amount: .zero, penalty: "warning",
                                                  actor: admin, asOf: day("2026-04-10"))
        _ = try world.submit([world.line("L1")])
        _ = try world.settlement.settle(month: YearMonth("2026-04")!, actor: admin, asOf: day("2026-05-01"))
        return world
    }

    @Test("An institution lists its own agreements and violations; asking for another's lists nothing")
    func listsFiltered() throws {
        let world = try world()
        #expect(try world.agreements.agreements(actor: own, page: try PageRequest()).items.map(\.institution) == ["I001"])
        #expect(try world.agreements.agreements(institution: "I002", actor: own, page: try PageRequest()).items.isEmpty)
        #expect(try world.supervision.violations(actor: own, page: try PageRequest()).items.isEmpty)
        #expect(try world.supervision.violations(actor: other, page: try PageRequest()).items.count == 1)
        #expect(try world.agreements.caregivers(institution: "I001", actor: other, page: try PageRequest()).items.isEmpty)
        #expect(try world.agreements.enrolments(actor: assessor, page: try PageRequest()).items.isEmpty)
        #expect(try world.agreements.agreements(actor: auditor, page: try PageRequest()).items.count == 2)
    }

    @Test("A direct read of another's record says 'not found or not yours', the same words as for no record at all")
    func directReads() throws {
        let world = try world()
        let theirs = try #require(try world.agreements.agreements(institution: "I002", actor: admin, page: try PageRequest()).items.first)
        let refused = #expect(throws: CaseError.self) { try world.agreements.agreement(id: theirs.id, actor: own) }
        let missing = #expect(throws: CaseError.self) { try world.agreements.agreement(id: "AG-NONE-1", actor: own) }
        #expect(refused?.message == "agreement \(theirs.id): not found or not yours")
        #expect(missing?.message == "agreement AG-NONE-1: not found or not yours")
        #expect(throws: CaseError.self) { try world.supervision.credit(of: "institution:I002", actor: own, asOf: day("2026-04-20")) }
        #expect(throws: CaseError.self) { try world.supervision.credit(of: "person:\(world.person)", actor: own, asOf: day("2026-04-20")) }
        #expect(try world.supervision.credit(of: "institution:I001", actor: own, asOf: day("2026-04-20")).score == 100)
    }

    @Test("A settled month: an institution reads its own statement only; the fund report is for administrators and auditors")
    func statementsAndReport() throws {
        let world = try world()
        let mine = try #require(try world.settlement.settlement(month: YearMonth("2026-04")!, actor: own))
        #expect(mine.statements.map(\.institution) == ["I001"])
        #expect(try world.settlement.settlement(month: YearMonth("2026-04")!, actor: other)?.statements.isEmpty == true)
        #expect(try world.settlement.settlement(month: YearMonth("2026-04")!, actor: assessor) == nil)
        let report = #expect(throws: CaseError.self) { try world.reports.report(month: YearMonth("2026-04")!, actor: own) }
        #expect(report?.reason == .forbidden)
        #expect(try world.reports.report(month: YearMonth("2026-04")!, actor: auditor).settlement.statements.count == 1)
        // Settling is an administrator's: asked by anyone else, even for a settled month, it is refused.
        #expect(throws: CaseError.self) { try world.settlement.settle(month: YearMonth("2026-04")!, actor: own, asOf: day("2026-05-02")) }
        #expect(throws: CaseError.self) { try world.settlement.settle(month: YearMonth("2026-04")!, actor: auditor, asOf: day("2026-05-02")) }
    }

    @Test("An institution sees its clients (enrolled with it) with ID numbers masked; another institution is told 'not found or not yours', and the look is audited")
    func clients() throws {
        let world = try world()
        #expect(try world.registry.people(actor: own, page: try PageRequest()).items.map(\.id) == [world.person])
        #expect(try world.registry.people(actor: other, page: try PageRequest()).items.isEmpty)
        #expect(try world.registry.person(id: world.person, actor: own).id == world.person)
        #expect(try world.cases.show(caseID: world.caseID, actor: own).record.id == world.caseID)
        let theirs = #expect(throws: CaseError.self) { try world.cases.show(caseID: world.caseID, actor: other) }
        let missing = #expect(throws: CaseError.self) { try world.cases.show(caseID: 999, actor: other) }
        #expect(theirs?.message == "case \(world.caseID): not found or not yours" && theirs?.reason == .notFound)
        #expect(missing?.message == "case 999: not found or not yours" && missing?.reason == .notFound)
        let person = #expect(throws: CaseError.self) { try world.registry.person(id: world.person, actor: other) }
        #expect(person?.message == "person \(world.person): not found or not yours")
        let refusals = try world.scratch.store.read { tx in try tx.audit.events(subject: "case:\(world.caseID)") }.filter { $0.outcome == .refused }
        #expect(refusals.map(\.actor) == ["institution:I002"])
        for actor in [own, assessor] { #expect(throws: CaseError.self) { try Access.require(actor, .readNationalIDs) } }
        for actor in [admin, auditor] { #expect(throws: Never.self) { try Access.require(actor, .readNationalIDs) } }
    }

    @Test("Submissions and logs: an institution lists its own, an auditor every institution's")
    func submissionsAndLogs() throws {
        let world = try world()
        _ = try world.intake.submit(Array("log_id,institution,caregiver,person,item,start,end,mode\nL9,I001,C1,\(world.person),S01,2026-04-08T09:00,2026-04-08T10:00,home-visit\n".utf8),
                                    actor: own, asOf: day("2026-04-09"))
        let mine = try world.intake.submissions(actor: own, page: try PageRequest())
        #expect(mine.items.map(\.institution) == ["I001"] && mine.items.first?.summary["received"] == 1)
        #expect(try world.intake.submissions(actor: other, page: try PageRequest()).items.isEmpty)
        #expect(try world.intake.submissions(institution: "I001", actor: other, page: try PageRequest()).items.isEmpty)
        #expect(try world.intake.submissions(actor: auditor, page: try PageRequest()).items.count == 2)
        #expect(try world.intake.submissions(actor: assessor, page: try PageRequest()).items.isEmpty)
        #expect(try world.intake.logs(institution: "I001", month: YearMonth("2026-04")!, actor: auditor, page: try PageRequest()).items.count >= 1)
        let refused = #expect(throws: CaseError.self) {
            try world.intake.logs(institution: "I001", month: YearMonth("2026-04")!, actor: other, page: try PageRequest())
        }
        #expect(refused?.message == "logs of I001: not found or not yours")
    }
}

@Suite("A case's timeline shows each role only the events it may see")
struct TimelineScopeTests {
    let own = try! Actor("institution:I001")
    let other = try! Actor("institution:I002")
    let auditor = try! Actor("auditor:fund")
    let assessor = try! Actor("assessor:A1")

    /// The provider world's case (assessed by A1, enrolled with I001), also
    /// enrolled with I002, with a carer paid in cash, a hospital stay, and a
    /// refused attempt by each institution.
    func world() throws -> ProviderWorld {
        let world = try ProviderWorld()
        try ProviderWorld.designate("I002", modes: ["home-visit"], prices: ["S01": Money(yuan: 60)], with: world.agreements)
        _ = try world.agreements.enrol(caseID: world.caseID, institution: "I002", mode: "home-visit", from: day("2026-04-01"), home: nil,
                                      actor: admin, asOf: day("2026-04-01"))
        let cash = CashService(store: world.scratch.store, clock: SystemClock())
        _ = try cash.registerPayee(caseID: world.caseID, kind: .carer, name: "陈小妹", nationalID: validID("11010519700101222"), account: "6222020200112233",
                                   trainedOn: day("2026-03-01"), actor: admin, asOf: day("2026-04-02"))
        #expect(throws: CaseError.self) {
            try cash.registerPayee(caseID: world.caseID, kind: .beneficiary, name: nil, nationalID: nil, account: "62220202", trainedOn: nil,
                                   actor: own, asOf: day("2026-04-03"))
        }
        #expect(throws: CaseError.self) { try world.cases.suspend(caseID: world.caseID, reason: "curious", actor: other, asOf: day("2026-04-03")) }
        _ = try world.cases.suspend(caseID: world.caseID, reason: "hospital stay", actor: admin, asOf: day("2026-04-10"))
        return world
    }

    func timeline(_ world: ProviderWorld, _ actor: Actor) throws -> [String] {
        try world.cases.show(caseID: world.caseID, actor: actor).events.map { "\($0.actor.split(separator: ":").first!) \($0.action) \($0.outcome.rawValue)" }
    }

    @Test("Administrators and auditors see every event, the cash payee and the refusals among them")
    func administratorsAndAuditors() throws {
        let world = try world()
        let every = try world.scratch.store.read { tx in try tx.audit.events(subject: "case:\(world.caseID)") }.count
        for actor in [admin, auditor] {
            let events = try timeline(world, actor)
            #expect(events.count == every && events.contains("administrator cash.payee done"))
            #expect(events.contains("institution cash.payee refused") && events.contains("institution case.suspend refused"))
        }
    }

    @Test("An assessor sees the assessment and what follows from it: not enrolments, the mode, the cash payee, suspensions or refusals")
    func assessors() throws {
        let world = try world()
        let seen = try timeline(world, assessor)
        let evidence = [String](repeating: "administrator case.evidence done", count: 3)
        #expect(seen == ["administrator case.open done", "administrator case.check done", "administrator case.assign done", "assessor case.assess done"]
                + evidence + ["administrator case.determine done", "administrator case.confirm done"], "\(seen)")
    }

    @Test("An institution sees its service of the client and its own attempts: not the assessment, the cash payee, another's enrolment or attempts")
    func institutions() throws {
        let world = try world()
        let service = ["administrator case.determine done", "administrator case.confirm done", "administrator case.mode done"]
        #expect(try timeline(world, own) == service + ["administrator enrolment.add done", "institution cash.payee refused", "administrator case.suspend done"])
        #expect(try timeline(world, other) == service + ["administrator enrolment.add done", "institution case.suspend refused", "administrator case.suspend done"])
        let enrolments = try world.cases.show(caseID: world.caseID, actor: own).events.filter { $0.action == "enrolment.add" }
        #expect(enrolments.map { $0.after?["institution"] } == ["I001"])
    }
}
