import Foundation
import LTCCore
import Testing

/// The assessor's walk-through, run as a process with typed lines on standard input.
@Suite("The assessment walk-through never loses work")
struct WalkthroughTests {
    let scratch = Scratch()

    /// A database with one case assigned to A01 and A02, under a scheme that accepts every built-in form but Barthel.
    func assignedCase() throws -> String {
        let db = scratch.database("walk")
        try firstAdministrator(db)
        var scheme = try JSONParser.parse(try String(contentsOf: packageRoot.appendingPathComponent("Examples/schemes/tianjin-style-2026.json"), encoding: .utf8))
        guard case .object(var object) = scheme, case .object(var assessment)? = object["assessment"] else { throw InputError(source: "scheme", message: "shape") }
        assessment.set("forms", ["cn-ltc-2021", "gbt-42195-2022", "de-nba-2017"])
        object.set("assessment", .object(assessment))
        object.set("id", "walk-2026")
        scheme = .object(object)
        let admin = ["--db", db, "--actor", "administrator:wang", "--as-of", "2026-03-01"]
        let steps: [([String], String)] = [
            (["scheme", "load", "-"], JSONWriter.string(scheme)),
            (["assessor", "add", "--id", "A01", "--name", "李医生", "--qualification", "medical"], ""),
            (["assessor", "add", "--id", "A02", "--name", "张专员", "--qualification", "none"], ""),
            (["person", "add", "--name", "陈老伯", "--id-number", "11010519491231002X", "--insurance", "employee", "--enrolled", "2015-07-01"], ""),
            (["case", "open", "--person", "1", "--disabled-since", "2025-08-01"], ""),
            (["case", "check", "1"], ""),
            (["case", "assign", "1", "--assessors", "A01,A02", "--reason", "named for the test"], ""),
        ]
        for (arguments, input) in steps {
            let run = try ltc(arguments + admin, input: input)
            try #require(run.status == 0, "\(arguments): \(run.stderr)")
        }
        return db
    }

    func walk(_ db: String, form: String, typing lines: [String]) throws -> Run {
        try ltc(["case", "assess", "1", "--form", form, "--place", "home", "--json", "--db", db, "--actor", "assessor:A01"],
                input: lines.joined(separator: "\n") + "\n")
    }

    /// What an assessor types to give the answers and conditions of an example file, question by question.
    func typed(_ example: String, form: String) throws -> [String] {
        let file = try JSONParser.parse(try String(contentsOf: packageRoot.appendingPathComponent("Examples/assessments/\(example)"), encoding: .utf8))
        let shown = try JSONParser.parse(try ltc(["forms", "show", form, "--json"]).stdout)
        var lines: [String] = []
        for condition in shown["conditions"]?.arrayValue ?? [] {
            let id = condition["id"]!.stringValue!
            switch file["conditions"]?[id] {
            case nil: lines.append("")
            case .bool(let flag)?: lines.append(flag ? "y" : "n")
            case .integer(let count)?: lines.append(String(count))
            case .array(let codes)?: lines.append(codes.compactMap(\.stringValue).joined(separator: ", "))
            case let other?: lines += ["y", other["reason"]?.stringValue ?? ""]
            }
        }
        for item in shown["items"]?.arrayValue ?? [] {
            guard let answer = file["answers"]?[item["id"]!.stringValue!] else { continue }
            if let score = answer.intValue {
                lines.append(String(score))
            } else if let member = answer.objectValue?.members.first {
                lines.append("\(member.value.intValue!) per \(["perDay": "day", "perWeek": "week", "perMonth": "month"][member.key]!)")
            }
        }
        return lines
    }

    @Test("A form the scheme does not accept is refused before the first question")
    func refusedFirst() throws {
        let db = try assignedCase()
        let run = try walk(db, form: "barthel", typing: ["10"])
        #expect(run.status == 65 && run.stderr.contains("accepts forms cn-ltc-2021, gbt-42195-2022, de-nba-2017, not 'barthel'"))
        #expect(!run.stderr.contains("[1/"))
    }

    @Test("A heading, b to go back, ? for help, a typo at the save prompt asked again, a number to change an answer, then saved")
    func backHelpReviewChange() throws {
        let db = try assignedCase()
        var lines = ["10", "b", "5", "?", "5"] + Array(repeating: "5", count: 8) + Array(repeating: "4", count: 7)
        lines += ["x", "3", "0", "y"]
        let run = try walk(db, form: "cn-ltc-2021", typing: lines)
        #expect(run.status == 0, "\(run.stderr.suffix(600))")
        #expect(run.stderr.hasPrefix("case 1 · 陈老伯 (110105********002X) · assessor A01\nform cn-ltc-2021"))
        #expect(run.stderr.contains("Type the answer and Enter. b goes back"))
        #expect(run.stderr.contains("'x' is not y, n or a question's number (1–17)"))
        let saved = try JSONParser.parse(run.stdout)
        #expect(saved["answers"]?["adl.eating"] == 5 && saved["answers"]?["adl.face_oral"] == 0 && saved["answers"]?["sensory.communication"] == 4)
    }

    @Test("n, the end of input and an unusable answer save nothing")
    func nothingSaved() throws {
        let db = try assignedCase()
        let no = try walk(db, form: "cn-ltc-2021", typing: Array(repeating: "5", count: 10) + Array(repeating: "4", count: 7) + ["n"])
        #expect(no.status == 0 && no.stdout.contains("not saved: nothing was stored"))
        let ended = try walk(db, form: "cn-ltc-2021", typing: ["5", "5"])
        #expect(ended.status == 65 && ended.stderr.contains("input ended at item adl.face_oral; nothing was saved"))
        let show = try JSONParser.parse(try ltc(["case", "show", "1", "--json", "--db", db, "--actor", "administrator:wang"]).stdout)
        #expect(show["assessments"]?.arrayValue?.isEmpty == true)
    }

    @Test("GB/T 42195 with its conditions (coma, diagnoses, risk events) gives the grade the file gives")
    func conditions() throws {
        let db = try assignedCase()
        let run = try walk(db, form: "gbt-42195-2022", typing: try typed("gbt-42195-2022-dementia.json", form: "gbt-42195-2022") + ["y"])
        #expect(run.status == 0, "\(run.stderr.suffix(800))")
        let scored = try JSONParser.parse(try ltc(["score", "Examples/assessments/gbt-42195-2022-dementia.json", "--json"]).stdout)
        #expect(try JSONParser.parse(run.stdout)["grade"] == scored["grade"]?["level"])
    }

    @Test("The NBA with its age condition and frequency items answered as '2 per week'")
    func frequencies() throws {
        let db = try assignedCase()
        let run = try walk(db, form: "de-nba-2017", typing: try typed("de-nba-2017-adult.json", form: "de-nba-2017") + ["y"])
        #expect(run.status == 0, "\(run.stderr.suffix(800))")
        let scored = try JSONParser.parse(try ltc(["score", "Examples/assessments/de-nba-2017-adult.json", "--json"]).stdout)
        #expect(try JSONParser.parse(run.stdout)["grade"] == scored["grade"]?["level"])
    }
}
