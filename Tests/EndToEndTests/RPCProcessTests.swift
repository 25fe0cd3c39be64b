import Foundation
import LTCCore
import Testing

@Suite("ltc rpc, run as a process")
struct RPCProcessTests {
    @Test("A mixed stream: one response per request, in order, and the process survives to exit 0")
    func mixedStream() throws {
        let answers = try String(contentsOf: packageRoot.appendingPathComponent("Examples/assessments/barthel-severe.json"), encoding: .utf8)
            .replacingOccurrences(of: "\n", with: "")
        let lines = [
            #"{"jsonrpc":"2.0","id":1,"method":"forms.list"}"#,                                    // good
            #"{"jsonrpc":"2.0","id":2,"method":"forms.list""#,                                     // malformed JSON
            "",                                                                                     // empty line: no response
            #"{"jsonrpc":"2.0","id":3,"method":"assessment.score","params":\#(answers)}"#,          // good
            #"{"jsonrpc":"2.0","id":4,"method":"assessment.score","params":{"form":1,"answers":[]}}"#, // wrong types
            #"{"jsonrpc":"2.0","method":"forms.list"}"#,                                           // notification: no response
            #"{"jsonrpc":"2.0","id":5,"method":"forms.delete"}"#,                                  // unknown method
            "   ",                                                                                  // blank: no response
            #"[{"jsonrpc":"2.0","id":6,"method":"forms.get","params":{"form":"barthel"}},{"jsonrpc":"2.0","method":"x"},{"jsonrpc":"2.0","id":7,"method":"rpc.describe"}]"#,
            "not json at all",                                                                      // malformed
            #"{"jsonrpc":"2.0","id":8,"method":"assessment.score","params":{"form":"barthel","answers":{"barthel.feeding":true}}}"#,
            #"{"jsonrpc":"2.0","id":9,"method":"forms.get","params":{"form":"cn-ltc-2021"}}"#,     // good, last
        ]
        let run = try ltc(["rpc"], input: lines.joined(separator: "\n") + "\n")
        #expect(run.status == 0)
        #expect(run.stderr.isEmpty)
        let responses = try run.stdout.split(separator: "\n").map { try JSONParser.parse(String($0)) }
        #expect(responses.count == 9)
        guard responses.count == 9 else { return }
        #expect(responses[0]["id"] == 1 && responses[0]["result"] != nil)
        #expect(responses[1]["id"] == .null && responses[1]["error"]?["code"] == -32700)
        #expect(responses[2]["id"] == 3 && responses[2]["result"]?["grade"]?["level"] == 3)
        #expect(responses[3]["id"] == 4 && responses[3]["error"]?["code"] == -32602)
        #expect(responses[4]["id"] == 5 && responses[4]["error"]?["code"] == -32601)
        #expect(responses[5].arrayValue?.map { $0["id"] } == [6, 7])
        #expect(responses[6]["error"]?["code"] == -32700)
        #expect(responses[7]["id"] == 8 && responses[7]["error"]?["code"] == 1002)
        #expect(responses[8]["id"] == 9 && responses[8]["result"]?["id"] == "cn-ltc-2021")
    }

    @Test("Each response is written before the next request is read")
    func flushesEachLine() throws {
        let process = Process()
        process.executableURL = try ltcExecutable()
        process.arguments = ["rpc"]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        var received: [String] = []
        for id in 1...3 {
            input.fileHandleForWriting.write(Data(#"{"jsonrpc":"2.0","id":\#(id),"method":"forms.list"}"#.utf8 + [0x0A]))
            // Read one whole line while stdin is still open: only possible if ltc flushed it.
            var line = Data()
            while line.last != 0x0A {
                let byte = output.fileHandleForReading.readData(ofLength: 1)
                if byte.isEmpty { break }
                line.append(byte)
            }
            received.append(String(decoding: line, as: UTF8.self))
        }
        try input.fileHandleForWriting.close()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(try received.map { try JSONParser.parse($0)["id"] } == [1, 2, 3])
    }

    @Test("End of input with no requests exits 0 with no output")
    func emptyInput() throws {
        let run = try ltc(["rpc"])
        #expect(run.status == 0)
        #expect(run.stdout.isEmpty)
    }

    @Test("The example session in Examples/rpc gives one line per request")
    func exampleSession() throws {
        let session = try String(contentsOf: packageRoot.appendingPathComponent("Examples/rpc/session.jsonl"), encoding: .utf8)
        let run = try ltc(["rpc"], input: session)
        #expect(run.status == 0)
        #expect(run.stdout.split(separator: "\n").count == 4)
    }
}

@Suite("ltc rpc on stored data")
struct RPCCaseProcessTests {
    let scratch = Scratch()

    @Test("State methods run in request order across workers: each request sees the one before")
    func dependentRequests() throws {
        let db = scratch.database()
        let scheme = try String(contentsOf: packageRoot.appendingPathComponent("Examples/schemes/tianjin-style-2026.json"), encoding: .utf8)
            .replacingOccurrences(of: "\n", with: " ")
        var lines = [#"{"jsonrpc":"2.0","id":"s","method":"staff.add","params":{"actor":"administrator:a","id":"a","role":"administrator"}}"#,
                     #"{"jsonrpc":"2.0","id":0,"method":"scheme.load","params":{"actor":"administrator:a","asOf":"2026-03-01","scheme":\#(scheme)}}"#]
        for index in 1...40 {
            let id = validNationalID(String(format: "3301021950%02d01%03d", index % 12 + 1, index))
            lines.append(#"{"jsonrpc":"2.0","id":"p\#(index)","method":"person.add","params":{"actor":"administrator:a","name":"人\#(index)","nationalId":"\#(id)","insurance":"employee","enrolledOn":"2010-01-01"}}"#)
            // Interleave independent requests, which may run alongside.
            lines.append(#"{"jsonrpc":"2.0","id":"f\#(index)","method":"forms.list"}"#)
            lines.append(#"{"jsonrpc":"2.0","id":"c\#(index)","method":"case.open","params":{"actor":"administrator:a","person":\#(index),"disabledSince":"2025-01-01","asOf":"2026-03-02"}}"#)
            lines.append(#"{"jsonrpc":"2.0","id":"k\#(index)","method":"case.check","params":{"actor":"administrator:a","case":\#(index),"asOf":"2026-03-02"}}"#)
        }
        let run = try ltc(["rpc", "--db", db], input: lines.joined(separator: "\n") + "\n")
        #expect(run.status == 0)
        let responses = try run.stdout.split(separator: "\n").map { try JSONParser.parse(String($0)) }
        #expect(responses.count == lines.count)
        #expect(responses.allSatisfy { $0["error"] == nil }, "\(responses.first { $0["error"] != nil }?.description ?? "")")
        #expect(responses.last?["result"]?["state"] == "eligible")
    }

    @Test("Domain errors from state methods carry their code and details")
    func errors() throws {
        let db = scratch.database()
        let run = try ltc(["rpc", "--db", db], input: """
            {"jsonrpc":"2.0","id":0,"method":"staff.add","params":{"actor":"administrator:a","id":"a","role":"administrator"}}
            {"jsonrpc":"2.0","id":1,"method":"case.open","params":{"actor":"administrator:a","person":1,"disabledSince":"2025-01-01"}}
            {"jsonrpc":"2.0","id":2,"method":"case.get","params":{"actor":"nobody","case":1}}
            {"jsonrpc":"2.0","id":3,"method":"person.add","params":{"actor":"administrator:a","name":"x","nationalId":"123","insurance":"employee","enrolledOn":"2010-01-01"}}

            """)
        let responses = try run.stdout.split(separator: "\n").map { try JSONParser.parse(String($0)) }.dropFirst()
        #expect(responses.map { $0["error"]?["code"] } == [1017, 1004, 1004])
        #expect(responses.first?["error"]?["message"]?.stringValue?.contains("ltc scheme load") == true)
    }
}
