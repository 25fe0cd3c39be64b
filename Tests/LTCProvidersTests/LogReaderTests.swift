import LTCCore
import LTCProviders
import Testing

@Suite("The service-log reader takes any bytes without trapping")
struct LogReaderTests {
    @Test("A header naming a column twice is refused; its lines are not read against the wrong positions (found by fuzzing)")
    func repeatedColumn() {
        let text = "log_id,institution,log_id,institution,caregiver,person,item,start,end,mode,latitude,longitude\n"
            + "L1,I001,C1,1,S01,2026-04-06T09:00,2026-04-06T10:00,home-visit,,\n"
        let lines = LogReader.read(Array(text.utf8))
        #expect(lines.count == 1)
        guard case .unreadable(let line, let message) = lines.first else { Issue.record("read \(lines)"); return }
        #expect(line == 1 && message.hasSuffix("named twice: institution, log_id"))
    }

    @Test("A header of a hundred thousand unknown columns is refused at once, naming a few")
    func enormousHeader() {
        let text = String(repeating: "x,", count: 100_000) + "\n"
        guard case .unreadable(_, let message) = LogReader.read(Array(text.utf8)).first else { Issue.record("not refused"); return }
        #expect(message.contains("unknown: x, x, x, x, x, …"))
    }
}

@Suite("A logs file that cannot be used at all is refused whole")
struct UnusableLogsTests {
    @Test("A semicolon-separated file, or one without a header, stores no submission", arguments: [
        "log_id;institution;caregiver;person;item;start;end;mode\nL1;I001;C1;1;S01;2026-04-06T09:00;2026-04-06T10:00;home-visit\n",
        "L1,I001,C1,1,S01,2026-04-06T09:00,2026-04-06T10:00,home-visit\n",
    ])
    func refusedWhole(text: String) throws {
        let world = try ProviderWorld()
        let error = #expect(throws: InputError.self) { try world.intake.submit(Array(text.utf8), actor: admin, asOf: day("2026-04-16")) }
        #expect(error?.message.contains("the header must name the columns") == true)
        #expect(error?.message.hasSuffix("nothing was stored") == true)
        let submissions = try world.scratch.store.read { (tx: any ProviderTransaction) in try tx.logs.hasLogs(institution: "I001") }
        #expect(!submissions)
    }

    @Test("A UTF-8 byte-order mark before the header (as spreadsheets write) is not part of the first column's name")
    func byteOrderMark() throws {
        let world = try ProviderWorld()
        let csv = [UInt8]([0xEF, 0xBB, 0xBF]) + Array(("log_id,institution,caregiver,person,item,start,end,mode\n" + world.line("L1").dropLast(2) + "\n").utf8)
        #expect(try world.intake.submit(csv, actor: admin, asOf: day("2026-04-16")).accepted == 1)
        let jsonl = [UInt8]([0xEF, 0xBB, 0xBF]) + Array(#"{"logId":"L2","institution":"I001","caregiver":"C1","person":\#(world.person),"item":"S01","start":"2026-04-07T09:00","end":"2026-04-07T10:00","mode":"home-visit"}"#.utf8)
        #expect(try world.intake.submit(jsonl, actor: admin, asOf: day("2026-04-16")).accepted == 1)
    }
}

@Suite("A check-in is both coordinates or none, each in decimal degrees")
struct CheckInCoordinateTests {
    @Test("A header naming one coordinate column without the other is refused whole, saying so", arguments: ["latitude", "longitude"])
    func oneColumn(column: String) throws {
        let world = try ProviderWorld()
        let text = "log_id,institution,caregiver,person,item,start,end,mode,\(column)\n" + world.line("L1", at: "abc") + "\n"
        let error = #expect(throws: InputError.self) { try world.intake.submit(Array(text.utf8), actor: admin, asOf: day("2026-04-16")) }
        let other = column == "latitude" ? "longitude" : "latitude"
        #expect(error?.message.contains("the header names \(column) but not \(other): a check-in needs both columns, or neither") == true, "\(String(describing: error))")
        #expect(error?.message.hasSuffix("nothing was stored") == true)
    }

    @Test("A coordinate that is not decimal degrees in range, or one without the other, is refused (F01) naming the field")
    func unreadableValues() throws {
        let world = try ProviderWorld()
        let report = try world.submit([
            world.line("L1", at: "abc,121.473701"), world.line("L2", on: "2026-04-07", at: "31.230416,181"),
            world.line("L3", on: "2026-04-08", at: "31.230416,"), world.line("L4", on: "2026-04-09", at: ",121.473701"),
            world.line("L5", on: "2026-04-10", at: "31.230416,121.473701"),
        ])
        #expect(report.rejected.map(\.rule) == [.malformed, .malformed, .malformed, .malformed])
        #expect(report.rejected.map(\.detail) == [
            "latitude 'abc' is not decimal degrees from -90 to 90 (at most 6 decimals)",
            "longitude '181' is not decimal degrees from -180 to 180 (at most 6 decimals)",
            "latitude without longitude: a check-in needs both, or neither",
            "longitude without latitude: a check-in needs both, or neither",
        ])
        #expect(report.accepted == 1)
    }

    @Test("JSON Lines: a location that is not \"latitude,longitude\" is refused (F01) naming the field; separate coordinate fields are unknown")
    func jsonLocation() throws {
        let world = try ProviderWorld()
        func object(_ id: String, _ date: String, _ extra: String) -> String {
            #"{"logId":"\#(id)","institution":"I001","caregiver":"C1","person":\#(world.person),"item":"S01","start":"\#(date)T09:00","end":"\#(date)T10:00","mode":"home-visit"\#(extra)}"#
        }
        let text = [object("J1", "2026-04-06", #","location":"abc""#), object("J2", "2026-04-07", #","location":"31.230416""#),
                    object("J3", "2026-04-08", #","location":31.2"#), object("J4", "2026-04-09", #","latitude":"abc""#),
                    object("J5", "2026-04-10", #","location":"31.230416,121.473701""#)].joined(separator: "\n")
        let report = try world.intake.submit(Array(text.utf8), actor: admin, asOf: day("2026-04-16"))
        #expect(report.rejected.map(\.rule) == [.malformed, .malformed, .malformed, .malformed])
        #expect(report.rejected.prefix(3).allSatisfy { $0.detail.hasPrefix("location ") && $0.detail.contains("decimal degrees") }, "\(report.rejected)")
        #expect(report.rejected.last?.detail.hasPrefix("unknown field 'latitude'") == true)
        #expect(report.accepted == 1)
    }
}
