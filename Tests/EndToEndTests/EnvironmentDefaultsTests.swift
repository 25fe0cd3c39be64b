import Foundation
import LTCCore
import Testing

/// `--db` and `--actor` may be left to the environment: the option given,
/// else `LTC_DB` / `LTC_ACTOR`, else `./ltc.sqlite` / a refusal naming both.
/// `ltc rpc` never reads `LTC_ACTOR`.
@Suite("LTC_DB and LTC_ACTOR stand in for --db and --actor, and an option given wins")
struct EnvironmentDefaultsTests {
    let scratch = Scratch()

    @Test("Without the options the variables are read; with them, the options win")
    func precedence() throws {
        let db = scratch.database("env")
        try firstAdministrator(db)
        let environment = ["LTC_DB": db, "LTC_ACTOR": "administrator:wang"]
        let added = try ltc(["assessor", "add", "--id", "A01", "--name", "李医生", "--qualification", "medical"], environment: environment)
        #expect(added.status == 0, "\(added.stderr)")
        let listed = try JSONParser.parse(try ltc(["assessor", "list", "--json"], environment: environment).stdout)
        #expect(listed["assessors"]?.arrayValue?.compactMap { $0["id"]?.stringValue } == ["A01"])
        // --actor wins over LTC_ACTOR: an assessor may not register another.
        let named = try ltc(["assessor", "add", "--id", "A02", "--name", "x", "--qualification", "none", "--actor", "assessor:A01"], environment: environment)
        #expect(named.status == 77 && named.stderr.contains("assessor:A01 may not do this"), "\(named.stderr)")
        // --db wins over LTC_DB: another database, with no staff in it yet.
        let other = scratch.database("other")
        let elsewhere = try ltc(["staff", "add", "li", "--role", "administrator", "--actor", "administrator:li", "--db", other], environment: environment)
        #expect(elsewhere.status == 0, "\(elsewhere.stderr)")
        let staff = try JSONParser.parse(try ltc(["staff", "list", "--json"], environment: environment).stdout)
        #expect(staff["staff"]?.arrayValue?.compactMap { $0["id"]?.stringValue } == ["wang"])
    }

    @Test("Neither --actor nor LTC_ACTOR: refused naming both; an unusable LTC_ACTOR is named as the variable; an empty one is unset")
    func refusals() throws {
        let db = scratch.database("env-refusals")
        try firstAdministrator(db)
        let missing = try ltc(["staff", "list", "--db", db])
        #expect(missing.status == 64 && missing.stderr.contains("Missing expected argument '--actor <role:id>' (or set LTC_ACTOR"), "\(missing.stderr)")
        let bad = try ltc(["staff", "list", "--db", db], environment: ["LTC_ACTOR": "wang"])
        #expect(bad.status == 65 && bad.stderr.hasPrefix("error: LTC_ACTOR: actor 'wang' must be ROLE:ID"), "\(bad.stderr)")
        let empty = try ltc(["staff", "list", "--db", db], environment: ["LTC_ACTOR": ""])
        #expect(empty.status == 64, "\(empty.stderr)")
    }

    @Test("ltc rpc reads LTC_DB but not LTC_ACTOR: a request names its actor, as without the variable")
    func rpcIsNotPinnedByTheEnvironment() throws {
        let db = scratch.database("env-rpc")
        try firstAdministrator(db)
        try #require(try ltc(["assessor", "add", "--id", "A01", "--name", "李医生", "--qualification", "medical", "--db", db,
                              "--actor", "administrator:wang"]).status == 0)
        let requests = #"{"jsonrpc":"2.0","id":1,"method":"staff.list","params":{}}"# + "\n"
            + #"{"jsonrpc":"2.0","id":2,"method":"assessor.list","params":{"actor":"assessor:A01"}}"# + "\n"
        let run = try ltc(["rpc"], input: requests, environment: ["LTC_DB": db, "LTC_ACTOR": "administrator:wang"])
        let answers = run.stdout.split(separator: "\n").map { try? JSONParser.parse(String($0)) }
        #expect(answers.count == 2, "\(run.stdout)\(run.stderr)")
        // No actor given: refused, not run as LTC_ACTOR's administrator.
        #expect(answers.first??["error"]?["message"]?.stringValue?.hasPrefix("actor is required") == true, "\(run.stdout)")
        // Another actor named: not refused as a pinned process would refuse it.
        #expect(answers.last??["error"]?["data"]?["pinned"] == nil, "\(run.stdout)")
    }
}
