import LTCCases
import LTCCore
import LTCProviders
import LTCTestSupport
import Testing

/// A request costs what it touches: a small submission reads and does the
/// same in a month of a few hundred logs as in a month ten times the size.
@Suite("Requests cost what they touch")
struct BoundedReadsTests {
    /// The world's beneficiary, `clients` more beneficiaries of I001 (each
    /// with a caregiver of their own) and 10 accepted half-hour visits each
    /// in the first ten days of April.
    static func month(clients: Int) throws -> ProviderWorld {
        // SQLite's virtual machine steps measure the work; PostgreSQL has no such counter per connection.
        let world = try ProviderWorld(engine: .sqlite)
        try world.scratch.store.write { (tx: any ProviderTransaction) in
            let record = try #require(try tx.cases.caseRecord(id: world.caseID))
            let enrolment = try #require(try tx.enrolments.openEnrolment(caseID: world.caseID, institution: "I001", mode: "home-visit"))
            for client in 1...clients {
                let id = try tx.people.insert(InsuredPerson(id: 0, name: "客户\(client)", nationalID: try NationalID(completing: "11010519400102" + String(format: "%03d", client)),
                                                            insurance: .employee, enrolledOn: day("2020-01-01"), status: .insured))
                var clone = record
                clone.personID = id
                let caseID = try tx.cases.insert(clone)
                var enrolled = enrolment
                enrolled.caseID = caseID
                enrolled.personID = id
                _ = try tx.enrolments.insert(enrolled)
                try tx.caregivers.upsert(Caregiver(id: "K\(client)", name: "护理员K\(client)", institution: "I001", qualifications: ["caregiver"],
                                                   employment: [DatePeriod(from: day("2026-01-01"), to: nil)]))
            }
        }
        let people = try world.scratch.store.read { (tx: any ProviderTransaction) in
            try tx.people.list(scope: .all, page: try PageRequest(limit: clients + 1)).items.map(\.id).filter { $0 != world.person }
        }
        let lines = people.enumerated().flatMap { index, person in
            (1...10).map { date in
                world.line("M\(person)-\(date)", "K\(index + 1)", on: String(format: "2026-04-%02d", date), "14:00", "14:30", person: person)
            }
        }
        let seeded = try world.submit(lines, asOf: "2026-04-11")
        #expect(seeded.accepted == clients * 10, "\(seeded.rejected.prefix(3))")
        return world
    }

    /// The world's beneficiary's ten visits of April 1 to 10, by C1 and C2 in turn.
    static func batch(_ world: ProviderWorld) -> [String] {
        (1...10).map { date in world.line("B\(date)", date % 2 == 0 ? "C1" : "C2", on: String(format: "2026-04-%02d", date), "09:00", "09:30") }
    }

    @Test("a 10-log submission reads as many rows and does as much work in a month ten times the size",
          .timeLimit(.minutes(10)))
    func submissionIsBounded() throws {
        var costs: [(rows: Int, work: Int)] = []
        for clients in [24, 240] {
            let world = try Self.month(clients: clients)
            let (rows, work) = (world.scratch.rowsRead, world.scratch.work)
            let report = try world.submit(Self.batch(world), asOf: "2026-04-11")
            #expect(report.accepted == 10)
            costs.append((world.scratch.rowsRead - rows, world.scratch.work - work))
        }
        #expect(costs[0].rows == costs[1].rows)
        #expect(costs[0].work == costs[1].work)
    }

    @Test("a page of cases reads as much in a city ten times the size", .timeLimit(.minutes(10)))
    func listingIsBounded() throws {
        var costs: [(rows: Int, work: Int)] = []
        for clients in [24, 240] {
            let world = try Self.month(clients: clients)
            let (rows, work) = (world.scratch.rowsRead, world.scratch.work)
            let page = try world.cases.list(actor: admin, state: .effective, dueWithin: nil, asOf: day("2026-04-11"),
                                            page: try PageRequest(limit: 10))
            #expect(page.items.count == 10)
            costs.append((world.scratch.rowsRead - rows, world.scratch.work - work))
        }
        #expect(costs[0].rows == costs[1].rows)
        #expect(costs[0].work == costs[1].work)
    }
}
