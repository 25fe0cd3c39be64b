import Foundation
import LTCCore
import Testing

@Suite("ltc score, run as a process")
struct ScoreCommandTests {
    let scratch = Scratch()

    @Test("A good file prints the grade, the dimensions and why")
    func humanOutput() throws {
        let run = try ltc(["score", "Examples/assessments/cn-ltc-2021-severe-ii.json"])
        #expect(run.status == 0)
        #expect(run.stderr.isEmpty)
        #expect(run.stdout.contains("Grade  4  重度失能二级  severe disability II"))
        #expect(run.stdout.contains("adl        日常生活活动能力  35/100  0–40  3 重度受损 severely impaired"))
        #expect(run.stdout.contains("table cell (row 3, column 2) gives grade 4"))
    }

    @Test("--json prints the assessment.score result")
    func jsonOutput() throws {
        let run = try ltc(["score", "--json", "--form", "cn-ltc-2021", "Examples/assessments/cn-ltc-2021-moderate.json"])
        #expect(run.status == 0)
        let result = try JSONParser.parse(run.stdout)
        #expect(result["grade"]?["level"] == 2)
        #expect(result["grade"]?["label"]?["en"] == "moderate disability")
        #expect(result["dimensions"]?["adl"]?["score"] == 60)
        #expect(result["dimensions"]?["adl"]?["level"] == 2)
        #expect(result["dimensions"]?["cognition"]?["level"] == 1)
        #expect(result["dimensions"]?["sensory"]?["level"] == 1)
    }

    @Test("Answers read from standard input with -")
    func standardInput() throws {
        let answers = try String(contentsOf: packageRoot.appendingPathComponent("Examples/assessments/barthel-severe.json"), encoding: .utf8)
        let run = try ltc(["score", "-", "--json"], input: answers)
        #expect(run.status == 0)
        #expect(try JSONParser.parse(run.stdout)["grade"]?["level"] == 3)
    }

    @Test("A form from --forms DIR")
    func extraForms() throws {
        let run = try ltc(["score", "--forms", "Examples/forms", "Examples/assessments/katz-adl-moderate.json"])
        #expect(run.status == 0)
        #expect(run.stdout.contains("Grade  1  中度依赖  moderately dependent"))
    }

    @Test("Bad input: a one-line error and a non-zero status", arguments: [
        (["score", "Examples/assessments/cn-ltc-2021-invalid.json"], Int32(65),
         "error: 4 invalid answers for form cn-ltc-2021: adl.eating: 7 is not an option; accepted: 10, 5, 0; "),
        (["score", "Examples/assessments/no-such-file.json"], 66,
         "error: Examples/assessments/no-such-file.json: cannot open the file"),
        (["score", "Examples/assessments/cn-ltc-2021-moderate.json"], 65,
         "error: Examples/assessments/cn-ltc-2021-moderate.json: no form given; use --form ID"),
        (["score", "--form", "barthel", "Examples/assessments/cn-ltc-2021-severe-ii.json"], 65,
         "error: Examples/assessments/cn-ltc-2021-severe-ii.json: names form 'cn-ltc-2021' but --form is 'barthel'"),
        (["score", "--form", "nope", "Examples/assessments/cn-ltc-2021-moderate.json"], 65,
         "error: no form with id 'nope'; available forms: barthel, cn-ltc-2021"),
        (["score", "Examples"], 66, "error: Examples: cannot open the file"),
        (["score", "--forms", "/no/such/dir", "Examples/assessments/barthel-severe.json"], 65,
         "error: /no/such/dir: $: no such folder of forms"),
        (["score"], 64, "Error: Missing expected argument '<file>'"),
    ])
    func badInput(arguments: [String], status: Int32, message: String) throws {
        let run = try ltc(arguments)
        #expect(run.status == status)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.hasPrefix(message), "\(run.stderr)")
    }

    @Test("Malformed answer files", arguments: [
        ("{\"form\": \"barthel\", \"answers\": {", "not valid JSON: line 1, column 33: unexpected end of input inside an object"),
        ("[1, 2]", "expected a JSON object of answers, found array"),
        ("{\"form\": \"barthel\", \"answers\": [1]}", "'answers' must be an object of item id → score, found array"),
        ("{\"form\": 3, \"answers\": {}}", "'form' must be a string, found integer"),
        ("{\"form\": \"barthel\", \"answers\": {}, \"extra\": 1}", "unknown field 'extra'"),
        ("", "not valid JSON: line 1, column 1: unexpected end of input"),
    ])
    func malformed(text: String, message: String) throws {
        let run = try ltc(["score", "-"], input: text)
        #expect(run.status == 65)
        #expect(run.stderr.hasPrefix("error: -: "))
        #expect(run.stderr.contains(message), "\(run.stderr)")
        #expect(run.stderr.split(separator: "\n").count == 1)
    }

    @Test("A malformed form in --forms DIR is named with its path and problem")
    func badFormFolder() throws {
        let folder = try scratch.folder("forms")
        var katz = try String(contentsOf: packageRoot.appendingPathComponent("Examples/forms/katz-adl.json"), encoding: .utf8)
        katz = katz.replacingOccurrences(of: "\"max\": 5", with: "\"max\": 6")
        try katz.write(to: folder.appendingPathComponent("katz.json"), atomically: true, encoding: .utf8)
        let run = try ltc(["forms", "list", "--forms", folder.path])
        #expect(run.status == 65)
        #expect(run.stderr.contains("katz.json: $.dimensions[0].bands[0]: overlap: band level 0 (6) and band level 1 (3–6) both hold 6"), "\(run.stderr)")
    }
}

@Suite("ltc forms, run as a process")
struct FormsCommandTests {
    let scratch = Scratch()

    @Test("forms list shows the built-in forms")
    func list() throws {
        let run = try ltc(["forms", "list"])
        #expect(run.status == 0)
        #expect(run.stdout.contains("cn-ltc-2021     2021-07  17     0–5"))
        #expect(run.stdout.contains("gbt-42195-2022  2022     26     0–4"))
        #expect(run.stdout.contains("barthel"))
    }

    @Test("forms show prints items and options in zh and en")
    func show() throws {
        let run = try ltc(["forms", "show", "cn-ltc-2021"])
        #expect(run.status == 0)
        #expect(run.stdout.contains("adl.eating  进食 / eating"))
        #expect(run.stdout.contains("重度失能三级"))
        #expect(run.stdout.contains("eats alone in reasonable time"))
    }

    @Test("forms show --json is a form file that loads again")
    func showJSON() throws {
        let run = try ltc(["forms", "show", "barthel", "--json"])
        #expect(run.status == 0)
        #expect(try JSONParser.parse(run.stdout)["format"] == "ltc-form/1")
    }

    @Test("The built-in forms are inside the binary, not read from the working folder")
    func embedded() throws {
        let copy = try scratch.folder("copy")
        let binary = copy.appendingPathComponent("ltc")
        try FileManager.default.copyItem(at: try ltcExecutable(), to: binary)
        let process = Process()
        process.executableURL = binary
        process.arguments = ["forms", "list"]
        process.currentDirectoryURL = copy
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(text.contains("cn-ltc-2021"))
    }
}
