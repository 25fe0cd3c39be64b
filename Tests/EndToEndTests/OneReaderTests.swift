import Foundation
import LTCCore
import Testing

/// The validations that were written twice, once for the command line and
/// once for rpc, with different words: now one reader, one error.
@Suite("A value refused on the command line and over rpc is refused with the same error: code, message and data")
struct OneReaderTests {
    let scratch = Scratch()

    /// The command line's arguments and the rpc method and params that say the same thing.
    static let cases: [(name: String, cli: [String], method: String, params: JSONObject)] = [
        ("termination reason", ["case", "terminate", "1", "--reason", "dead"], "case.terminate", ["case": 1, "reason": "dead"]),
        ("assessor qualification", ["assessor", "add", "--id", "A9", "--name", "钱医生", "--qualification", "doctor"], "assessor.add",
         ["id": "A9", "name": "钱医生", "qualification": "doctor"]),
        ("bonus take", ["case", "bonus", "1", "--take", "money"], "case.bonus", ["case": 1, "take": "money"]),
        ("case state filter", ["case", "list", "--state", "open"], "case.list", ["state": "open"]),
        ("a tier needs its insured group", ["benefit", "quote", "--scheme", "tianjin-style-2026", "--grade", "4", "--mode", "home-care",
                                           "--month", "2026-04", "--tier", "2"], "benefit.quote",
         ["scheme": "tianjin-style-2026", "grade": 4, "mode": "home-care", "month": "2026-04", "tier": 2]),
        ("prices", ["agreement", "apply", "--institution", "I001", "--scheme", "hours-home-care-2026", "--start", "2027-01-01", "--end", "2027-12-31",
                    "--mode", "home-visit", "--price", "S01=6O", "--capacity", "50"], "agreement.apply",
         ["institution": "I001", "scheme": "hours-home-care-2026", "start": "2027-01-01", "end": "2027-12-31", "modes": ["home-visit"],
          "prices": ["S01": "6O"], "capacity": 50]),
        ("exit ground", ["agreement", "suspend", "AG-I001-1", "--reason", "inspection", "--ground", "whim"], "agreement.suspend",
         ["agreement": "AG-I001-1", "reason": "inspection", "ground": "whim"]),
    ]

    @Test("Each validation gives one error through both entries", arguments: cases.indices)
    func sameError(index: Int) throws {
        let (name, cli, method, params) = Self.cases[index]
        let db = scratch.database("reader")
        try #require(try ltc(["demo", "--db", db]).status == 0)
        // A quote needs no actor on the command line; everything else acts as the demo's administrator.
        let run = try ltc(cli + ["--json", "--db", db] + (method == "benefit.quote" ? [] : ["--actor", "administrator:demo"]))
        #expect(run.status == 65, "\(name): \(run.stderr)")
        var request = params
        request.set("actor", "administrator:demo")
        let line = JSONWriter.string(["jsonrpc": "2.0", "id": 1, "method": .string(method), "params": .object(request)])
        let rpc = try JSONParser.parse(try ltc(["rpc", "--db", db], input: line + "\n").stdout)
        let error = try #require(rpc["error"], "\(name): \(rpc)")
        #expect(try JSONParser.parse(run.stderr) == error, "\(name)")
        #expect(error["code"] == 1004, "\(name): \(error)")
    }

    @Test("An institution's file and its rpc params are read by one reader, with one error")
    func institution() throws {
        let db = scratch.database("institution")
        try #require(try ltc(["demo", "--db", db]).status == 0)
        let institution: JSONValue = ["id": "I009", "name": "新院", "type": "hospital", "licence": "L-9", "deliveries": ["home"], "capacity": 10,
                                      "address": "路1号", "district": "静安", "contact": "021-1"]
        let file = scratch.path("institution", ".json")
        try JSONWriter.string(institution).write(toFile: file, atomically: true, encoding: .utf8)
        let run = try ltc(["institution", "add", file, "--json", "--db", db, "--actor", "administrator:demo"])
        let line = JSONWriter.string(["jsonrpc": "2.0", "id": 1, "method": "institution.register",
                                      "params": ["actor": "administrator:demo", "institution": institution]])
        let rpc = try JSONParser.parse(try ltc(["rpc", "--db", db], input: line + "\n").stdout)
        #expect(run.status == 65)
        #expect(try JSONParser.parse(run.stderr) == rpc["error"])
        #expect(rpc["error"]?["message"]?.stringValue?.hasPrefix("institution.type: 'hospital' is not accepted") == true, "\(rpc)")
    }
}
