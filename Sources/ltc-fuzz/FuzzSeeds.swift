import Foundation

/// Where a fuzzing run starts: the project's own examples of each input.
enum FuzzSeeds {
    static func inputs(for target: FuzzTarget) throws -> [[UInt8]] {
        switch target {
        case .json:
            return [#"{"a":[1,2.5,-0,1e300,"\u00e9\ud83d\ude00",true,false,null],"b":{}}"#, "[]", #""x""#, "12345678901234567890"].map { Array($0.utf8) }
                + (try files("Examples/assessments", "json"))
        case .logs:
            return [
                "log_id,institution,caregiver,person,item,start,end,mode,latitude,longitude\nL1,I001,C1,1,S01,2026-04-06T09:00,2026-04-06T10:00,home-visit,31.23,121.47\n\"L,2\",I001,C1,1,S01,2026-04-06 11:00,2026-04-06 11:30:00,home-visit,,\n",
                #"{"logId":"L1","institution":"I001","caregiver":"C1","person":1,"item":"S01","start":"2026-04-06T09:00","end":"2026-04-06T10:00","mode":"home-visit","location":"31.23,121.47"}"# + "\n",
            ].map { Array($0.utf8) }
        case .form:
            return try files("AssessmentForms", "json") + (try files("Examples/forms", "json"))
        case .scheme:
            return try files("Examples/schemes", "json")
        case .rpc:
            return RPCWorld.setUp.map { Array($0.utf8) } + [
                #"{"jsonrpc":"2.0","id":3,"method":"rpc.describe"}"#,
                #"[{"jsonrpc":"2.0","id":4,"method":"case.open","params":{"actor":"administrator:fuzz","person":1,"disabledSince":"2025-06-01","asOf":"2026-03-02"}},{"jsonrpc":"2.0","method":"case.list","params":{"actor":"administrator:fuzz"}}]"#,
                #"{"jsonrpc":"2.0","id":5,"method":"logs.submit","params":{"actor":"administrator:fuzz","asOf":"2026-04-16","logs":"log_id,institution,caregiver,person,item,start,end,mode\nL1,I001,C1,1,S01,2026-04-06T09:00,2026-04-06T10:00,home-visit\n"}}"#,
                #"{"jsonrpc":"2.0","id":6,"method":"fund.project","params":{"actor":"administrator:fuzz","scheme":"hours-home-care-2026","years":3}}"#,
            ].map { Array($0.utf8) } + (try String(contentsOfFile: "Examples/rpc/session.jsonl", encoding: .utf8)).split(separator: "\n").map { Array($0.utf8) }
        }
    }

    /// The files of a folder (those ending in `.ext`, if given).
    static func files(_ folder: String, _ ext: String?) throws -> [[UInt8]] {
        let names = try FileManager.default.contentsOfDirectory(atPath: folder).sorted().filter { ext == nil || $0.hasSuffix("." + ext!) }
        return try names.map { Array(try Data(contentsOf: URL(fileURLWithPath: "\(folder)/\($0)"))) }
    }
}
