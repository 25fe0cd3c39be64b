import LTCCases
import LTCCore
@testable import LTCProviders
import LTCTestSupport
import Testing

/// A store that runs each intake transaction twice: the first time to its
/// end and then rolled back, as after a deadlock or a serialization failure
/// (`IntakeService.run` reads its input again and runs the body afresh).
final class StoreThatRetries: ProviderStore, @unchecked Sendable {
    struct Conflict: Error {}
    let base: any ProviderStore

    init(_ base: any ProviderStore) {
        self.base = base
    }

    func write<T>(_ body: (any ProviderTransaction) throws -> T) throws -> T { try base.write(body) }
    func read<T>(_ body: (any ProviderTransaction) throws -> T) throws -> T { try base.read(body) }
    func writeClosing<T>(months: Set<YearMonth>, _ body: (any ProviderTransaction) throws -> T) throws -> T { try base.writeClosing(months: months, body) }

    func writeIntake<T>(_ body: (any ProviderTransaction) throws -> T) throws -> T {
        do {
            _ = try base.writeIntake { tx -> T in
                _ = try body(tx)
                throw Conflict()
            }
        } catch is Conflict {}
        return try base.writeIntake(body)
    }
}

@Suite("Intake run again after a conflict")
struct IntakeRetryTests {
    @Test("An institution's first logs, stored by an attempt rolled back, are not remembered: the retry checks and stores as a first submission does")
    func firstLogsRolledBack() throws {
        let retried = try ProviderWorld(), plain = try ProviderWorld()
        let lines = [plain.line("L1"), plain.line("L2", on: "2026-04-07"), plain.line("L1", on: "2026-04-08"), plain.line("L3", "C9")]
        let text = Array(("log_id,institution,caregiver,person,item,start,end,mode,latitude,longitude\n" + lines.joined(separator: "\n") + "\n").utf8)
        var expected = try plain.intake.submit(text, actor: admin, asOf: day("2026-04-16"))
        var got = try IntakeService(store: StoreThatRetries(retried.scratch.store), clock: SystemClock())
            .submit(.bytes(text), size: text.count, actor: admin, asOf: day("2026-04-16"))
        // PostgreSQL's sequence is not rolled back: the retry's submission has the next number.
        #expect(got.submission >= expected.submission)
        (got.submission, expected.submission) = (0, 0)
        #expect(got == expected)
        func logs(_ world: ProviderWorld) throws -> [String] {
            try world.intake.logs(institution: "I001", month: YearMonth("2026-04")!, actor: admin, page: try PageRequest()).items
                .map { "\($0.log.logID) \($0.status) \($0.version)" }
        }
        #expect(try logs(retried) == (try logs(plain)))
        #expect(try logs(retried).count == 3)
    }
}
