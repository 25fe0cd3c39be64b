import Foundation
@testable import LTCCommandLine
import Testing

@Suite("Progress: one redrawn line on a terminal, nothing in a pipe unless asked")
struct ProgressLineTests {
    @Test("A known size gives a bar, the percent, the amount, the rate and the time left")
    func bar() {
        let line = ProgressLine.line(what: "lines", count: 250_000, bytes: 10_000_000, totalBytes: 40_000_000, totalCount: nil, seconds: 2)
        #expect(line == "[######------------------]  25 %  10.0 of 40.0 MB  125,000 lines/s  6 s left")
        let people = ProgressLine.line(what: "people", count: 3_000, bytes: nil, totalBytes: nil, totalCount: 4_000, seconds: 1)
        #expect(people == "[##################------]  75 %  3,000 of 4,000 people  3,000 people/s  1 s left")
    }

    @Test("Standard input, of unknown size: the amount read and the rate, no percent")
    func unknownSize() {
        #expect(ProgressLine.line(what: "lines", count: 90_000, bytes: 6_300_000, totalBytes: nil, totalCount: nil, seconds: 3)
                == "6.3 MB read, 90,000 lines  30,000 lines/s")
    }

    @Test("The last line says what was done and how fast")
    func summary() {
        #expect(ProgressLine.summary(what: "lines", count: 1_000_048, bytes: 27_000_000, seconds: 5)
                == "done: 1,000,048 lines (27.0 MB) in 5.0 s, 200,009 lines/s")
        #expect(ProgressLine.duration(125) == "2 min 5 s")
    }

    @Test("In a pipe ltc logs submit writes no progress; --progress forces the final line, --no-progress keeps it quiet")
    func commandLine() throws {
        let scratch = Scratch()
        let db = scratch.database("progress")
        _ = try ltc(["demo", "--db", db])
        let logs = "log_id,institution,caregiver,person,item,start,end,mode\nP1,I001,C1,1,S01,2026-05-04T09:00,2026-05-04T10:00,home-visit\n"
        let admin = ["--db", db, "--actor", "administrator:demo", "--as-of", "2026-05-05"]
        let quiet = try ltc(["logs", "submit", "-"] + admin, input: logs)
        #expect(quiet.status == 0 && quiet.stderr.isEmpty)
        let forced = try ltc(["logs", "submit", "-", "--progress"] + admin, input: logs.replacingOccurrences(of: "P1", with: "P2"))
        #expect(forced.stderr.contains("done: 1 lines (0.0 MB) in "), "\(forced.stderr)")
        let off = try ltc(["logs", "submit", "-", "--no-progress"] + admin, input: logs.replacingOccurrences(of: "P1", with: "P3"))
        #expect(off.stderr.isEmpty)
    }
}
