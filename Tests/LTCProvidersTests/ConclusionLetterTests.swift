import LTCCases
import LTCCore
import LTCProviders
import LTCReports
import Testing

@Suite("The conclusion letter and its delivery")
struct ConclusionLetterTests {
    /// A second person's case, determined on Monday 2026-03-09: under publicity until 2026-03-16.
    func published(_ world: ProviderWorld) throws -> Int {
        let person = try world.registry.addPerson(name: "王阿姨", nationalID: validID("11010519400101124"), insurance: .employee,
                                                  enrolledOn: day("2020-01-01"), actor: admin, asOf: day("2026-01-01"))
        let id = try world.cases.open(personID: person.id, disabledSince: day("2025-06-01"), institution: nil, schemeID: nil, actor: admin, asOf: day("2026-03-02")).id
        _ = try world.cases.check(caseID: id, actor: admin, asOf: day("2026-03-02"))
        _ = try world.cases.assign(caseID: id, assessors: ["A1", "A2"], reason: "named for the test", actor: admin, asOf: day("2026-03-03"))
        _ = try world.cases.assess(caseID: id, formID: "cn-ltc-2021", answers: try ProviderWorld.gradeThreeAnswers(), assessedOn: day("2026-03-05"),
                                   place: "home", actor: try Actor("assessor:A1"), asOf: day("2026-03-05"))
        #expect(throws: CaseError.self) {
            try world.cases.recordLetterDelivery(caseID: id, on: day("2026-03-06"), how: .post, actor: admin, asOf: day("2026-03-06"))
        }
        _ = try world.cases.determine(caseID: id, actor: admin, asOf: day("2026-03-09"))
        return id
    }

    @Test("Under publicity: the grade in Chinese and English, the person masked, the explanation, and the last day to object")
    func publicity() throws {
        let world = try ProviderWorld()
        let id = try published(world)
        let letter = try ConclusionLetter.of(caseID: id, actor: admin, cases: world.cases, registry: world.registry).html
        #expect(letter.contains("3 级 重度失能一级 · grade 3 severe disability I"))
        #expect(letter.contains("王阿姨 (110105********") && !letter.contains(validID("11010519400101124")))
        #expect(letter.contains("至 <b>2026-03-16</b>") && letter.contains("until <b>2026-03-16</b>"))
        #expect(letter.contains("<li>adl (activities of daily living) scored"))
        #expect(letter.contains("@media print"))
    }

    @Test("The English lines name the items and dimensions, as the Chinese lines do, not their ids")
    func namesNotIDs() throws {
        let world = try ProviderWorld()
        let id = try published(world)
        let form = try world.cases.forms.form(id: "cn-ltc-2021")
        let names = Dictionary(uniqueKeysWithValues: form.items.map { ($0.id, $0.name.en) } + form.dimensions.map { ($0.id, $0.name.en) })
        let letter = try ConclusionLetter.of(caseID: id, actor: admin, cases: world.cases, registry: world.registry) { _ in names }.html
        let english = letter.components(separatedBy: "<ul>")[2]
        #expect(english.contains("<li>activities of daily living scored"))
        #expect(english.contains("activities of daily living lowered by: ") && !english.contains("adl."))
        #expect(english.contains("Row: activities of daily living level"))
        #expect(LetterWording(names: names).english("adl lowered by: adl.walking 5/15 (−10), adl.stairs 0/10 (−10).")
                == "activities of daily living lowered by: walking on level ground 5/15 (−10), stairs 0/10 (−10).")
    }

    @Test("In force: no right to object is left; a letter before any determination is refused")
    func inForce() throws {
        let world = try ProviderWorld()
        let letter = try ConclusionLetter.of(caseID: world.caseID, actor: admin, cases: world.cases, registry: world.registry).html
        #expect(letter.contains("The publicity period has ended; this conclusion is in force."))
        #expect(letter.contains("2026-03-17 – 2028-03-16"))
    }

    @Test("The delivery is recorded with its day and way, audited; not before the conclusion, not in the future")
    func delivery() throws {
        let world = try ProviderWorld()
        let id = try published(world)
        #expect(throws: CaseError.self) { try world.cases.recordLetterDelivery(caseID: id, on: day("2026-03-08"), how: .post, actor: admin, asOf: day("2026-03-10")) }
        #expect(throws: CaseError.self) { try world.cases.recordLetterDelivery(caseID: id, on: day("2026-03-11"), how: .post, actor: admin, asOf: day("2026-03-10")) }
        let record = try world.cases.recordLetterDelivery(caseID: id, on: day("2026-03-10"), how: .inPerson, actor: admin, asOf: day("2026-03-10"))
        #expect(record.letterDelivered == LetterDelivery(on: day("2026-03-10"), how: .inPerson))
        let events = try world.cases.show(caseID: id, actor: admin).events
        #expect(events.last?.action == "case.letter" && events.last?.reason == "in-person")
        #expect(throws: CaseError.self) { try world.cases.recordLetterDelivery(caseID: id, on: day("2026-03-10"), how: .post, actor: try Actor("institution:I001"), asOf: nil) }
    }
}
