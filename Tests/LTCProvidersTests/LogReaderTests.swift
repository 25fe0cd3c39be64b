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
