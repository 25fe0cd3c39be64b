import Foundation
import LTCCases
import LTCCore
import LTCSchemes
import Testing

@Suite("Deadlines in working days from acceptance: the visit, then the conclusion")
struct DeadlineTests {
    @Test("Accepted on Wednesday 2026-09-30, the visit is due ten working days on, past National Day: Tuesday 2026-10-20")
    func visitAcrossHolidays() throws {
        let world = try World()
        let id = try world.service.open(personID: world.person.id, disabledSince: day("2025-06-01"), institution: nil, schemeID: nil,
                                        actor: admin, asOf: day("2026-09-30")).id
        // 10-01, 10-02, 10-05, 10-06, 10-07 are holidays; Saturday 10-10 is a working day.
        let checked = try world.service.check(caseID: id, actor: admin, asOf: day("2026-09-30"))
        #expect(checked.deadline == CaseDeadline(kind: .visit, due: day("2026-10-20")))
        #expect(checked.deadline?.isOverdue(on: day("2026-10-20")) == false)
        #expect(checked.deadline?.isOverdue(on: day("2026-10-21")) == true)
    }

    @Test("The assessment sets the conclusion's deadline (fifteen working days from acceptance); the determination clears it")
    func conclusionThenNone() throws {
        let world = try World()
        let assessed = try world.caseIn(.assessed)   // accepted Monday 2026-03-02
        #expect(try world.service.show(caseID: assessed, actor: admin).record.deadline == CaseDeadline(kind: .conclusion, due: day("2026-03-23")))
        let determined = try world.service.determine(caseID: assessed, actor: admin, asOf: day("2026-03-09"))
        #expect(determined.deadline == nil)
    }

    @Test("case list --overdue finds, in the store, the cases whose deadline passed before the day")
    func overdueList() throws {
        let world = try World()
        let eligible = try world.caseIn(.eligible)   // the visit is due 2026-03-16
        let onTime = try world.service.list(actor: admin, state: nil, dueWithin: nil, overdue: true, asOf: day("2026-03-16"), page: try PageRequest())
        #expect(onTime.items.isEmpty)
        let late = try world.service.list(actor: admin, state: nil, dueWithin: nil, overdue: true, asOf: day("2026-03-17"), page: try PageRequest())
        #expect(late.items.map(\.id) == [eligible])
    }

    @Test("The deadlines are scheme data: left out, there are none; the conclusion may not come before the visit")
    func schemeData() throws {
        let without = testSchemeJSON.replacingOccurrences(of: #",\s*"visitWithinWorkingDays": 10, "conclusionWithinWorkingDays": 15"#, with: "",
                                                          options: .regularExpression)
        let scheme = try Scheme.decode(text: Array(without.utf8), source: "s.json")
        #expect(scheme.assessment.visitWithinWorkingDays == nil && scheme.assessment.conclusionWithinWorkingDays == nil)
        let backwards = testSchemeJSON.replacingOccurrences(of: #""conclusionWithinWorkingDays": 15"#, with: #""conclusionWithinWorkingDays": 5"#)
        let error = #expect(throws: (any Error).self) { try Scheme.decode(text: Array(backwards.utf8), source: "s.json") }
        #expect("\(error.map { "\($0)" } ?? "")".contains("$.assessment.conclusionWithinWorkingDays: 5 working days is before the visit's 10"))
    }
}
