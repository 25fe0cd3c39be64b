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
