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

    @Test("n and the end of input save no assessment, and keep the answers given as a draft")
    func nothingSaved() throws {
        let db = try assignedCase()
        let no = try walk(db, form: "cn-ltc-2021", typing: Array(repeating: "5", count: 10) + Array(repeating: "4", count: 7) + ["n"])
        #expect(no.status == 0 && no.stdout.contains("not saved: the assessment was not stored; the answers given are kept as a draft"), "\(no.stdout)")
        let ended = try walk(db, form: "cn-ltc-2021", typing: ["5", "5"])
        #expect(ended.status == 65 && ended.stderr.contains("input ended at item adl.face_oral; the assessment was not saved"), "\(ended.stderr.suffix(300))")
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

    @Test("A future --date, a --date before the assignment and an assessor's --as-of are refused before the first question")
    func datesRefusedFirst() throws {
        let db = try assignedCase()
        let base = ["case", "assess", "1", "--form", "cn-ltc-2021", "--place", "home", "--db", db, "--actor", "assessor:A01"]
        let future = try ltc(base + ["--date", "2099-01-01"], input: "10\n")
        #expect(future.status == 65 && future.stderr.contains("assessment date 2099-01-01 is after today"), "\(future.stderr)")
        let early = try ltc(base + ["--date", "2026-02-20"], input: "10\n")
        #expect(early.status == 65 && early.stderr.contains("before its assessors were assigned on 2026-03-01"), "\(early.stderr)")
        let clock = try ltc(base + ["--as-of", "2026-03-05"], input: "10\n")
        #expect(clock.status == 77 && clock.stderr.contains("only an administrator may set the date"), "\(clock.stderr)")
        for run in [future, early, clock] { #expect(!run.stderr.contains("[1/")) }
    }

    @Test("Each answer is kept as a draft: the end of input keeps it, --resume asks from the first item unanswered, the saved assessment removes it")
    func drafts() throws {
        let db = try assignedCase()
        let first = try walk(db, form: "cn-ltc-2021", typing: ["5", "10", "0"])
        #expect(first.status == 65 && first.stderr.contains("kept as a draft: ltc case assess 1 --resume continues it"), "\(first.stderr.suffix(300))")
        let again = try walk(db, form: "cn-ltc-2021", typing: [])
        #expect(again.stderr.contains("a draft of 3 answers on cn-ltc-2021"), "\(again.stderr.prefix(600))")
        let resumeArguments = ["case", "assess", "1", "--resume", "--json", "--db", db, "--actor", "assessor:A01"]
        let resumed = try ltc(resumeArguments, input: (Array(repeating: "5", count: 7) + Array(repeating: "4", count: 7) + ["y"]).joined(separator: "\n") + "\n")
        #expect(resumed.status == 0, "\(resumed.stderr.suffix(600))")
        #expect(resumed.stderr.contains("resumed from the draft: 3 answers kept; 14 to ask") && resumed.stderr.contains("[4/17] adl.bowel"))
        let saved = try JSONParser.parse(resumed.stdout)
        #expect(saved["answers"]?["adl.eating"] == 5 && saved["answers"]?["adl.dressing"] == 10 && saved["answers"]?["adl.face_oral"] == 0)
        #expect(saved["place"] == "home")
        let gone = try ltc(resumeArguments, input: "")
        #expect(gone.status == 65 && gone.stderr.contains("no draft of case 1 by A01 to resume"), "\(gone.stderr)")
    }

    @Test("b on the first question says there is none before; b shows the answer given there; ? shows the item's guidance")
    func backAndGuidance() throws {
        let db = try assignedCase()
        let run = try walk(db, form: "cn-ltc-2021", typing: ["b", "?", "10", "b"])
        #expect(run.stderr.contains("this is the first question: there is none before it"))
        #expect(run.stderr.contains("Watch or ask how an ordinary meal gets eaten."))
        #expect(run.stderr.contains("answer given: 10 可独立进食"))
    }
}
