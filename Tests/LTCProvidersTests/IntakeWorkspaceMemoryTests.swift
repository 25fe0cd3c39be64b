import LTCCore
@testable import LTCProviders
import Testing

/// A large submission empties its workspace now and then to bound its memory
/// (``IntakeWorkspace/clear()``) and reads again what a later chunk needs.
/// What it must not read again is whether an institution had logs before the
/// submission began: by then the store holds the submission's own logs, and
/// every later log id would be looked up for nothing (those are
/// ``SentKeys``' to find).
@Suite("An emptied intake workspace still knows which institutions had no logs before the submission")
struct IntakeWorkspaceMemoryTests {
    @Test("I001 had no logs: after the workspace is emptied and I001's logs are stored, its next log ids are still not looked up")
    func hadNoLogs() throws {
        let world = try ProviderWorld()
        let logs = [ServiceLog(logID: "L2", institution: "I001", caregiver: "C1", person: world.person, item: "S01",
                               start: LocalMinute(day: day("2026-04-07"), minute: 9 * 60), end: LocalMinute(day: day("2026-04-07"), minute: 10 * 60),
                               mode: "home-visit", location: nil)]
        var workspace = try world.workspace(for: logs, asOf: day("2026-04-16")) { _ in }
        #expect(workspace.needs(for: logs, chunk: 2, maybeResent: []).ids.isEmpty)

        // The submission's first chunk is stored; the store now says I001 has logs.
        let stored = try world.submit([world.line("L1")])
        #expect(stored.accepted == 1, "\(stored.rejected)")
        workspace.clear()

        let needs = workspace.needs(for: logs, chunk: 3, maybeResent: [])
        #expect(needs.ids.isEmpty)
        #expect(needs.institutions == ["I001"])
        let load = try world.scratch.store.read { (tx: any ProviderTransaction) in try needs.read(from: tx, asOf: day("2026-04-16")) }
        #expect(load.institutions["I001"]?.hasLogs == true)
        workspace.merge(load, chunk: 3)
        #expect(workspace.needs(for: logs, chunk: 4, maybeResent: []).ids.isEmpty)
        // A log id this submission may have sent already is still looked up.
        #expect(workspace.needs(for: logs, chunk: 4, maybeResent: [0]).ids == ["I001": ["L2"]])
    }
}
