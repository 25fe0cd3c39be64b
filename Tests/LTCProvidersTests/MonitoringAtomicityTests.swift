import Foundation
import LTCCases
import LTCCore
@testable import LTCProviders
import LTCTestSupport
import Testing

/// A store whose process "dies" after `allowed` committed writes: every
/// later write throws before it begins. What was committed stays.
final class StoreThatDies: ProviderStore, @unchecked Sendable {
    struct Died: Error {}
    let base: any ProviderStore
    private let lock = NSLock()
    private var allowed: Int

    init(_ base: any ProviderStore, after allowed: Int) {
        self.base = base
        self.allowed = allowed
    }

    private func take() throws {
        try lock.withLock {
            guard allowed > 0 else { throw Died() }
            allowed -= 1
        }
    }

    func write<T>(_ body: (any ProviderTransaction) throws -> T) throws -> T {
        try take()
        return try base.write(body)
    }

    func read<T>(_ body: (any ProviderTransaction) throws -> T) throws -> T {
        try base.read(body)
    }

    func writeIntake<T>(_ body: (any ProviderTransaction) throws -> T) throws -> T {
        try take()
        return try base.writeIntake(body)
    }

    func writeClosing<T>(months: Set<YearMonth>, _ body: (any ProviderTransaction) throws -> T) throws -> T {
        try take()
        return try base.writeClosing(months: months, body)
    }
}

@Suite("Monitoring stores what belongs together in one transaction")
struct MonitoringAtomicityTests {
    let april = YearMonth("2026-04")!

    /// The planted month run, and its impossible-travel flag assigned to administrator li for review.
    func assignedTravelFlag() throws -> (MonitoringWorld, MonitorFlag) {
        let city = try MonitoringWorld()
        try city.plant()
        _ = try city.world.registry.addStaff(id: "wang", role: .administrator, name: nil, actor: admin, asOf: day("2026-01-02"))
        _ = try city.world.registry.addStaff(id: "li", role: .administrator, name: nil, actor: admin, asOf: day("2026-01-02"))
        let run = try city.monitoring.run(month: april, schemeID: nil, actor: admin, asOf: day("2026-05-02"))
        let travel = try #require(run.flags.first { $0.rule == .impossibleTravel })
        _ = try city.monitoring.assign(flag: travel.id, to: "administrator:li", actor: admin, asOf: day("2026-05-03"))
        return (city, travel)
    }

    @Test("A confirmed flag and its violation are stored together: a crash after one write leaves neither or both, never a violation with the review still open")
    func confirmationIsOneTransaction() throws {
        let (city, travel) = try assignedTravelFlag()

        let dying = MonitoringService(store: StoreThatDies(city.world.scratch.store, after: 1), clock: SystemClock())
        _ = try? dying.confirm(flag: travel.id, reason: "visit A2 was not made", institution: nil, type: "V02", penalty: "recovery",
                               amount: Money(yuan: 65), actor: admin, asOf: day("2026-05-05"))

        let violations = try city.world.supervision.violations(institution: "I001", actor: admin, page: try PageRequest()).items
        let (flag, _) = try city.monitoring.flag(id: travel.id, actor: admin, page: try PageRequest())
        #expect((flag.status == .confirmed) == (violations.count == 1), "flag \(flag.status), violations \(violations.map(\.id))")
        #expect(violations.count <= 1)
        #expect(flag.violation == violations.first?.id)
        // Confirmed once, it cannot be confirmed again.
        #expect(throws: CaseError.self) {
            try city.monitoring.confirm(flag: travel.id, reason: "again", institution: nil, type: "V02", penalty: "recovery",
                                        amount: Money(yuan: 65), actor: admin, asOf: day("2026-05-06"))
        }
    }

    @Test("A confirmation refused (a blank reason) records no violation")
    func blankReasonRecordsNothing() throws {
        let (city, travel) = try assignedTravelFlag()
        #expect(throws: (any Error).self) {
            try city.monitoring.confirm(flag: travel.id, reason: "   ", institution: nil, type: "V02", penalty: "recovery",
                                        amount: Money(yuan: 65), actor: admin, asOf: day("2026-05-05"))
        }
        #expect(try city.world.supervision.violations(institution: "I001", actor: admin, page: try PageRequest()).items.isEmpty)
    }

    @Test("A stay and the withdrawal of the settled services on its days are stored together: a crash after one write leaves neither or both")
    func stayImportIsOneTransaction() throws {
        let city = try MonitoringWorld()
        try city.accept([city.world.line("S1", on: "2026-03-20", at: MonitoringWorld.pointA),
                         city.world.line("S2", on: "2026-03-23", at: MonitoringWorld.pointA)], asOf: "2026-03-24")
        _ = try city.world.settlement.settle(month: YearMonth("2026-03")!, actor: admin, asOf: day("2026-04-05"))
        let file = "person,hospital,admitted,discharged\n\(city.world.person),市第一人民医院,2026-03-19,2026-03-21\n"

        let dying = MonitoringService(store: StoreThatDies(city.world.scratch.store, after: 1), clock: SystemClock())
        _ = try? dying.importStays(Array(file.utf8), actor: admin, asOf: day("2026-04-10"))

        let (imported, s1) = try city.world.scratch.store.read { (tx: any ProviderTransaction) in
            (try tx.audit.events(subject: "stays").contains { $0.action == "stays.import" && $0.outcome == .done },
             try tx.logs.stored(institution: "I001", ids: ["S1"])["S1"]?.status)
        }
        #expect(imported == (s1 == .rejected), "stays stored: \(imported), S1 \(String(describing: s1))")
    }

    @Test("A stay already stored with another discharge is refused with its line, not kept silently with the file's days withdrawn")
    func changedDischargeRefused() throws {
        let city = try MonitoringWorld()
        try city.accept([city.world.line("S1", on: "2026-03-20", at: MonitoringWorld.pointA),
                         city.world.line("S2", on: "2026-03-23", at: MonitoringWorld.pointA)], asOf: "2026-03-24")
        _ = try city.world.settlement.settle(month: YearMonth("2026-03")!, actor: admin, asOf: day("2026-04-05"))
        let first = "person,hospital,admitted,discharged\n\(city.world.person),市第一人民医院,2026-03-19,2026-03-21\n"
        _ = try city.monitoring.importStays(Array(first.utf8), actor: admin, asOf: day("2026-04-10"))
        let longer = "person,hospital,admitted,discharged\n\(city.world.person),市第一人民医院,2026-03-19,2026-03-25\n"
        let refused = #expect(throws: InputError.self) { try city.monitoring.importStays(Array(longer.utf8), actor: admin, asOf: day("2026-04-11")) }
        #expect(refused?.message.contains("stored with discharge 2026-03-21, not 2026-03-25") == true, "\(String(describing: refused))")
        let s2 = try city.world.scratch.store.read { (tx: any ProviderTransaction) in try tx.logs.stored(institution: "I001", ids: ["S2"])["S2"]?.status }
        #expect(s2 == .accepted)
    }

    @Test("An institution importing stays is refused before its file is read: it learns nothing of the file's checks")
    func staysRefusedBeforeReading() throws {
        let city = try MonitoringWorld()
        let refused = #expect(throws: CaseError.self) {
            try city.monitoring.importStays(Array("not a stays file".utf8), actor: try Actor("institution:I001"), asOf: day("2026-04-10"))
        }
        #expect(refused?.reason == .forbidden)
    }
}
