import LTCCases
import LTCCore
import LTCProviders
import Testing

/// What a rejection tells an institution about the person a log names: the
/// particulars when the person is its client (it may read the case, as
/// `case.get` does), else one indistinct E01, whatever the reason.
@Suite("A rejection tells an institution the particulars of its own clients only")
struct ClientDisclosureTests {
    let own = try! Actor("institution:I001")

    /// The provider world with three people who are not I001's clients: one
    /// enrolled with I002, one in hospital, one who died; and person 999, who does not exist.
    struct Strangers {
        let world: ProviderWorld
        /// Person ids, and their cases by person.
        let elsewhere: Int, inHospital: Int, died: Int
        let unknown = 999
        let cases: [Int: Int]

        init() throws {
            world = try ProviderWorld()
            try ProviderWorld.designate("I002", modes: ["home-visit"], prices: ["S01": Money(yuan: 60)], with: world.agreements)
            var people: [Int] = [], cases: [Int: Int] = [:]
            for (index, digits) in ["11010519400101124", "11010519400101125", "11010519400101126"].enumerated() {
                let person = try world.registry.addPerson(name: "邻居\(index)", nationalID: validID(digits), insurance: .employee, tier: nil,
                                                          enrolledOn: day("2020-01-01"), actor: admin, asOf: day("2026-01-01")).id
                people.append(person)
                cases[person] = try ProviderWorld.effectiveCase(world.cases, person: person)
            }
            (elsewhere, inHospital, died, self.cases) = (people[0], people[1], people[2], cases)
            _ = try world.agreements.enrol(caseID: cases[elsewhere]!, institution: "I002", mode: "home-visit", from: day("2026-03-17"), home: nil,
                                           actor: admin, asOf: day("2026-03-17"))
            _ = try world.cases.suspend(caseID: cases[inHospital]!, reason: "hospital stay", actor: admin, asOf: day("2026-04-01"))
            _ = try world.cases.terminate(caseID: cases[died]!, reason: .death, on: day("2026-04-01"), actor: admin, asOf: day("2026-04-02"))
        }

        /// A log of I001 for each of them, on 6 April.
        var lines: [String] {
            [unknown, elsewhere, inHospital, died].enumerated().map { world.line("N\($0)", person: $1) }
        }
        var people: [Int] { [unknown, elsewhere, inHospital, died] }
    }

    @Test("Unknown, enrolled elsewhere, in hospital or dead: the institution reads the same E01, in the answer and in logs.list")
    func strangers() throws {
        let strangers = try Strangers()
        let report = try strangers.world.submit(strangers.lines, actor: own)
        let expected = strangers.people.map { "person \($0) is not a client of I001 on 2026-04-06" }
        #expect(report.rejected.map(\.rule) == [.notEnrolled, .notEnrolled, .notEnrolled, .notEnrolled])
        #expect(report.rejected.map(\.detail) == expected)
        let stored = try strangers.world.intake.logs(institution: "I001", month: YearMonth("2026-04")!, actor: own, page: try PageRequest()).items
        #expect(stored.map(\.rule) == [.notEnrolled, .notEnrolled, .notEnrolled, .notEnrolled])
        #expect(stored.map(\.detail) == expected)
    }

    @Test("An administrator sending for I001 is answered with the rules and particulars found; the stored log keeps what I001 may read")
    func administrators() throws {
        let strangers = try Strangers()
        let report = try strangers.world.submit(strangers.lines, actor: admin)
        #expect(report.rejected.map(\.rule) == [.unknownBeneficiary, .notEnrolled, .beneficiaryNotInForce, .afterCaseEnded])
        #expect(report.rejected.map(\.detail) == ["no case for person 999",
                                                  "person \(strangers.elsewhere) is not enrolled with I001 in mode home-visit on 2026-04-06",
                                                  "case \(strangers.cases[strangers.inHospital]!) on 2026-04-06: suspended (hospital stay)",
                                                  "case \(strangers.cases[strangers.died]!) on 2026-04-06: after the case ended on 2026-04-01 (death)"])
        let stored = try strangers.world.intake.logs(institution: "I001", month: YearMonth("2026-04")!, actor: admin, page: try PageRequest()).items
        #expect(stored.map(\.rule) == [.notEnrolled, .notEnrolled, .notEnrolled, .notEnrolled])
        #expect(stored.map(\.detail) == strangers.people.map { "person \($0) is not a client of I001 on 2026-04-06" })
    }

    @Test("Its own client's particulars are told to the institution: in hospital (B02), not enrolled in that mode (E01)")
    func ownClients() throws {
        let world = try ProviderWorld()
        _ = try world.cases.suspend(caseID: world.caseID, reason: "hospital stay", actor: admin, asOf: day("2026-04-10"))
        let report = try world.submit([world.line("L1", on: "2026-04-06", mode: "community-day"), world.line("L2", on: "2026-04-10")], actor: own)
        #expect(report.rejected.map(\.rule) == [.notEnrolled, .beneficiaryNotInForce])
        #expect(report.rejected.map(\.detail) == ["person \(world.person) is not enrolled with I001 in mode community-day on 2026-04-06",
                                                  "case \(world.caseID) on 2026-04-10: suspended (hospital stay)"])
    }

    @Test("A late correction of a log of someone who is no longer its client says no more than E01")
    func lateCorrection() throws {
        let strangers = try Strangers()
        _ = try strangers.world.submit([strangers.world.line("K1", person: strangers.elsewhere)], asOf: "2026-04-07", actor: own)
        let late = try strangers.world.submit([strangers.world.line("K1", "C2", person: strangers.elsewhere)], asOf: "2026-04-30", actor: own)
        #expect(late.rejected.map(\.rule) == [.notEnrolled])
        #expect(late.rejected.first?.detail.hasPrefix("person \(strangers.elsewhere) is not a client of I001 on 2026-04-06") == true, "\(late.rejected)")
    }
}
