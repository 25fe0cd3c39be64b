import Foundation
import LTCAssessment
import LTCCases
import LTCCore
import LTCSchemes
import LTCStorage
import LTCTestSupport
import Testing

/// The test scheme with more assessment settings.
func reviewScheme(_ extra: String) -> String {
    testSchemeJSON.replacingOccurrences(of: "\"conclusionWithinWorkingDays\": 15}", with: "\"conclusionWithinWorkingDays\": 15, \(extra)}")
}

/// A world whose cases keep evidence in the test store's evidence folder.
struct EvidenceWorld {
    let world: World
    let service: CaseService
    var folder: String { world.scratch.evidenceFolder }

    init(scheme: String) throws {
        world = try World(scheme: scheme)
        service = CaseService(store: world.scratch.store, forms: try FormCatalog.load(), clock: SystemClock(),
                              vault: FolderVault(folder: world.scratch.evidenceFolder))
    }

    /// A file with `text` in it, removed with the store.
    func file(_ name: String, _ text: String) throws -> String { try world.scratch.evidenceFile(name, text) }
}

@Suite("Review: recognition, evidence, change of condition, audit re-assessment, experts")
struct ReviewTests {
    let recognizing = reviewScheme("""
        "recognition": [{"form": "gbt-42195-2022", "source": {"zh": "民政老年人能力评估", "en": "civil-affairs capacity assessment"},
                         "withinMonths": 12, "grades": {"3": 3, "4": 4}}]
        """)

    @Test("A civil-affairs result whose grade the scheme maps stands in for the assessment; the case keeps what was recognized")
    func recognized() throws {
        let world = try World(scheme: recognizing)
        let id = try world.caseIn(.eligible)
        let (record, assessment) = try world.service.recognize(caseID: id, formID: "gbt-42195-2022", grade: 4, assessedOn: day("2025-03-03"),
                                                               issuedBy: "区民政局", reference: "MZ-2025-0012", actor: admin, asOf: day("2026-03-03"))
        #expect(record.state == .assessed && record.round == .recognized && record.assessors.isEmpty)
        #expect(assessment.grade == 4 && assessment.round == .recognized)
        #expect(assessment.recognition?["grade"]?.intValue == 4 && assessment.recognition?["reference"]?.stringValue == "MZ-2025-0012")
        #expect(assessment.recognition?["source"]?["zh"]?.stringValue == "民政老年人能力评估")
        let published = try world.service.determine(caseID: id, actor: admin, asOf: day("2026-03-04"))
        #expect(published.state == .publicity && published.pending?.grade == 4 && published.pending?.gradeLabel == "重度失能二级")
    }

    @Test("Recognition is refused for a grade the mapping leaves out, a result a day too old, a form the scheme does not name")
    func recognitionRefused() throws {
        let world = try World(scheme: recognizing)
        let id = try world.caseIn(.eligible)
        func recognize(_ form: String, _ grade: Int, _ on: String) throws {
            _ = try world.service.recognize(caseID: id, formID: form, grade: grade, assessedOn: day(on), issuedBy: "区民政局", reference: "R1",
                                            actor: admin, asOf: day("2026-03-03"))
        }
        let unmapped = #expect(throws: CaseError.self) { try recognize("gbt-42195-2022", 2, "2026-03-01") }
        #expect(unmapped?.message.contains("recognizes grades 3, 4 of gbt-42195-2022, not 2") == true)
        let old = #expect(throws: CaseError.self) { try recognize("gbt-42195-2022", 4, "2025-03-02") }
        #expect(old?.reason == .timing)
        let other = #expect(throws: CaseError.self) { try recognize("barthel", 3, "2026-03-01") }
        #expect(other?.message.contains("not 'barthel'") == true)
        #expect(try world.service.show(caseID: id, actor: admin).record.state == .eligible)
    }

    @Test("A scheme may not 'recognize' its own form, nor map grades out of range")
    func recognitionDecoding() {
        let own = reviewScheme("""
            "recognition": [{"form": "cn-ltc-2021", "source": {"zh": "x", "en": "x"}, "withinMonths": 12, "grades": {"3": 3}}]
            """)
        #expect(throws: (any Error).self) { try Scheme.decode(text: Array(own.utf8), source: "own") }
        let badGrade = reviewScheme("""
            "recognition": [{"form": "gbt-42195-2022", "source": {"zh": "x", "en": "x"}, "withinMonths": 12, "grades": {"3": -1}}]
            """)
        #expect(throws: (any Error).self) { try Scheme.decode(text: Array(badGrade.utf8), source: "bad") }
    }

    @Test("The scheme's required evidence must be attached and intact before a determination")
    func evidenceRequired() throws {
        let setup = try EvidenceWorld(scheme: reviewScheme("\"evidenceRequired\": [\"photo\", \"signature\"]"))
        let id = try setup.world.caseIn(.assessed)
        let service = setup.service
        let missing = #expect(throws: CaseError.self) { try service.determine(caseID: id, actor: admin, asOf: day("2026-03-09")) }
        #expect(missing?.message.contains("missing or not intact: photo, signature") == true)

        let photo = try setup.file("bedside.jpg", "a photo of the bedside")
        let signature = try setup.file("signed.png", "the family's signature")
        let attached = try service.attachEvidence(caseID: id, path: photo, kind: .photo, actor: try Actor("assessor:A1"), asOf: nil)
        #expect(attached.digest == SHA256.hex(Array("a photo of the bedside".utf8)) && attached.name == "bedside.jpg")
        #expect(throws: CaseError.self) { try service.attachEvidence(caseID: id, path: photo, kind: .photo, actor: try Actor("assessor:A1"), asOf: nil) }
        let stranger = #expect(throws: CaseError.self) {
            try service.attachEvidence(caseID: id, path: signature, kind: .signature, actor: try Actor("assessor:A4"), asOf: nil)
        }
        // An assessor not of this case learns nothing of it, as case.get answers them.
        #expect(stranger?.reason == .notFound && stranger?.message == "case \(id): not found or not yours")
        let nowhere = #expect(throws: CaseError.self) {
            try service.attachEvidence(caseID: 999, path: signature, kind: .signature, actor: try Actor("assessor:A4"), asOf: nil)
        }
        #expect(nowhere?.message == "case 999: not found or not yours")
        _ = try service.attachEvidence(caseID: id, path: signature, kind: .signature, actor: admin, asOf: day("2026-03-06"))

        // A file changed behind ltc's back is found on read, and no longer counts.
        try Data("another picture".utf8).write(to: URL(fileURLWithPath: setup.folder + "/" + attached.digest))
        #expect(try service.evidence(caseID: id, actor: admin).map(\.state) == [.altered, .intact])
        #expect(throws: CaseError.self) { try service.determine(caseID: id, actor: admin, asOf: day("2026-03-09")) }
        try Data("a photo of the bedside".utf8).write(to: URL(fileURLWithPath: setup.folder + "/" + attached.digest))
        #expect(try service.determine(caseID: id, actor: admin, asOf: day("2026-03-09")).state == .publicity)
    }

    @Test("A case holding the most evidence it keeps refuses more before the file is copied: a refusal leaves nothing in the folder")
    func evidenceLimitBeforeCopy() throws {
        let setup = try EvidenceWorld(scheme: reviewScheme("\"evidenceRequired\": [\"photo\"]"))
        let id = try setup.world.caseIn(.assessed)
        for number in 0..<Evidence.limitPerCase {
            _ = try setup.service.attachEvidence(caseID: id, content: .bytes(Array("photo \(number)".utf8)), name: "p\(number).jpg", kind: .photo,
                                                 actor: admin, asOf: nil)
        }
        let kept = try FileManager.default.contentsOfDirectory(atPath: setup.folder).count
        let full = #expect(throws: CaseError.self) {
            try setup.service.attachEvidence(caseID: id, content: .bytes(Array("one too many".utf8)), name: "extra.jpg", kind: .photo, actor: admin, asOf: nil)
        }
        #expect(full?.message == "case \(id) holds \(Evidence.limitPerCase) pieces of evidence, the most one case keeps")
        #expect(try FileManager.default.contentsOfDirectory(atPath: setup.folder).count == kept)
    }

    @Test("A change of condition is taken once the grade has been in force the scheme's months; its visit falls due")
    func changeOfCondition() throws {
        let world = try World(scheme: reviewScheme("\"conditionChangeAfterMonths\": 6"))
        let id = try world.caseIn(.effective)   // in force from 2026-03-17
        let early = #expect(throws: CaseError.self) { try world.service.reportChange(caseID: id, reason: "a fall", actor: admin, asOf: day("2026-09-16")) }
        #expect(early?.message.contains("from 2026-09-17") == true)
        let reported = try world.service.reportChange(caseID: id, reason: "a stroke", actor: admin, asOf: day("2026-09-17"))
        #expect(reported.state == .effective && reported.conditionChange?.reportedOn == day("2026-09-17"))
        #expect(reported.deadline?.kind == .visit && reported.deadline?.due == day("2026-09-30"))   // 10 working days, Sunday the 27th worked
        #expect(throws: CaseError.self) { try world.service.reportChange(caseID: id, reason: "again", actor: admin, asOf: day("2026-09-18")) }
        let assigned = try world.service.assign(caseID: id, assessors: ["A4", "A5"], reason: "named for the test", actor: admin, asOf: day("2026-09-18"))
        #expect(assigned.round == .review)
        let assessed = try world.service.assess(caseID: id, formID: "cn-ltc-2021", answers: World.answers(grade: 3), assessedOn: day("2026-09-21"),
                                                place: "home", actor: try Actor("assessor:A4"), asOf: day("2026-09-21")).0
        #expect(assessed.conditionChange == nil && assessed.deadline == nil)
    }

    @Test("An objection goes to the expert pool: a review team without the scheme's experts is refused, a draw fills the expert seat")
    func experts() throws {
        let world = try World(scheme: reviewScheme("\"reviewExperts\": 1"))
        _ = try world.registry.addAssessor(id: "E1", name: "周主任", qualification: .medical, employer: nil, expert: true, actor: admin, asOf: day("2026-01-01"))
        let id = try world.caseIn(.publicity)
        _ = try world.service.object(caseID: id, reason: "grade too low", actor: admin, asOf: day("2026-03-10"))
        let refused = #expect(throws: CaseError.self) {
            try world.service.assign(caseID: id, assessors: ["A4", "A5"], reason: "named", actor: admin, asOf: day("2026-03-11"))
        }
        #expect(refused?.message.contains("the scheme needs 1 from the expert pool; 0 of A4, A5 are") == true)
        for seed: UInt64 in [1, 2, 3] {
            #expect(try AssessorDraw.choose(from: [Assessor(id: "A4", name: "赵", qualification: .medical, employer: nil),
                                                   { var e = Assessor(id: "E1", name: "周", qualification: .medical, employer: nil); e.expert = true; return e }(),
                                                   Assessor(id: "A5", name: "钱", qualification: .none, employer: nil)],
                                            seed: seed, count: 2, qualified: 1, experts: 1).first == "E1")
        }
        let drawn = try world.service.drawAssessors(caseID: id, seed: 5, actor: admin, asOf: day("2026-03-11"))
        #expect(drawn.assessors.contains("E1") && !drawn.assessors.contains("A1") && !drawn.assessors.contains("A2"))
    }

    @Test("The audit draw takes the scheme's share of a month's determinations, rounded up, and replays with its seed")
    func auditDraw() throws {
        let world = try World(scheme: reviewScheme("\"auditRate\": 0.5"))
        let id = try world.caseIn(.effective)   // decided 2026-03-09
        let early = #expect(throws: CaseError.self) {
            try world.service.drawAudits(schemeID: "test-2026", month: YearMonth("2026-03")!, seed: 1, actor: admin, asOf: day("2026-03-31"))
        }
        #expect(early?.reason == .timing)
        let none = try world.service.drawAudits(schemeID: "test-2026", month: YearMonth("2026-02")!, seed: 1, actor: admin, asOf: day("2026-04-01"))
        #expect(none.pool.isEmpty && none.picked.isEmpty)
        let draw = try world.service.drawAudits(schemeID: "test-2026", month: YearMonth("2026-03")!, seed: 1, actor: admin, asOf: day("2026-04-01"))
        #expect(draw.pool == [id] && draw.picked == [id])
        #expect(try world.service.show(caseID: id, actor: admin).record.audit?.seed == 1)
        let again = try world.service.drawAudits(schemeID: "test-2026", month: YearMonth("2026-03")!, seed: 1, actor: admin, asOf: day("2026-04-01"))
        #expect(again.pool.isEmpty, "a case drawn already is not drawn twice")
        let institution = #expect(throws: CaseError.self) {
            try world.service.drawAudits(schemeID: "test-2026", month: YearMonth("2026-03")!, actor: try Actor("assessor:A1"), asOf: nil)
        }
        #expect(institution?.reason == .forbidden)
    }

    @Test("An audit by others that finds another grade is a finding against the first assessors; one that agrees leaves the grade in force")
    func auditFindings() throws {
        let world = try World(scheme: reviewScheme("\"auditRate\": 1"))
        let id = try world.caseIn(.effective)
        _ = try world.service.drawAudits(schemeID: "test-2026", month: YearMonth("2026-03")!, seed: 9, actor: admin, asOf: day("2026-04-01"))
        let same = #expect(throws: CaseError.self) {
            try world.service.assign(caseID: id, assessors: ["A1", "A5"], reason: "named", actor: admin, asOf: day("2026-04-02"))
        }
        #expect(same?.message.contains("other than those of the grade audited; A1 assessed it") == true)
        let audit = try world.service.assign(caseID: id, assessors: ["A4", "A5"], reason: "named", actor: admin, asOf: day("2026-04-02"))
        #expect(audit.round == .audit)
        _ = try world.service.assess(caseID: id, formID: "cn-ltc-2021", answers: World.answers(grade: 1), assessedOn: day("2026-04-03"),
                                     place: "home", actor: try Actor("assessor:A4"), asOf: day("2026-04-03"))
        let published = try world.service.determine(caseID: id, actor: admin, asOf: day("2026-04-06"))
        #expect(published.state == .publicity && published.pending?.grade == 1 && published.audit == nil)
        let findings = try world.service.findings(assessor: nil, actor: admin, page: try PageRequest())
        #expect(findings.items.map(\.assessor) == ["A1", "A2"])
        #expect(findings.items.allSatisfy { $0.grade == 3 && $0.auditedGrade == 1 && $0.direction == "lowered" && $0.caseID == id })
        #expect(try world.service.findings(assessor: "A2", actor: admin, page: try PageRequest()).items.count == 1)
        #expect(throws: CaseError.self) { try world.service.findings(assessor: nil, actor: try Actor("assessor:A1"), page: try PageRequest()) }
    }

    @Test("An audit that finds the same grade records no finding and the grade stays in force, unchanged")
    func auditConfirms() throws {
        let world = try World(scheme: reviewScheme("\"auditRate\": 1"))
        let id = try world.caseIn(.effective)
        let before = try world.service.show(caseID: id, actor: admin).record.determination
        _ = try world.service.drawAudits(schemeID: "test-2026", month: YearMonth("2026-03")!, seed: 9, actor: admin, asOf: day("2026-04-01"))
        _ = try world.service.drawAssessors(caseID: id, seed: 3, actor: admin, asOf: day("2026-04-02"))
        let team = try world.service.show(caseID: id, actor: admin).record.assessors
        #expect(!team.contains("A1") && !team.contains("A2"))
        _ = try world.service.assess(caseID: id, formID: "cn-ltc-2021", answers: World.answers(grade: 3), assessedOn: day("2026-04-03"),
                                     place: "home", actor: try Actor("assessor:\(team[0])"), asOf: day("2026-04-03"))
        let kept = try world.service.determine(caseID: id, actor: admin, asOf: day("2026-04-06"))
        #expect(kept.state == .effective && kept.determination == before && kept.audit == nil && kept.pending == nil)
        #expect(try world.service.findings(assessor: nil, actor: admin, page: try PageRequest()).items.isEmpty)
    }
}
