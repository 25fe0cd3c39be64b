import Foundation
import LTCCore
import LTCSchemes
import Testing

@Suite("The example schemes are built in: the demo and a scheme's name work from any folder, and a file still wins")
struct BuiltInSchemeTests {
    let scratch = Scratch()

    @Test("Each built-in scheme is its file in Examples/schemes, byte for byte decoded the same")
    func embedded() throws {
        let folder = packageRoot.appendingPathComponent("Examples/schemes")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".json") }.sorted()
        #expect(BuiltInSchemes.names == files.map { String($0.dropLast(5)) })
        for file in files {
            let fromFile = try Scheme.decode(text: Array(try Data(contentsOf: folder.appendingPathComponent(file))), source: file)
            let builtIn = try #require(try BuiltInSchemes.scheme(named: file))
            #expect(builtIn.id == fromFile.id && builtIn.document == fromFile.document)
        }
        #expect(try BuiltInSchemes.scheme(named: "Examples/schemes/day-rate-2026.json")?.id == "day-rate-2026")
        #expect(try BuiltInSchemes.scheme(named: "nope") == nil)
    }

    @Test("From a folder with no Examples: the demo runs, a quote and a load name a built-in scheme; a file there wins")
    func anywhere() throws {
        let folder = try scratch.folder("elsewhere")
        let demo = try ltc(["demo", "--db", folder.appendingPathComponent("demo.sqlite").path], in: folder)
        #expect(demo.status == 0 && demo.stdout.contains("scheme hours-home-care-2026 loaded"), "\(demo.stderr)")
        let quote = ["benefit", "quote", "--grade", "4", "--mode", "home-visit", "--month", "2026-03"]
        let builtIn = try ltc(quote + ["--scheme", "hours-home-care-2026"], in: folder)
        #expect(builtIn.status == 0 && builtIn.stdout.contains("at 65.00 an hour"), "\(builtIn.stderr)")
        let byPath = try ltc(quote + ["--scheme-file", "Examples/schemes/hours-home-care-2026.json"], in: folder)
        #expect(byPath.stdout == builtIn.stdout)

        // A file at the path named wins over the built-in scheme.
        let original = try String(contentsOf: packageRoot.appendingPathComponent("Examples/schemes/hours-home-care-2026.json"), encoding: .utf8)
        let local = folder.appendingPathComponent("hours-home-care-2026.json")
        try original.replacingOccurrences(of: "\"unitPrice\": 65", with: "\"unitPrice\": 70").write(to: local, atomically: true, encoding: .utf8)
        let fromFile = try ltc(quote + ["--scheme-file", local.path], in: folder)
        #expect(fromFile.status == 0 && fromFile.stdout.contains("at 70.00 an hour"), "\(fromFile.stdout)\(fromFile.stderr)")

        let db = scratch.database("built-in")
        try firstAdministrator(db)
        let load = try ltc(["scheme", "load", "tianjin-style-2026", "--db", db, "--actor", "administrator:wang"], in: folder)
        #expect(load.status == 0 && load.stdout.contains("loaded scheme tianjin-style-2026"), "\(load.stderr)")
        let unknown = try ltc(["scheme", "load", "nowhere.json", "--db", db, "--actor", "administrator:wang"], in: folder)
        #expect(unknown.status == 65 && unknown.stderr.contains("no scheme file there, and no built-in scheme of that name; built in: chengdu-2018, day-rate-2026"))
        let rpc = try ltc(["rpc", "--db", db], input: #"{"jsonrpc":"2.0","id":1,"method":"benefit.quote","params":{"actor":"administrator:wang","scheme":"day-rate-2026","grade":4,"mode":"home-visit","month":"2026-03"}}"# + "\n",
                          in: folder)
        #expect(rpc.stdout.contains("\"fundShare\""), "\(rpc.stdout)")
    }

    @Test("Schemes by name everywhere: scheme.load over rpc, ltc scheme show for a stored or a built-in one, and benefit quote's examples")
    func byName() throws {
        let db = scratch.database("by-name")
        try firstAdministrator(db)
        let load = try ltc(["rpc", "--db", db], input: #"{"jsonrpc":"2.0","id":1,"method":"scheme.load","params":{"actor":"administrator:wang","scheme":"hours-home-care-2026"}}"# + "\n")
        #expect(try JSONParser.parse(load.stdout)["result"]?["id"] == "hours-home-care-2026", "\(load.stdout)")
        let show = try ltc(["scheme", "show", "hours-home-care-2026", "--db", db, "--actor", "administrator:wang"])
        #expect(show.status == 0, "\(show.stderr)")
        for part in ["scheme hours-home-care-2026:", "Service modes 服务方式", "S02   hour  home-visit     nurse", "Benefits by grade and mode",
                     "4      home-visit     hourly   5 h/week × 65.00", "logs arrive within 10 days of the service"] {
            #expect(show.stdout.contains(part), "\(part)\n\(show.stdout)")
        }
        let grouped = try ltc(["scheme", "show", "urumqi-2022", "--db", db, "--actor", "administrator:wang"])
        #expect(grouped.stdout.contains("(built in, not loaded here: ltc scheme load urumqi-2022)") && grouped.stdout.contains("INSURED"), "\(grouped.stdout)")
        let json = try JSONParser.parse(try ltc(["scheme", "show", "hours-home-care-2026", "--json", "--db", db, "--actor", "administrator:wang"]).stdout)
        #expect(json["stored"] == true && json["scheme"]?["id"] == "hours-home-care-2026")
        let none = try ltc(["scheme", "show", "nanjing-style-2026", "--db", db, "--actor", "administrator:wang"])
        #expect(none.status == 65 && none.stderr.contains("no stored scheme 'nanjing-style-2026'"), "\(none.stderr)")

        // Every example of benefit quote's help runs from a folder with no database, the first one included.
        // The help wraps a long example with a backslash; its lines are joined again.
        let help = try ltc(["benefit", "quote", "--help"]).stdout.replacingOccurrences(of: "\\\n", with: "")
        let examples = help.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { $0.hasPrefix("ltc benefit quote ") }
        #expect(!examples.isEmpty)
        let folder = try scratch.folder("quote")
        for example in examples {
            let run = try ltc(Array(example.split(separator: " ", omittingEmptySubsequences: true).dropFirst().map(String.init)), in: folder)
            #expect(run.status == 0, "\(example): \(run.stderr)")
        }
    }
}
