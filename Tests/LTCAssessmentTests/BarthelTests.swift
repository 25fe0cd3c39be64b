import LTCAssessment
import Testing

@Suite("Barthel index")
struct BarthelTests {
    @Test("Ten items scoring 0–100")
    func shape() throws {
        let form = try builtInForm("barthel")
        #expect(form.items.count == 10)
        #expect(form.items.reduce(0) { $0 + $1.maximumScore } == 100)
        #expect(form.grading.table?.columnDimensions.isEmpty == true)
    }

    @Test("Dependency bands: 100 independent, 61–99 mild, 41–60 moderate, ≤ 40 severe (the pilot schemes' line)",
          arguments: [(100, 0), (95, 1), (65, 1), (60, 2), (45, 2), (40, 3), (0, 3)])
    func bands(score: Int, grade: Int) throws {
        let form = try builtInForm("barthel")
        let result = try form.score(answers(form, totals: ["barthel": score]))
        #expect(result.dimension("barthel")?.score == score)
        #expect(result.grade.level == grade)
        #expect(result.decision?.columnInputs.isEmpty == true)
    }

    @Test("A single-column form explains its grade from the row alone")
    func explanation() throws {
        let form = try builtInForm("barthel")
        let result = try form.score(answers(form, totals: ["barthel": 35]))
        #expect(result.explanation(in: .en).last == "Row: barthel level 3; table cell (row 3, column 0) gives grade 3 (severe dependence).")
    }
}
