import LTCCases
import LTCCore
import LTCProviders
import LTCSchemes
import Testing

/// Penalties from the example scheme's ladder: warning 2 points, rectification
/// 5, refusal 10, recovery with 20 % damages 20, suspension for 90 days 30,
/// termination with a 3-year bar 60; credit starts at 100, closer checks below
/// 80, no designation below 60, one point back per clean month.
@Suite("Violations, penalties through agreements and settlements, and credit")
struct SupervisionTests {
    func record(_ world: ProviderWorld, _ type: String, _ penalty: String, amount: Int = 0, caregiver: String? = nil,
                person: Int? = nil, on date: String = "2026-04-20") throws -> Violation {
        try world.supervision.recordViolation(institution: "I001", caregiver: caregiver, person: person, type: type, foundOn: day("2026-04-15"),
                                            evidence: "inspection report 2026-17", amount: Money(yuan: amount), penalty: penalty,
                                            actor: admin, asOf: day(date))
    }

    @Test("A warning is recorded and takes its points; nothing else changes")
    func warning() throws {
        let world = try ProviderWorld()
        let violation = try record(world, "V03", "warning", caregiver: "C1")
        #expect(violation.deducted == .zero)
        #expect(try world.supervision.credit(of: "institution:I001", actor: admin, asOf: day("2026-04-20")).score == 98)
        #expect(try world.supervision.credit(of: "caregiver:I001/C1", actor: admin, asOf: day("2026-04-20")).score == 98)
        #expect(try world.supervision.credit(of: "caregiver:I001/C2", actor: admin, asOf: day("2026-04-20")).score == 100)
        #expect(try world.submit([world.line("L1", on: "2026-04-20")], asOf: "2026-04-21").accepted == 1)
    }

    @Test("Refusal and recovery come off the next statement; recovery adds the liquidated damages", arguments: [
        ("refusal", 1000, -100_000), ("recovery", 1000, -120_000),
    ])
    func money(penalty: String, amount: Int, adjustment: Int) throws {
        let world = try ProviderWorld()
        _ = try world.submit([world.line("L1", on: "2026-04-06")])
        let violation = try record(world, "V02", penalty, amount: amount, on: "2026-04-20")
        #expect(violation.deducted == Money(fen: -adjustment))
        let run = try world.settlement.settle(month: YearMonth("2026-04")!, actor: admin, asOf: day("2026-05-01"))
        let statement = try #require(run.statements.first)
        #expect(statement.fund == Money(fen: 5850))
        #expect(statement.adjustments == Money(fen: adjustment))
        #expect(statement.withheld == Money(fen: 293))
        #expect(statement.payable == Money(fen: 5850 + adjustment - 293))
        #expect(run.fundTotal == statement.payable)
    }

    @Test("Suspension: the institution's logs are rejected for 90 days, then accepted again")
    func suspension() throws {
        let world = try ProviderWorld()
        let violation = try record(world, "V03", "suspension", on: "2026-04-20")
        #expect(violation.suspendedUntil == day("2026-07-18"))
        let during = try world.submit([world.line("L1", on: "2026-04-21"), world.line("L2", on: "2026-04-17")], asOf: "2026-04-22")
        #expect(during.rejected.map(\.rule.code) == ["A01"])
        #expect(during.accepted == 1)
        let after = try world.submit([world.line("L3", on: "2026-07-20")], asOf: "2026-07-21")
        #expect(after.accepted == 1)
    }

    @Test("Termination: nothing is covered after the day, and no new application for three years (and until credit recovers)")
    func termination() throws {
        let world = try ProviderWorld()
        let violation = try record(world, "V04", "termination", on: "2026-04-20")
        #expect(violation.barredUntil == day("2029-04-20"))
        #expect(try world.submit([world.line("L1", on: "2026-04-21")], asOf: "2026-04-22").rejected.map(\.rule.code) == ["A01"])
        func apply(_ date: String) throws -> Agreement {
            try world.agreements.applyForAgreement(institution: "I001", schemeID: "hours-home-care-2026", start: day(date), end: day("2029-12-31"),
                                                  modes: ["home-visit"], prices: ["S01": Money(yuan: 60)], capacity: 10, actor: admin, asOf: day(date))
        }
        let barred = #expect(throws: CaseError.self) { try apply("2027-01-04") }
        #expect(barred?.reason == .forbidden)
        #expect(barred?.message.contains("may not apply again until 2029-04-21") == true)
        // After the bar the credit (40, plus a point a month: 76 by then) is above the line of 60.
        #expect(try apply("2029-04-23").status == .applied)
    }

    @Test("Credit: points taken per penalty, a point back per clean month up to the start, lines for closer checks and designation")
    func credit() throws {
        let world = try ProviderWorld()
        _ = try record(world, "V02", "recovery", amount: 10, person: world.person, on: "2026-04-20")
        var institution = try world.supervision.credit(of: "institution:I001", actor: admin, asOf: day("2026-04-20"))
        #expect(institution.score == 80)
        #expect(!institution.closerChecks)
        _ = try record(world, "V05", "warning", on: "2026-05-20")
        institution = try world.supervision.credit(of: "institution:I001", actor: admin, asOf: day("2026-05-20"))
        #expect(institution.history.map(\.change) == [-20, 1, -2])
        #expect(institution.score == 79)
        #expect(institution.closerChecks)
        #expect(!institution.barred)
        let later = try world.supervision.credit(of: "institution:I001", actor: admin, asOf: day("2028-05-20"))
        #expect(later.score == 100)
        #expect(try world.supervision.credit(of: "person:\(world.person)", actor: admin, asOf: day("2026-04-20")).score == 80)
    }

    @Test("Types off the negative list, penalties the list does not allow, and decisions before the finding are refused")
    func refusals() throws {
        let world = try ProviderWorld()
        let unknown = #expect(throws: CaseError.self) { try record(world, "V99", "warning") }
        #expect(unknown?.message.contains("'V99' is not on the negative list; its codes: V01, V02, V03, V04, V05") == true)
        let notAllowed = #expect(throws: CaseError.self) { try record(world, "V01", "warning") }
        #expect(notAllowed?.message == "penalty 'warning' is not allowed for V01; allowed: refusal, recovery, suspension, termination")
        let early = #expect(throws: CaseError.self) { try record(world, "V03", "warning", on: "2026-04-10") }
        #expect(early?.reason == .timing)
        #expect(try world.supervision.violations(actor: admin, page: try PageRequest()).items.isEmpty)
    }

    @Test("the amount concerned is recovered with a suspension too; a warning with an amount is refused, not dropped")
    func amountsAreNeverDropped() throws {
        let world = try ProviderWorld()
        let suspended = try record(world, "V01", "suspension", amount: 100)
        #expect(suspended.deducted == Money(yuan: 100) && suspended.suspendedUntil != nil)
        let refused = #expect(throws: CaseError.self) { try record(world, "V05", "warning", amount: 10) }
        #expect(refused?.message.contains("penalty 'warning' recovers nothing, so the amount 10.00 would not be used") == true)
        #expect(try world.supervision.violations(actor: admin, page: try PageRequest()).items.count == 1)
    }
}

@Suite("Low credit means closer checks: more accepted logs picked for review")
struct SamplingTests {
    @Test("0.5 % at full credit (enforcement.rewards), 10 % below the low line of 80; each accepted log is picked by its fingerprint")
    func closerChecks() throws {
        let world = try ProviderWorld()
        #expect(try world.supervision.samplingRate(institution: "I001", asOf: day("2026-04-20"))?.basisPoints == 50)
        for (type, penalty, amount, date) in [("V02", "recovery", 10, "2026-04-16"), ("V05", "warning", 0, "2026-04-17")] {
            _ = try world.supervision.recordViolation(institution: "I001", caregiver: nil, person: nil, type: type, foundOn: day("2026-04-15"),
                                                    evidence: "data check", amount: Money(yuan: amount), penalty: penalty, actor: admin, asOf: day(date))
        }
        #expect(try world.supervision.credit(of: "institution:I001", actor: admin, asOf: day("2026-04-20")).score == 78)
        #expect(try world.supervision.samplingRate(institution: "I001", asOf: day("2026-04-20"))?.basisPoints == 1000)
        let lines = ["13", "14", "15"].map { world.line("S\($0)", on: "2026-04-\($0)") }
        let report = try world.submit(lines, asOf: "2026-04-20")
        let expected = LogReader.read(Array(("log_id,institution,caregiver,person,item,start,end,mode,latitude,longitude\n" + lines.joined(separator: "\n")).utf8))
            .filter { if case .log(let log, _) = $0 { Int(log.fingerprint % 10_000) < 1000 } else { false } }.count
        #expect(report.accepted == 3)
        #expect(report.sampled == expected)
    }
}

/// The example scheme's negative list: the project's illustration, twelve
/// types drawn up after the grounds the 2024 national rules (医保办发〔2024〕21号)
/// name and after common practice, each with the penalties the project lets
/// it carry. No restated source lists the types or maps them to penalties.
@Suite("The example negative list")
struct NegativeListTests {
    static let expected: [(code: String, penalties: [String])] = [
        ("V01", ["refusal", "recovery", "suspension", "termination"]), ("V02", ["warning", "refusal", "recovery", "suspension"]),
        ("V03", ["warning", "rectification", "refusal", "suspension"]), ("V04", ["recovery", "suspension", "termination"]),
        ("V05", ["warning", "refusal", "recovery"]), ("V06", ["warning", "refusal", "recovery"]),
        ("V07", ["recovery", "suspension", "termination"]), ("V08", ["recovery", "suspension", "termination"]),
        ("V09", ["warning", "rectification", "recovery"]), ("V10", ["suspension", "termination"]),
        ("V11", ["refusal", "recovery", "suspension"]), ("V12", ["rectification", "suspension", "termination"]),
    ]

    @Test("Twelve types, each with the penalties it allows")
    func listed() throws {
        let scheme = try #require(try BuiltInSchemes.scheme(named: "hours-home-care-2026"))
        let violations = try #require(scheme.supervision?.violations)
        #expect(violations.map(\.code) == Self.expected.map(\.code))
        for (code, penalties) in Self.expected {
            #expect(scheme.supervision?.violation(code)?.penalties == penalties, "\(code)")
        }
    }

    @Test("The scheme says what the list is: the project's, after the grounds the 2024 rules name, not the rules in full")
    func whatItIs() throws {
        let scheme = try #require(try BuiltInSchemes.scheme(named: "hours-home-care-2026"))
        let description = scheme.description
        #expect(description.contains("the negative list included: twelve types drawn up after the grounds the 2024 national rules"))
        #expect(description.contains("the rules list no such types and map none to a penalty"))
        #expect(!description.contains("the negative list follows the 2024 national rules"))
    }

    @Test("Lending the qualification can end the agreement; a penalty the type does not allow is refused")
    func applied() throws {
        let world = try ProviderWorld()
        let violation = try world.supervision.recordViolation(institution: "I001", caregiver: nil, person: nil, type: "V10", foundOn: day("2026-04-15"),
                                                              evidence: "settled for I999", amount: .zero, penalty: "termination",
                                                              actor: admin, asOf: day("2026-04-20"))
        #expect(violation.barredUntil != nil)
        #expect(throws: CaseError.self) {
            try world.supervision.recordViolation(institution: "I001", caregiver: nil, person: nil, type: "V12", foundOn: day("2026-04-15"),
                                                  evidence: "refused entry", amount: .zero, penalty: "warning", actor: admin, asOf: day("2026-04-20"))
        }
    }
}
