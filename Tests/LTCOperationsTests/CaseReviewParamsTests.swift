import LTCCases
import LTCCore
import LTCOperations
import Testing

@Suite("The params of review, evidence, bars and care plans")
struct CaseReviewParamsTests {
    /// The operation's own params of its example, without the shared `actor`.
    func example<Operation: StoreOperation>(_ operation: Operation.Type) -> JSONObject {
        JSONObject(Operation.example.filter { $0.key != "actor" })
    }

    /// The problems reading `params` as `Input` finds, as `param: message`.
    func problems<Input: Params>(_ type: Input.Type, _ params: JSONObject) -> [String] {
        do {
            _ = try ParamsReader.read(type, from: params)
            return []
        } catch {
            return error.problems.map(\.description)
        }
    }

    @Test("Each operation reads its own example")
    func examplesRead() throws {
        let recognized = try ParamsReader.read(RecognizeResult.Input.self, from: example(RecognizeResult.self))
        #expect(recognized.grade == 4 && recognized.assessedOn == CalendarDate("2026-02-10"))
        #expect(try ParamsReader.read(AttachEvidence.Input.self, from: example(AttachEvidence.self)).kind == .photo)
        #expect(try ParamsReader.read(ListEvidence.Input.self, from: example(ListEvidence.self)).caseID == 1)
        #expect(try ParamsReader.read(ReportConditionChange.Input.self, from: example(ReportConditionChange.self)).reason == "a stroke in May")
        let draw = try ParamsReader.read(DrawAudits.Input.self, from: example(DrawAudits.self))
        #expect(draw.month == YearMonth("2026-05") && draw.seed == nil)
        #expect(try ParamsReader.read(ListFindings.Input.self, from: example(ListFindings.self)).page.limit == 100)
        #expect(try ParamsReader.read(BarPerson.Input.self, from: example(BarPerson.self)).role.rawValue == "principal")
        #expect(try ParamsReader.read(ListBars.Input.self, from: example(ListBars.self)).page.after == nil)
        #expect(try ParamsReader.read(ShowPlan.Input.self, from: example(ShowPlan.self)).caseID == 1)
        #expect(try ParamsReader.read(ListPlanVersions.Input.self, from: example(ListPlanVersions.self)).caseID == 1)
        let proposed = try ParamsReader.read(ProposePlan.Input.self, from: example(ProposePlan.self))
        #expect(proposed.answers?.scores == ["needs.pressure": 0, "needs.tube": 0, "needs.medication": 1, "needs.rehabilitation": 1, "needs.carer": 0])
        let set = try ParamsReader.read(SetPlan.Input.self, from: example(SetPlan.self))
        #expect(set.items.map(\.code) == ["S01", "S03"] && set.items.first?.minutes == 60 && set.items.first?.perDay == nil)
        #expect(try ParamsReader.read(ConfirmPlan.Input.self, from: example(ConfirmPlan.self)).by == "陈老伯")
    }

    @Test("A word that is not one of the domain's is refused naming the accepted ones")
    func words() {
        var evidence = example(AttachEvidence.self)
        evidence.set("kind", "film")
        #expect(problems(AttachEvidence.Input.self, evidence) == ["kind: 'film' is not accepted; use photo, video or signature"])
        var bar = example(BarPerson.self)
        bar.set("role", "chief")
        #expect(problems(BarPerson.Input.self, bar) == ["role: 'chief' is not accepted; use principal, staff or staff-serious"])
    }

    @Test("A month, a seed and a date that are not one are refused by their readers, every problem at once")
    func dates() {
        #expect(problems(DrawAudits.Input.self, ["scheme": "shanghai-2026", "month": "2026-5", "seed": "-1"])
                == ["month: '2026-5' is not a month; use YYYY-MM", "seed: '-1' is not a whole number from 0 to 18446744073709551615"])
        let seeded = try? ParamsReader.read(DrawAudits.Input.self, from: ["scheme": "shanghai-2026", "month": "2026-05", "seed": "18446744073709551615"])
        #expect(seeded?.seed?.value == UInt64.max)
        var recognized = example(RecognizeResult.self)
        recognized.set("assessedOn", "2026-02-30")
        #expect(problems(RecognizeResult.Input.self, recognized) == ["assessedOn: '2026-02-30' is not a date; use YYYY-MM-DD"])
    }

    @Test("Names and ids are held to their kind of text; evidence is base64 of at most 8 MiB, never a path")
    func texts() {
        var recognized = example(RecognizeResult.self)
        recognized.set("issuedBy", "区\n民政局")
        #expect(problems(RecognizeResult.Input.self, recognized) == ["issuedBy: holds a control character (U+000A)"])
        var evidence = example(AttachEvidence.self)
        evidence.set("file", "/srv/uploads/bedside.jpg")
        #expect(problems(AttachEvidence.Input.self, evidence) == ["file: is not base64 (RFC 4648, padded)"])
        evidence.set("file", .string(String(repeating: "A", count: 12 << 20)))
        #expect(problems(AttachEvidence.Input.self, evidence).map { $0.hasPrefix("file: evidence inside the params is at most 8 MiB") } == [true])
        evidence.set("file", "aGk=")
        evidence.set("name", "")
        #expect(problems(AttachEvidence.Input.self, evidence) == ["name: is empty"])
        #expect(problems(ConfirmPlan.Input.self, ["case": 1, "by": " "]) == ["by: is empty"])
        #expect(problems(ReportConditionChange.Input.self, ["case": 1, "reason": "a fall\nand a stroke"]).isEmpty)
    }

    @Test("The needs answers and the plan's items are read member by member, each problem named by its path")
    func planShapes() {
        let answers = problems(ProposePlan.Input.self, ["case": 1, "answers": ["needs.pressure": "x", "needs.tube": 1]])
        #expect(answers == ["answers.needs.pressure: expected integer (a score), found string"])
        #expect(problems(ProposePlan.Input.self, ["case": 1, "answers": [1]]) == ["answers: expected object, found array"])
        #expect(problems(ProposePlan.Input.self, ["case": 1]).isEmpty)
        let items = problems(SetPlan.Input.self, ["case": 1, "reason": "x",
                                                  "items": [["code": "S01", "perWeek": "2"], ["code": "S03", "perWeek": 1, "hours": 1]]])
        #expect(items == ["items[0].perWeek: expected integer, found string",
                          "items[1].hours: unknown parameter; accepted: code, perWeek, perDay, minutes"])
        #expect(problems(SetPlan.Input.self, ["case": 1, "reason": "x"]) == ["items: missing required parameter (array)"])
    }

    @Test("Each operation says who may call it, whether it writes, and the command that runs it")
    func declarations() {
        let catalogue = OperationCatalogue.standard()
        let commands = ["case.recognize": "case recognize", "case.evidence": "case evidence add", "case.evidenceList": "case evidence list",
                        "case.reportChange": "case change-of-condition", "case.auditDraw": "case audit-draw", "assessor.findings": "assessor findings",
                        "bar.add": "bar add", "bar.list": "bar list", "plan.show": "plan show", "plan.history": "plan history",
                        "plan.propose": "plan propose", "plan.set": "plan set", "plan.confirm": "plan confirm"]
        for (name, command) in commands {
            #expect(catalogue.entry(named: name)?.command == command, "\(name)")
        }
        let readers = ["case.evidenceList", "assessor.findings", "bar.list", "plan.show", "plan.history"]
        for (name, _) in commands {
            #expect(catalogue.entry(named: name)?.effect == (readers.contains(name) ? .reads : .writes), "\(name)")
        }
        #expect(catalogue.entry(named: "case.recognize")?.access.roles == [.administrator])
        #expect(catalogue.entry(named: "case.auditDraw")?.access.roles == [.administrator])
        #expect(catalogue.entry(named: "bar.add")?.access.roles == [.administrator])
        #expect(catalogue.entry(named: "assessor.findings")?.access.roles == [.administrator, .auditor])
        #expect(catalogue.entry(named: "case.evidence")?.access.roles == [.administrator, .assessor])
        #expect(catalogue.entry(named: "plan.set")?.access.roles == [.administrator, .assessor, .institution])
    }
}
