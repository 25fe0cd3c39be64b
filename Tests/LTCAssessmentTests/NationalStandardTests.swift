import LTCAssessment
import Testing

/// 《长期护理失能等级评估标准(试行)》 as restated in shared/domain/cn-ltc-2021.md.
@Suite("National standard cn-ltc-2021")
struct NationalStandardTests {
    /// The combination table: row = ADL level, column = the worse of the cognition and sensory levels.
    static let table = [
        [0, 0, 1, 1],
        [1, 1, 1, 2],
        [2, 2, 2, 3],
        [3, 3, 4, 5],
    ]
    /// A score inside each level's band, for each dimension.
    static let scoreAtLevel = [
        "adl": [100, 80, 50, 20],
        "cognition": [16, 13, 8, 2],
        "sensory": [12, 10, 5, 1],
    ]

    @Test("Every cell of the combination table, with the column taken from cognition, sensory, or both",
          arguments: 0...3, 0...3)
    func combinationTable(adlLevel: Int, cognitionLevel: Int) throws {
        let form = try builtInForm("cn-ltc-2021")
        for sensoryLevel in 0...3 {
            let totals = [
                "adl": Self.scoreAtLevel["adl"]![adlLevel],
                "cognition": Self.scoreAtLevel["cognition"]![cognitionLevel],
                "sensory": Self.scoreAtLevel["sensory"]![sensoryLevel],
            ]
            let result = try form.score(answers(form, totals: totals))
            let column = max(cognitionLevel, sensoryLevel)
            #expect(result.grade.level == Self.table[adlLevel][column], "ADL \(adlLevel), cognition \(cognitionLevel), sensory \(sensoryLevel)")
            #expect(result.decision?.row == adlLevel)
            #expect(result.decision?.column == column)
        }
    }

    @Test("The grading table in the form file is the standard's table")
    func tableIsData() throws {
        let form = try builtInForm("cn-ltc-2021")
        #expect(form.grading.table?.rowDimension == "adl")
        #expect(form.grading.table?.columnDimensions == ["cognition", "sensory"])
        #expect(form.grading.table?.cells == Self.table)
    }

    @Test("Every band edge of every dimension", arguments: [
        ("adl", 100, 0), ("adl", 95, 1), ("adl", 65, 1), ("adl", 60, 2), ("adl", 45, 2), ("adl", 40, 3), ("adl", 0, 3),
        ("cognition", 16, 0), ("cognition", 15, 1), ("cognition", 12, 1), ("cognition", 11, 2), ("cognition", 4, 2),
        ("cognition", 3, 3), ("cognition", 0, 3),
        ("sensory", 12, 0), ("sensory", 11, 1), ("sensory", 8, 1), ("sensory", 7, 2), ("sensory", 4, 2),
        ("sensory", 3, 3), ("sensory", 0, 3),
    ])
    func bandEdge(dimension: String, score: Int, level: Int) throws {
        let form = try builtInForm("cn-ltc-2021")
        let result = try form.score(answers(form, totals: [dimension: score]))
        let scored = try #require(result.dimension(dimension))
        #expect(scored.score == score)
        #expect(scored.level == level)
    }

    @Test("The 17 items and their option scores")
    func items() throws {
        let form = try builtInForm("cn-ltc-2021")
        let expected: [(String, [Int])] = [
            ("adl.eating", [10, 5, 0]), ("adl.dressing", [10, 5, 0]), ("adl.face_oral", [5, 0]),
            ("adl.bowel", [10, 5, 0]), ("adl.bladder", [10, 5, 0]), ("adl.toilet", [10, 5, 0]),
            ("adl.walking", [15, 10, 5, 0]), ("adl.transfer", [15, 10, 5, 0]), ("adl.stairs", [10, 5, 0]),
            ("adl.bathing", [5, 0]),
            ("cognition.time", [4, 3, 2, 1, 0]), ("cognition.person", [4, 3, 2, 1, 0]),
            ("cognition.place", [4, 3, 2, 1, 0]), ("cognition.memory", [4, 3, 2, 1, 0]),
            ("sensory.vision", [4, 3, 2, 1, 0]), ("sensory.hearing", [4, 3, 2, 1, 0]),
            ("sensory.communication", [4, 3, 2, 1, 0]),
        ]
        #expect(form.items.map(\.id) == expected.map(\.0))
        for (id, scores) in expected {
            let item = try #require(form.item(id))
            #expect(item.options.map(\.score) == scores, "\(id)")
            #expect(item.dimension == String(id.prefix { $0 != "." }))
            #expect(item.options.allSatisfy { !$0.label.zh.isEmpty && !$0.label.en.isEmpty })
        }
    }

    @Test("Six grades with the standard's names")
    func gradeNames() throws {
        let form = try builtInForm("cn-ltc-2021")
        #expect(form.grades.map(\.label.zh) == ["基本正常", "轻度失能", "中度失能", "重度失能一级", "重度失能二级", "重度失能三级"])
        #expect(form.grades.map(\.level) == [0, 1, 2, 3, 4, 5])
    }

    @Test("Full marks are basically normal; all zeros are severe III")
    func extremes() throws {
        let form = try builtInForm("cn-ltc-2021")
        let best = try form.score(answers(form, totals: [:]))
        #expect(best.grade.level == 0)
        #expect(best.dimensions.allSatisfy { $0.shortfalls.isEmpty })
        let worst = try form.score(answers(form, totals: ["adl": 0, "cognition": 0, "sensory": 0]))
        #expect(worst.grade.level == 5)
        #expect(worst.grade.label.en == "severe disability III")
    }

    @Test("The explanation names the deciding cell and the items that lowered each dimension, largest loss first")
    func explanation() throws {
        let form = try builtInForm("cn-ltc-2021")
        var given = try answers(form, totals: [:])
        given["adl.walking"] = 5      // −10
        given["adl.bathing"] = 0      // −5
        given["adl.transfer"] = 0     // −15
        given["cognition.memory"] = 2 // −2
        let result = try form.score(given)
        let adl = try #require(result.dimension("adl"))
        #expect(adl.score == 70)
        #expect(adl.shortfalls.map(\.item) == ["adl.transfer", "adl.walking", "adl.bathing"])
        #expect(adl.shortfalls.map(\.lost) == [15, 10, 5])
        let english = result.explanation(in: .en)
        #expect(english.contains("adl lowered by: adl.transfer 0/15 (−15), adl.walking 5/15 (−10), adl.bathing 0/5 (−5)."))
        #expect(english.last == "Row: adl level 1; column: the worst of cognition level 1 and sensory level 0, level 1; table cell (row 1, column 1) gives grade 1 (mild disability).")
        #expect(result.explanation(in: .zh).last?.contains("组合表第 1 行第 1 列 → 等级 1（轻度失能）") == true)
    }
}
