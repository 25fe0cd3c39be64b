import Foundation
import LTCAssessment
import LTCCore
import Testing

@Suite("The care-needs form: needs read off the disability assessment's item scores where the form says so, the rest asked")
struct CareNeedsTests {
    let catalog = try! FormCatalog.load()

    @Test("A score at or below the line is a need, one above it is not: bathing 0, eating 5, memory 2")
    func derivedAtTheLine() throws {
        let needs = try catalog.form(id: "ltc-care-needs")
        let low = needs.derivedAnswers(from: "cn-ltc-2021", answers: ["adl.bathing": 0, "adl.eating": 5, "cognition.memory": 2])
        #expect(low == ["needs.bathing": 1, "needs.feeding": 1, "needs.cognitive": 1])
        let high = needs.derivedAnswers(from: "cn-ltc-2021", answers: ["adl.bathing": 5, "adl.eating": 10, "cognition.memory": 3])
        #expect(high == ["needs.bathing": 0, "needs.feeding": 0, "needs.cognitive": 0])
        #expect(needs.derivedAnswers(from: "barthel", answers: ["barthel.bathing": 0]).isEmpty)
    }

    @Test("A whole assessment answers eight needs; the five asked ones complete the form, which grades the care-need level")
    func completeAnswers() throws {
        let needs = try catalog.form(id: "ltc-care-needs"), national = try catalog.form(id: "cn-ltc-2021")
        var answers = JSONObject()
        for item in national.items { answers.set(item.id, .integer(item.minimumScore)) }
        let derived = needs.derivedAnswers(from: "cn-ltc-2021", answers: answers)
        #expect(derived.count == 8 && derived.values.allSatisfy { $0 == 1 })
        let asked = needs.items.filter { $0.derivation == nil }.map(\.id)
        #expect(asked == ["needs.pressure", "needs.tube", "needs.medication", "needs.rehabilitation", "needs.carer"])
        let result = try needs.score(derived.merging(asked.map { ($0, 0) }) { first, _ in first })
        #expect(result.grade.level == 2)
        #expect(try needs.score(Dictionary(uniqueKeysWithValues: needs.items.map { ($0.id, 0) })).grade.level == 0)
    }

    @Test("A derivation naming a form, an item or a line that does not exist is refused with the file and the path")
    func badDerivations() throws {
        let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("AssessmentForms/ltc-care-needs.json")
        let text = try String(contentsOf: source, encoding: .utf8).replacingOccurrences(of: #""id": "ltc-care-needs""#, with: #""id": "my-needs""#)
        func problems(_ old: String, _ new: String) throws -> String {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ltc-needs-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            #expect(text.contains(old))
            try text.replacingOccurrences(of: old, with: new).write(to: folder.appendingPathComponent("my-needs.json"), atomically: true, encoding: .utf8)
            do {
                _ = try FormCatalog.load(directories: [folder.path])
                return ""
            } catch {
                return String(describing: error)
            }
        }
        #expect(try problems(#""item": "adl.bathing""#, #""item": "adl.swimming""#).contains("$.items[1].derive.item: 'adl.swimming' is not an item of cn-ltc-2021"))
        #expect(try problems(#""form": "cn-ltc-2021", "item": "adl.bathing""#, #""form": "cn-ltc-2099", "item": "adl.bathing""#)
            .contains("$.items[1].derive.form: 'cn-ltc-2099' is not another form of the catalog"))
        #expect(try problems(#""item": "adl.bathing", "atMost": 0"#, #""item": "adl.bathing", "atMost": -1"#)
            .contains("$.items[1].derive.atMost: -1 is below every score of adl.bathing (5, 0)"))
        #expect(try problems(#""item": "adl.bathing", "atMost": 0, "then": 1"#, #""item": "adl.bathing", "atMost": 0, "then": 2"#)
            .contains("$.items[1].derive.then: 2 is not a score of the item's options"))
        #expect(try problems("x", "x") == "")
    }
}
