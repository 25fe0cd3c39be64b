import Foundation
@testable import LTCProviders
import Testing

/// The order a log meets the monitoring rules is stated once, in
/// `MonitoringCheck.inOrder`; the code's enum, the README's table and the
/// checker all follow it.
@Suite("Monitoring rules: one order, in the list, the enum and the README")
struct MonitoringOrderTests {
    /// The rows of the README's table of monitoring rules: code and where it is checked.
    func readmeTable() throws -> [(code: String, checkedBy: String)] {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let text = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        let start = try #require(text.range(of: "<!-- monitoring rules:"))
        let rows = text[start.upperBound...].split(separator: "\n").dropFirst(3).prefix { $0.hasPrefix("|") }
        return rows.map { row in
            let cells = row.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            return (cells[0], cells[cells.count - 1])
        }
    }

    func place(_ checkedBy: MonitoringCheck.CheckedBy) -> String {
        switch checkedBy {
        case .reader: "reader"
        case .submission: "submission"
        case .withdrawal: "withdraw"
        case .checker: "checker"
        }
    }

    @Test("Every rule once in the list, in the order of MonitoringRule's cases")
    func listIsTheEnum() {
        #expect(MonitoringCheck.inOrder.map(\.rule) == MonitoringRule.allCases)
        #expect(Set(MonitoringCheck.inOrder.map(\.rule.code)).count == MonitoringRule.allCases.count)
    }

    @Test("The README's table lists the rules in the list's order, each checked where the list says")
    func readmeIsTheList() throws {
        let table = try readmeTable()
        #expect(table.map(\.code) == MonitoringCheck.inOrder.map(\.rule.code))
        #expect(table.map(\.checkedBy) == MonitoringCheck.inOrder.map { place($0.checkedBy) })
    }

    @Test("The checker runs exactly the list's per-log rules, in its order; F01, D02, T04 and W01 come from elsewhere")
    func checkerRunsTheList() {
        let perLog = MonitoringCheck.inOrder.filter { place($0.checkedBy) == "checker" }.map(\.rule)
        #expect(MonitoringCheck.checkerSteps.map(\.rule) == perLog)
        #expect(MonitoringCheck.inOrder.filter { place($0.checkedBy) != "checker" }.map(\.rule.code) == ["F01", "D02", "T04", "W01"])
    }

    @Test("A log breaking several rules is rejected with the first of them in the list")
    func firstFailingRuleRejects() throws {
        let world = try ProviderWorld()
        // Late (T02) and by an unregistered caregiver (C01): T02 comes first.
        #expect(try MonitoringRuleTests().outcome(world, [world.line("L1", "C9", on: "2026-04-06")], asOf: "2026-04-20") == ["T02"])
        // Unknown beneficiary (B01) and late (T02): B01 comes first, since the scheme that says how late is the beneficiary's.
        #expect(try MonitoringRuleTests().outcome(world, [world.line("L2", on: "2026-04-06", person: 999)], asOf: "2026-04-20") == ["B01"])
        // An unregistered caregiver (C01) with an implausible duration (L01): C01 comes first.
        #expect(try MonitoringRuleTests().outcome(world, [world.line("L3", "C9", on: "2026-04-14", "09:00", "09:05")]) == ["C01"])
    }

    @Test("A report counts rules in the list's order")
    func reportOrder() throws {
        let world = try ProviderWorld()
        let report = try world.submit([world.line("L1", "C9", on: "2026-04-14"), world.line("L2", on: "2026-04-06", person: 999),
                                       world.line("L3", on: "2026-04-03")], asOf: "2026-04-16")
        #expect(report.byRule.map(\.rule.code) == ["B01", "T02", "C01"])
    }
}
