import LTCCases
import LTCCore
@testable import LTCProviders
import LTCTestSupport
import Testing

/// `logs.submit` without a date (`IntakeService.submit` with no `asOf`) dates itself in
/// its own transaction: the same day, report and stored rows as a submission
/// dated beforehand with `RegistryService.day(nil)`, on either side of
/// midnight in the scheme's zone (Asia/Shanghai, UTC+8).
@Suite("A submission dated today in its own transaction")
struct SubmitTodayTests {
    @Test("Today in Shanghai, not UTC, around midnight: the same day, report and audit as dated beforehand", arguments: [
        ("2026-04-15T15:59:59Z", "2026-04-15"), ("2026-04-15T16:00:00Z", "2026-04-16"), ("2026-04-15T16:30:00Z", "2026-04-16"),
    ])
    func midnight(instant: String, expected: String) throws {
        let clock = FixedClock(instant: instant)!
        let today = try ProviderWorld(clock: clock), dated = try ProviderWorld(clock: clock)
        let lines = [today.line("L1", on: "2026-04-15", "22:00", "23:00"), today.line("L2", "C2", on: "2026-04-16", "00:00", "00:20"),
                     today.line("L3", "C1", on: "2026-04-16", "00:10", "00:50")]
        let text = Array(("log_id,institution,caregiver,person,item,start,end,mode,latitude,longitude\n" + lines.joined(separator: "\n") + "\n").utf8)
        let undated = try today.intake.submit(.bytes(text), size: text.count, actor: admin, asOf: nil)
        let day = try dated.registry.day(nil)
        #expect(day == CalendarDate(expected)!)
        let before = try dated.intake.submit(text, actor: admin, asOf: day)
        #expect(undated == before)
        let stored = try today.intake.submissions(actor: admin, page: try PageRequest()).items
        #expect(stored.map(\.asOf) == [CalendarDate(expected)!])
        #expect(stored.map(\.summary) == (try dated.intake.submissions(actor: admin, page: try PageRequest()).items.map(\.summary)))
        let events = try today.scratch.store.read { try $0.audit.events(subject: "submission:\(undated.submission)") }
        #expect(events.map(\.asOf) == [CalendarDate(expected)!])
    }
}
