import Foundation
import LTCCore
import Testing

/// A new empty database file for one test.

/// A national ID with a correct check character.
func validNationalID(_ first17: String) -> String {
    let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    let sum = zip(first17.map { Int(String($0))! }, weights).reduce(0) { $0 + $1.0 * $1.1 }
    return first17 + String(Array("10X98765432")[sum % 11])
}

/// `count` people as JSON Lines, with ID numbers unique within `batch`.
func peopleFile(count: Int, batch: Int, in scratch: Scratch) throws -> String {
    let path = scratch.path("people", ".jsonl")
    var text = ""
    for index in 0..<count {
        let id = validNationalID(String(format: "32%02d0119%02d01%02d%03d", batch, 40 + index / 10_000, index / 1_000 % 10 + 10, index % 1_000))
        text += #"{"name":"测试\#(index)","nationalId":"\#(id)","insurance":"employee","enrolledOn":"2010-01-01"}"# + "\n"
    }
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return path
}

@Suite("ltc case, run as processes")
struct CaseCommandTests {
    let scratch = Scratch()

    let admin = ["--actor", "administrator:wang"]

    func setUp(_ db: String) throws {
        try firstAdministrator(db)
        let sunshine = #"{"id":"I-SUNSHINE","name":"阳光护理院","type":"nursingHome","licence":"L-1","deliveries":["institution"],"capacity":80,"address":"和平路1号","district":"和平","contact":"022-1"}"#
        let registered = try ltc(["institution", "add", "-", "--db", db, "--as-of", "2026-03-01"] + admin, input: sunshine)
        try #require(registered.status == 0, "\(registered.stderr)")
        let steps: [[String]] = [
            ["scheme", "load", "Examples/schemes/tianjin-style-2026.json"],
            ["assessor", "add", "--id", "A01", "--name", "李医生", "--qualification", "medical"],
            ["assessor", "add", "--id", "A02", "--name", "张专员", "--qualification", "none"],
            ["assessor", "add", "--id", "A03", "--name", "王护士", "--qualification", "care", "--employer", "I-SUNSHINE"],
            ["person", "add", "--name", "陈老伯", "--id-number", "11010519491231002X", "--insurance", "employee", "--enrolled", "2015-07-01"],
        ]
        for step in steps {
            let run = try ltc(step + ["--db", db, "--as-of", "2026-03-01"] + admin)
            try #require(run.status == 0, "\(step): \(run.stderr)")
        }
    }

    @Test("From application to an effective grade")
    func lifecycle() throws {
        let db = scratch.database()
        try setUp(db)
        let steps: [([String], String)] = [
            (["case", "open", "--person", "1", "--disabled-since", "2025-08-01", "--as-of", "2026-03-02"] + admin, "case 1: applied"),
            (["case", "check", "1", "--as-of", "2026-03-02"] + admin, "case 1: eligible"),
            (["case", "assign", "1", "--assessors", "A01,A02", "--reason", "named for the test", "--as-of", "2026-03-03"] + admin, "case 1: assessing"),
            (["case", "assess", "1", "--form", "cn-ltc-2021", "--answers", "Examples/assessments/cn-ltc-2021-severe-ii.json",
              "--place", "home", "--date", "2026-03-05", "--actor", "assessor:A01"], "recorded assessment #1: grade 4"),
            (["case", "determine", "1", "--as-of", "2026-03-09"] + admin, "published until 2026-03-16"),
            (["case", "confirm", "1", "--as-of", "2026-03-17"] + admin, "in force 2026-03-17 to 2028-03-16"),
        ]
        for (arguments, expected) in steps {
            let run = try ltc(arguments + ["--db", db])
            #expect(run.status == 0, "\(arguments): \(run.stderr)")
            #expect(run.stdout.contains(expected), "\(arguments): \(run.stdout)")
        }
        let show = try ltc(["case", "show", "1", "--db", db] + admin)
        #expect(show.stdout.contains("110105********002X"))
        #expect(show.stdout.contains("publicity → effective"))
        // The timeline shows the assessment at its visit's date, and the day it was recorded beside it.
        let visit = show.stdout.split(separator: "\n").first { $0.contains("case.assess") }
        #expect(visit?.hasPrefix("  2026-03-05  assessor:A01") == true && visit?.contains("(the visit; recorded 20") == true, "\(show.stdout)")
        let full = try ltc(["case", "show", "1", "--db", db, "--show-id", "--json"] + admin)
        #expect(try JSONParser.parse(full.stdout)["person"]?["nationalId"] == "11010519491231002X")
        let due = try ltc(["case", "list", "--due", "800", "--as-of", "2026-03-20", "--db", db, "--json"] + admin)
        #expect(try JSONParser.parse(due.stdout)["cases"]?.arrayValue?.count == 1)
        // The date an administrator sets is never after today: settling at the end of time is refused.
        let future = try ltc(["settle", "--month", "2026-04", "--as-of", "9999-12-31", "--db", db] + admin)
        #expect(future.status == 65 && future.stderr.contains("after today"), "\(future.status): \(future.stderr)")
        // Refused at the entry, before any service counts months from it: a month after 9999-12 has no date (it crashed the process).
        let city = scratch.database("city")
        #expect(try ltc(["demo", "--db", city]).status == 0)
        let requests = ["case.mode": #"{"case":1,"mode":"home-visit""#, "case.bonus": #"{"case":1,"take":"cash""#].map { method, params in
            #"{"jsonrpc":"2.0","id":1,"method":"\#(method)","params":\#(params),"actor":"administrator:demo","asOf":"9999-12-31"}}"#
        }
        let rpc = try ltc(["rpc", "--db", city], input: requests.joined(separator: "\n") + "\n")
        #expect(rpc.status == 0 && rpc.signal == nil, "\(rpc.status): \(rpc.stderr)")
        let answers = try rpc.stdout.split(separator: "\n").map { try JSONParser.parse(String($0)) }
        #expect(answers.count == 2 && answers.allSatisfy { $0["error"]?["code"] == 1004 }, "\(rpc.stdout)")
    }

    @Test("Refusals: one line on standard error, status 65 (77 for the actor), and an audit event")
    func refusals() throws {
        let db = scratch.database()
        try setUp(db)
        _ = try ltc(["case", "open", "--person", "1", "--disabled-since", "2025-08-01", "--institution", "I-SUNSHINE",
                     "--as-of", "2026-03-02", "--db", db] + admin)
        let cases: [([String], Int32, String)] = [
            (["case", "assign", "1", "--assessors", "A01,A02", "--reason", "named for the test"] + admin, 65, "error: case 1 is applied: 'assign' is not allowed; allowed: check, terminate"),
            (["case", "check", "1", "--actor", "institution:I-SUNSHINE"], 77, "error: institution:I-SUNSHINE may not do this: it needs the administrator role"),
            (["case", "check", "1", "--actor", "institution:I-NOWHERE"], 77, "error: institution:I-NOWHERE is not a registered institution"),
            (["case", "check", "1", "--actor", "administrator:li"], 77, "error: administrator:li is not registered staff"),
            (["case", "check", "1", "--actor", "assessor:A99"], 77, "error: assessor:A99 is not in the assessor registry"),
            (["case", "check", "1", "--actor", "boss"], 65, "error: actor: actor 'boss' must be ROLE:ID"),
            (["case", "check", "1", "--as-of", "2026-02-30"] + admin, 65, "error: asOf: '2026-02-30' is not a date"),
            (["case", "show", "7"] + admin, 65, "error: no case 7"),
            (["case", "check", "1"], 64, "Error: Missing expected argument '--actor <role:id>'"),
            (["person", "add", "--name", "x", "--id-number", "110105194912310021", "--insurance", "employee", "--enrolled", "2015-07-01"] + admin,
             65, "error: national ID 110105********0021 fails its check digit"),
        ]
        for (arguments, status, message) in cases {
            let run = try ltc(arguments + ["--db", db])
            #expect(run.status == status, "\(arguments)")
            #expect(run.stderr.hasPrefix(message), "\(arguments): \(run.stderr)")
        }
        _ = try ltc(["case", "check", "1", "--as-of", "2026-03-02", "--db", db] + admin)
        let conflict = try ltc(["case", "assign", "1", "--assessors", "A01,A03", "--reason", "named for the test", "--db", db] + admin)
        #expect(conflict.stderr.hasPrefix("error: assessor A03 is employed by I-SUNSHINE, which serves the applicant of case 1"))
        let timeline = try JSONParser.parse(try ltc(["case", "show", "1", "--json", "--db", db] + admin).stdout)["timeline"]?.arrayValue ?? []
        #expect(timeline.filter { $0["outcome"] == "refused" }.count == 3)
    }

    @Test("The interactive assessment re-asks a bad key and saves after yes")
    func interactive() throws {
        let db = scratch.database()
        try setUp(db)
        for step in [["case", "open", "--person", "1", "--disabled-since", "2025-08-01"], ["case", "check", "1"],
                     ["case", "assign", "1", "--assessors", "A01,A02", "--reason", "named for the test"]] {
            _ = try ltc(step + ["--db", db, "--as-of", "2026-03-02"] + admin)
        }
        // 17 items: a wrong key and a non-number first, then the best option of each item.
        let best = ["10", "10", "5", "10", "10", "10", "15", "15", "10", "5", "4", "4", "4", "4", "4", "4", "4"]
        let input = (["7", "ten"] + best + ["y"]).joined(separator: "\n") + "\n"
        let run = try ltc(["case", "assess", "1", "--form", "cn-ltc-2021", "--place", "home", "--db", db,
                           "--date", "2026-03-03", "--actor", "assessor:A02"], input: input)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("'7' is not an option of adl.eating; enter one of 10, 5, 0"))
        #expect(run.stderr.contains("'ten' is not an option of adl.eating"))
        #expect(run.stderr.contains("[17/17] sensory.communication"))
        #expect(run.stderr.contains("Grade  0  基本正常"))
        #expect(run.stdout.contains("recorded assessment #1: grade 0"))
    }

    @Test("Input that ends mid-form saves no assessment: the answers given stay a draft")
    func interactiveEOF() throws {
        let db = scratch.database()
        try setUp(db)
        for step in [["case", "open", "--person", "1", "--disabled-since", "2025-08-01"], ["case", "check", "1"],
                     ["case", "assign", "1", "--assessors", "A01,A02", "--reason", "named for the test"]] {
            _ = try ltc(step + ["--db", db, "--as-of", "2026-03-02"] + admin)
        }
        let run = try ltc(["case", "assess", "1", "--form", "cn-ltc-2021", "--place", "home", "--db", db,
                           "--actor", "assessor:A02"], input: "10\n10\n")
        #expect(run.status == 65)
        #expect(run.stderr.contains("input ended at item adl.face_oral; the assessment was not saved, and the answers given are kept as a draft"))
    }

    @Test("case list --overdue and case show: the visit is due ten working days after acceptance, on the command line and over rpc")
    func overdue() throws {
        let db = scratch.database()
        try setUp(db)
        for step in [["case", "open", "--person", "1", "--disabled-since", "2025-08-01"], ["case", "check", "1"]] {
            try #require(try ltc(step + ["--db", db, "--as-of", "2026-03-02"] + admin).status == 0)
        }
        let onTime = try ltc(["case", "list", "--overdue", "--json", "--as-of", "2026-03-16", "--db", db] + admin)
        #expect(try JSONParser.parse(onTime.stdout)["cases"]?.arrayValue?.isEmpty == true)
        let late = try ltc(["case", "list", "--overdue", "--json", "--as-of", "2026-03-17", "--db", db] + admin)
        #expect(try JSONParser.parse(late.stdout)["cases"]?.arrayValue?.first?["deadline"] == ["kind": "visit", "due": "2026-03-16"])
        let show = try ltc(["case", "show", "1", "--as-of", "2026-03-17", "--db", db] + admin)
        #expect(show.stdout.contains("visit due by 2026-03-16: OVERDUE 已逾期 (today is 2026-03-17)"), "\(show.stdout)")
        let request = #"{"jsonrpc":"2.0","id":1,"method":"case.list","params":{"actor":"administrator:wang","overdue":true,"asOf":"2026-03-17"}}"#
        let rpc = try JSONParser.parse(try ltc(["rpc", "--db", db], input: request + "\n").stdout)
        #expect(rpc["result"]?["cases"]?.arrayValue?.count == 1)
    }

    @Test("case letter writes the conclusion letter; case deliver records its delivery, on the command line and over rpc")
    func letter() throws {
        let db = scratch.database()
        try setUp(db)
        let steps: [[String]] = [
            ["case", "open", "--person", "1", "--disabled-since", "2025-08-01", "--as-of", "2026-03-02"] + admin,
            ["case", "check", "1", "--as-of", "2026-03-02"] + admin,
            ["case", "assign", "1", "--assessors", "A01,A02", "--reason", "named for the test", "--as-of", "2026-03-03"] + admin,
            ["case", "assess", "1", "--form", "cn-ltc-2021", "--answers", "Examples/assessments/cn-ltc-2021-severe-ii.json",
             "--place", "home", "--date", "2026-03-05", "--actor", "assessor:A01"],
            ["case", "determine", "1", "--as-of", "2026-03-09"] + admin,
        ]
        for step in steps { try #require(try ltc(step + ["--db", db]).status == 0, "\(step)") }
        let file = scratch.path("letter", ".html")
        let written = try ltc(["case", "letter", "1", "--html", file, "--db", db] + admin)
        #expect(written.status == 0, "\(written.stderr)")
        let page = try String(contentsOfFile: file, encoding: .utf8)
        #expect(page.contains("4 级 重度失能二级") && page.contains("until <b>2026-03-16</b>"))
        let delivered = try ltc(["case", "deliver", "1", "--on", "2026-03-10", "--how", "post", "--as-of", "2026-03-10", "--db", db] + admin)
        #expect(delivered.stdout.hasPrefix("case 1: letter delivered 2026-03-10 by post"), "\(delivered.stderr)")
        let bad = try ltc(["case", "deliver", "1", "--how", "pigeon", "--db", db] + admin)
        #expect(bad.status == 65 && bad.stderr.contains("how: 'pigeon' is not accepted; use in-person, post or electronic"))
        let lines = [
            #"{"jsonrpc":"2.0","id":1,"method":"case.letter","params":{"actor":"administrator:wang","case":1}}"#,
            #"{"jsonrpc":"2.0","id":2,"method":"case.deliver","params":{"actor":"administrator:wang","case":1,"how":"electronic","on":"2026-03-11","asOf":"2026-03-11"}}"#,
        ]
        let responses = try ltc(["rpc", "--db", db], input: lines.joined(separator: "\n") + "\n").stdout.split(separator: "\n").map { try JSONParser.parse(String($0)) }
        #expect(responses.first?["result"]?["html"]?.stringValue?.contains("评估结论告知书") == true)
        #expect(responses.last?["result"]?["letterDelivered"] == ["on": "2026-03-11", "how": "electronic"])
    }

    @Test("case assign --draw draws the team with a kept seed, replayable; over rpc case.draw does the same")
    func draw() throws {
        let db = scratch.database()
        try setUp(db)
        for step in [["case", "open", "--person", "1", "--disabled-since", "2025-08-01"], ["case", "check", "1"]] {
            try #require(try ltc(step + ["--db", db, "--as-of", "2026-03-02"] + admin).status == 0)
        }
        let both = try ltc(["case", "assign", "1", "--assessors", "A01,A02", "--reason", "named for the test", "--draw", "--db", db] + admin)
        #expect(both.status == 65 && both.stderr.contains("give exactly one of --assessors IDS and --draw"))
        let drawn = try ltc(["case", "assign", "1", "--draw", "--seed", "42", "--as-of", "2026-03-03", "--db", db] + admin)
        let record = try JSONParser.parse(try ltc(["case", "show", "1", "--json", "--db", db] + admin).stdout)["case"]!
        #expect(record["draw"]?["seed"] == "42" && record["assessors"]?.arrayValue?.count == 2, "\(drawn.stderr)")
        #expect(record["draw"]?["pool"] == ["A01", "A02", "A03"])
        // Who was drawn is said, so that the administrator can tell them (an assessor not drawn meets "not found or not yours").
        let team = record["assessors"]?.arrayValue?.compactMap(\.stringValue) ?? []
        #expect(drawn.stdout.hasPrefix("case 1: assessors \(team.joined(separator: " and ")) drawn (seed 42, from A01, A02, A03) for the initial round"),
                "\(drawn.stdout)")

        let rpc = try ltc(["rpc", "--db", db], input: #"{"jsonrpc":"2.0","id":1,"method":"case.draw","params":{"actor":"administrator:wang","case":1,"seed":"x"}}"# + "\n")
        #expect(try JSONParser.parse(rpc.stdout)["error"]?["message"]?.stringValue?.contains("seed: 'x' is not a whole number") == true)
    }

    @Test("An SQLite database is created by the first command that stores, at --db or $LTC_DB")
    func createdOnFirstUse() throws {
        let db = scratch.path("db", ".sqlite")
        #expect(!FileManager.default.fileExists(atPath: db))
        let run = try ltc(["staff", "add", "wang", "--role", "administrator", "--db", db] + admin)
        #expect(run.status == 0)
        #expect(FileManager.default.fileExists(atPath: db))
    }
}

@Suite("Two processes and a killed process on one database")
struct StorageProcessTests {
    let scratch = Scratch()

    let admin = ["--actor", "administrator:wang", "--as-of", "2026-01-01"]

    func count(_ db: String) throws -> Int {
        var count = 0
        var after: [String] = []
        while true {
            let page = try JSONParser.parse(try ltc(["person", "list", "--json", "--limit", "10000", "--db", db] + admin + after).stdout)
            count += page["people"]?.arrayValue?.count ?? 0
            guard let next = page["next"]?.intValue else { return count }
            after = ["--after", String(next)]
        }
    }

    @Test("Two processes importing into the same file both succeed, and nothing is lost")
    func concurrentWriters() throws {
        let db = scratch.database()
        try firstAdministrator(db)  // creates and migrates the database
        let files = try [peopleFile(count: 4_000, batch: 11, in: scratch), peopleFile(count: 4_000, batch: 12, in: scratch)]
        let processes = try files.map { file -> Process in
            let process = Process()
            process.executableURL = try ltcExecutable()
            process.arguments = ["person", "import", file, "--db", db] + admin
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            return process
        }
        // Meanwhile a third process writes single changes.
        for index in 1...20 {
            let run = try ltc(["assessor", "add", "--id", "C\(index)", "--name", "并发", "--qualification", "none", "--db", db] + admin)
            #expect(run.status == 0, "\(run.stderr)")
        }
        for process in processes {
            process.waitUntilExit()
            #expect(process.terminationStatus == 0)
        }
        #expect(try count(db) == 8_000)
        let assessors = try JSONParser.parse(try ltc(["assessor", "list", "--json", "--db", db] + admin).stdout)
        #expect(assessors["assessors"]?.arrayValue?.count == 20)
    }

    @Test("A process killed mid-import leaves nothing half-written; importing again completes it", .timeLimit(.minutes(10)))
    func killedMidCommand() throws {
        let db = scratch.database()
        try firstAdministrator(db)
        let file = try peopleFile(count: 20_000, batch: 21, in: scratch)
        // The process kills itself (SIGKILL) after writing 15,000 of the 20,000 people, inside the import's transaction.
        let killed = try ltc(["person", "import", file, "--db", db] + admin, environment: ["LTC_CRASH_AT": "person.import.row:15000"])
        #expect(killed.signal == SIGKILL)
        #expect(try count(db) == 0)

        let again = try ltc(["person", "import", file, "--db", db] + admin)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(try count(db) == 20_000)
    }

    @Test("A file with bad lines is refused whole, naming every bad line")
    func badImport() throws {
        let db = scratch.database()
        try firstAdministrator(db)
        let good = validNationalID("11010519491231002")
        let text = """
            {"name":"甲","nationalId":"\(good)","insurance":"employee","enrolledOn":"2010-01-01"}
            {"name":"乙","nationalId":"110105194912310021","insurance":"employee","enrolledOn":"2010-01-01"}
            {"name":"丙","nationalId":"\(good)","insurance":"farmer","enrolledOn":"2010-13-01"}
            not json
            """
        let run = try ltc(["person", "import", "-", "--db", db] + admin, input: text)
        #expect(run.status == 65)
        #expect(run.stderr.contains("line 4: not valid JSON"))
        let fixed = try ltc(["person", "import", "-", "--db", db] + admin, input: text.split(separator: "\n").dropLast().joined(separator: "\n"))
        #expect(fixed.stderr.contains("2 of 3 lines refused, nothing imported: line 2: national ID 110105********0021 fails its check digit"))
        #expect(fixed.stderr.contains("line 3: insurance 'farmer' is not accepted"))
        #expect(try count(db) == 0)
    }
}
