import Foundation
import LTCCore
@testable import LTCProviders
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

    @Test("A header of thousands of unknown columns is refused at once, naming a few")
    func enormousHeader() {
        let text = String(repeating: "x,", count: 4_000) + "\n"
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

@Suite("Every field of a log and every line has a maximum length; a longer one is refused (F01) naming the field and the limit")
struct LogLengthTests {
    static let header = "log_id,institution,caregiver,person,item,start,end,mode,latitude,longitude\n"
    /// The fields of a log that passes the reader, by column.
    static let fields = ["log_id": "L1", "institution": "I001", "caregiver": "C1", "person": "1", "item": "S01",
                         "start": "2026-04-06T09:00", "end": "2026-04-06T10:00", "mode": "home-visit", "latitude": "31.230416", "longitude": "121.473701"]

    func csv(_ change: [String: String]) -> [UInt8] {
        let columns = Self.header.dropLast().split(separator: ",").map(String.init)
        return Array((Self.header + columns.map { change[$0] ?? Self.fields[$0]! }.joined(separator: ",") + "\n").utf8)
    }

    @Test("An id or code of 64 characters is read, one of 65 refused; characters are counted, not bytes",
          arguments: [("log_id", "log id"), ("institution", "institution"), ("caregiver", "caregiver"), ("item", "item"), ("mode", "mode")])
    func ids(column: String, name: String) {
        #expect(LogLimits.of(column) == 64)
        guard case .log = LogReader.read(csv([column: String(repeating: "护", count: 64)])).first else { Issue.record("64 characters refused"); return }
        let lines = LogReader.read(csv([column: String(repeating: "a", count: 65)]))
        guard case .unreadable(let line, let message) = lines.first else { Issue.record("read \(lines)"); return }
        #expect(line == 2 && message == "the \(name) is 65 characters long; it may hold at most 64")
    }

    @Test("The person, the times and the coordinates: each refused past its limit, naming it, without repeating the value")
    func shapedFields() {
        let cases: [(String, String, String)] = [
            ("person", String(repeating: "1", count: 19), "the person is 19 characters long; it may hold at most 18"),
            ("start", "2026-04-06T09:00:00:00", "the start is 22 characters long; it may hold at most 19"),
            ("end", String(repeating: "9", count: 5_000), "the end is 5000 characters long; it may hold at most 19"),
            ("latitude", "31.2304160000000000", "the latitude is 19 characters long; it may hold at most 16"),
            ("longitude", " " + String(repeating: "1", count: 20), "the longitude is 21 characters long; it may hold at most 16"),
        ]
        for (column, value, expected) in cases {
            let lines = LogReader.read(csv([column: value]))
            guard case .unreadable(_, let message) = lines.first else { Issue.record("\(column): read \(lines)"); continue }
            #expect(message == expected)
        }
        let json = #"{"logId":"J1","institution":"I001","caregiver":"C1","person":1,"item":"S01","start":"2026-04-06T09:00","end":"2026-04-06T10:00","mode":"home-visit","location":"31.230416,121.4737010000000000000000000"}"#
        guard case .unreadable(_, let message) = LogReader.read(Array(json.utf8)).first else { Issue.record("JSON location read"); return }
        #expect(message == "the location is 39 characters long; it may hold at most 33")
    }

    @Test("A JSON Lines id past its limit is refused the same way")
    func jsonIDs() {
        let json = #"{"logId":"\#(String(repeating: "x", count: 65))","institution":"I001","caregiver":"C1","person":1,"item":"S01","start":"2026-04-06T09:00","end":"2026-04-06T10:00","mode":"home-visit"}"#
        guard case .unreadable(_, let message) = LogReader.read(Array(json.utf8)).first else { Issue.record("read"); return }
        #expect(message == "the log id is 65 characters long; it may hold at most 64")
    }

    @Test("A line over 8 KiB is refused naming the field that runs past the limit; the lines after it are read")
    func longLine() {
        let long = csv(["log_id": String(repeating: "x", count: 3 << 20)])
        let next = Array("L2,I001,C1,1,S01,2026-04-07T09:00,2026-04-07T10:00,home-visit,,\n".utf8)
        let lines = LogReader.read(long + next)
        #expect(lines.count == 2)
        guard case .unreadable(let line, let message) = lines.first, case .log(let log, let after) = lines.last else { Issue.record("read \(lines)"); return }
        #expect(line == 2 && message == "the line is longer than 8192 bytes, the most a log line may hold; its log id runs past that (a log id holds at most 64 characters)")
        #expect(log.logID == "L2" && after == 3)
        let json = Array((#"{"logId":"J1","caregiver":""# + String(repeating: "x", count: 9_000) + "\"}\n" + #"{"logId":"J2"}"#).utf8)
        guard case .unreadable(1, let jsonMessage) = LogReader.read(json).first else { Issue.record("JSON read"); return }
        #expect(jsonMessage == "the line is longer than 8192 bytes, the most a log line may hold")
        let header = Array((String(repeating: "log_id,", count: 2_000) + "\n").utf8)
        guard case .unreadable(1, let headerMessage) = LogReader.read(header).first else { Issue.record("header read"); return }
        #expect(headerMessage.hasPrefix("the header is longer than 8192 bytes"))
    }

    @Test("A file of one line far over the limit is skipped a block at a time, never held whole")
    func neverHeldWhole() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ltc-long-line-\(UUID().uuidString).csv").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let long = csv(["log_id": String(repeating: "x", count: 24 << 20)])
        FileManager.default.createFile(atPath: path, contents: Data(long + Array("L2,I001,C1,1,S01,2026-04-07T09:00,2026-04-07T10:00,home-visit,,\n".utf8)))
        let descriptor = open(path, O_RDONLY)
        try #require(descriptor >= 0)
        defer { close(descriptor) }
        var stream = LogReader.Stream(descriptor: descriptor)
        let first = stream.next(upTo: 1) ?? []
        #expect(stream.bytes.count <= LogReader.Stream.block + LogLimits.lineBytes, "held \(stream.bytes.count) bytes")
        guard case .unreadable(2, _) = first.first else { Issue.record("read \(first)"); return }
        guard case .log(let log, 3) = stream.next(upTo: 10)?.first else { Issue.record("the line after it was not read"); return }
        #expect(log.logID == "L2")
    }
}
