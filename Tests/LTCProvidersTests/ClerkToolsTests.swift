import LTCCases
import LTCCore
@testable import LTCProviders
import LTCReports
import Testing

/// What a care institution's clerk builds a logs file from, tries before
/// sending, and reconciles the month against: the service catalogue, a
/// template made of its own clients and caregivers, a dry run, and the
/// statement with its lines.
@Suite("The clerk's tools: catalogue, template, dry run and statement")
struct ClerkToolsTests {
    let clerk = try! Actor("institution:I001")

    @Test("The catalogue gives each item's unit, modes, qualifications, plausible minutes, the scheme's price and the agreed one")
    func catalogue() throws {
        let world = try ProviderWorld()
        let catalogue = try world.agreements.catalogue(schemeID: nil, institution: nil, actor: clerk, on: day("2026-04-06"))
        #expect(catalogue.schemeID == "hours-home-care-2026" && catalogue.institution == "I001" && catalogue.agreedModes == ["home-visit"])
        let s02 = try #require(catalogue.entries.first { $0.code == "S02" })
        #expect(s02.unit == .hour && s02.modes == ["home-visit"] && s02.qualifications == ["nurse"])
        #expect(s02.minimumMinutes == 15 && s02.maximumMinutes == 480 && s02.price == Money(yuan: 65) && s02.agreedPrice == Money(yuan: 65))
        #expect(catalogue.entries.first { $0.code == "S03" }?.agreedPrice == nil)
        #expect(catalogue.entries.first { $0.code == "D01" }?.modes == ["community-day"])
        #expect(catalogue.lateDays == 10)
        // An institution reads no other's agreed prices.
        #expect(throws: CaseError.self) { try world.agreements.catalogue(schemeID: nil, institution: "I002", actor: clerk, on: day("2026-04-06")) }
    }

    @Test("The template's example line is one intake accepts: the client's mode and planned item, a qualified caregiver, the last full hour")
    func template() throws {
        // 2026-04-16 10:34 in Asia/Shanghai: the line ends at 10:00.
        let world = try ProviderWorld(clock: FixedClock(instant: "2026-04-16T02:34:00Z")!)
        let template = try world.intake.template(institution: "I001", allClients: false, actor: clerk, on: day("2026-04-16"))
        #expect(template.clients.map(\.person) == [world.person] && template.clients.first?.mode == "home-visit")
        #expect(template.csv == "log_id,institution,caregiver,person,item,start,end,mode\n"
                + "I001-20260416-1,I001,C1,\(world.person),S01,2026-04-16T09:00,2026-04-16T10:00,home-visit\n")
        let report = try world.intake.submit(Array(template.csv.utf8), actor: clerk, asOf: day("2026-04-16"))
        #expect(report.accepted == 1 && report.rejected.isEmpty)
        // Another institution's clients are not its to list.
        #expect(throws: CaseError.self) { try world.intake.template(institution: "I002", allClients: false, actor: clerk, on: day("2026-04-16")) }
    }

    @Test("A client whose case ended before the day, or is suspended on it, is left out of the template: intake would refuse the line (B03, B02)")
    func unservableClients() throws {
        let admin = try Actor("administrator:wang")
        let world = try ProviderWorld(clock: FixedClock(instant: "2026-04-16T02:34:00Z")!)
        _ = try world.cases.terminate(caseID: world.caseID, reason: .death, on: day("2026-04-15"), actor: admin, asOf: day("2026-04-16"))
        let afterDeath = try world.intake.template(institution: "I001", allClients: true, actor: clerk, on: day("2026-04-16"))
        #expect(afterDeath.clients.isEmpty && afterDeath.lines.isEmpty)
        // On the day of death itself the service is still paid.
        #expect(try world.intake.template(institution: "I001", allClients: true, actor: clerk, on: day("2026-04-15")).clients.count == 1)

        let other = try ProviderWorld(clock: FixedClock(instant: "2026-04-16T02:34:00Z")!)
        _ = try other.cases.suspend(caseID: other.caseID, reason: "hospital stay", actor: admin, asOf: day("2026-04-16"))
        #expect(try other.intake.template(institution: "I001", allClients: true, actor: clerk, on: day("2026-04-16")).clients.isEmpty)
    }

    @Test("Before six in the morning the example is the afternoon before, so that it is never in the future")
    func earlyMorning() throws {
        let world = try ProviderWorld(clock: FixedClock(instant: "2026-04-15T20:10:00Z")!)   // 04:10 on the 16th in Shanghai
        let template = try world.intake.template(institution: "I001", allClients: false, actor: clerk, on: day("2026-04-16"))
        #expect(template.lines.first?.start.description == "2026-04-15T19:00" && template.lines.first?.end.description == "2026-04-15T20:00")
    }

    @Test("Before six, every client's line goes back an hour from the one above, so one caregiver is never logged twice at once (O01)")
    func earlyMorningClients() throws {
        let world = try ProviderWorld(clock: FixedClock(instant: "2026-04-15T16:45:00Z")!)   // 00:45 on the 16th in Shanghai
        for (name, number) in [("王阿姨", "11010519400202123"), ("李奶奶", "11010519400303123")] {
            let person = try world.registry.addPerson(name: name, nationalID: validID(number), insurance: .employee,
                                                      enrolledOn: day("2020-01-01"), actor: admin, asOf: day("2026-01-01")).id
            let caseID = try ProviderWorld.effectiveCase(world.cases, person: person)
            _ = try world.agreements.enrol(caseID: caseID, institution: "I001", mode: "home-visit", from: day("2026-03-20"), home: nil,
                                           actor: admin, asOf: day("2026-03-20"))
        }
        let template = try world.intake.template(institution: "I001", allClients: true, actor: clerk, on: day("2026-04-16"))
        #expect(template.lines.map(\.start.description) == ["2026-04-15T19:00", "2026-04-15T18:00", "2026-04-15T17:00"])
        let report = try world.intake.submit(Array(template.csv.utf8), actor: clerk, asOf: day("2026-04-16"))
        #expect(report.accepted == 3 && report.rejected.isEmpty)
    }

    @Test("A dry run gives submit's report and stores nothing: no log, no submission, no ledger use")
    func dryRun() throws {
        let world = try ProviderWorld()
        let lines = [world.line("L1"), world.line("L2", "C9")]
        let text = "log_id,institution,caregiver,person,item,start,end,mode,latitude,longitude\n" + lines.joined(separator: "\n") + "\n"
        let checked = try world.intake.check(.bytes(Array(text.utf8)), size: text.utf8.count, actor: clerk, asOf: day("2026-04-16"))
        #expect(checked.dryRun && checked.accepted == 1 && checked.rejected.map(\.rule) == [.unknownCaregiver])
        #expect(checked.summaryJSON["submission"] == .null && checked.summaryJSON["dryRun"] == true)
        #expect(try world.intake.logs(institution: "I001", month: YearMonth("2026-04")!, actor: admin, page: try PageRequest()).items.isEmpty)
        #expect(try world.intake.submissions(actor: admin, page: try PageRequest()).items.isEmpty)
        let submitted = try world.intake.submit(Array(text.utf8), actor: clerk, asOf: day("2026-04-16"))
        #expect(!submitted.dryRun && submitted.accepted == 1 && submitted.rejected.map(\.rule) == [.unknownCaregiver] && submitted.fund == checked.fund)
    }

    @Test("A mode the scheme does not have is F01, naming the scheme's modes, not E01")
    func unknownMode() throws {
        let world = try ProviderWorld()
        let report = try world.submit([world.line("L1", mode: "home")], actor: clerk)
        #expect(report.rejected.map(\.rule) == [.malformed])
        #expect(report.rejected.first?.detail == "unknown mode 'home' (modes: community-day, home-visit, institution)")
    }

    @Test("An enrolment in a mode the case has not chosen is refused, naming the case's mode")
    func enrolmentMode() throws {
        let world = try ProviderWorld()
        try ProviderWorld.designate("I002", modes: ["home-visit", "community-day"], prices: ["S01": Money(yuan: 65), "D01": Money(yuan: 60)],
                                    with: world.agreements)
        let refused = #expect(throws: CaseError.self) {
            try world.agreements.enrol(caseID: world.caseID, institution: "I002", mode: "community-day", from: day("2026-04-01"), home: nil,
                                       actor: admin, asOf: day("2026-04-01"))
        }
        #expect(refused?.message.contains("service mode on 2026-04-01 is home-visit, not community-day") == true)
        #expect(refused?.details["mode"] == "home-visit")
        // A change of mode chosen today takes effect next month; the enrolment in that mode may start before it.
        _ = try world.cases.setMode(caseID: world.caseID, mode: "community-day", actor: admin, asOf: day("2026-04-02"))
        let enrolled = try world.agreements.enrol(caseID: world.caseID, institution: "I002", mode: "community-day", from: day("2026-04-02"), home: nil,
                                                  actor: admin, asOf: day("2026-04-02"))
        #expect(enrolled.mode == "community-day")
    }

    @Test("The statement: each accepted log's shares, each rejected one's rule and what to do, subtotals by client, the withheld amount explained; CSV without a total row")
    func statement() throws {
        let world = try ProviderWorld()
        _ = try world.submit([world.line("V10"), world.line("V2", on: "2026-04-07"), world.line("X1", "C9", on: "2026-04-08")])
        _ = try world.settlement.settle(month: YearMonth("2026-04")!, actor: admin, asOf: day("2026-05-04"))
        let advice = try RemittanceService(store: world.scratch.store).advice(institution: "I001", month: YearMonth("2026-04")!, actor: clerk)
        #expect(advice.settled && advice.accepted.map(\.log.logID) == ["V2", "V10"] && advice.rejected.map(\.log.logID) == ["X1"])
        let statement = try #require(advice.statement)
        #expect(advice.acceptedTotal.fund == statement.fund && advice.acceptedTotal.personal == statement.personal)
        #expect(advice.clients.map(\.person) == [world.person] && advice.clients.first?.accepted == 2 && advice.clients.first?.rejected == 1)
        let withheld = try #require(advice.explanations.first { $0.kind == "withheld" })
        #expect(withheld.amount == statement.withheld && withheld.text.contains("5% of the fund share 117.00"))
        let lines = try #require(advice.table("lines")).text()
        #expect(lines.contains("X1,2026-04-08,\(world.person),S01,C9,") && lines.contains(",rejected,C01,") && lines.contains("register the caregiver"))
        #expect(!lines.contains("TOTAL") && lines.split(separator: "\n").count == 4)
        // The CSV's fund column adds up to the statement's fund share, once.
        let rows = lines.split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        #expect(rows.map { Money(json: .number(String($0[$0.count - 2])))!.fen }.reduce(0, +) == statement.fund.fen)
        #expect(advice.html.contains("<td>X1</td>") && advice.html.contains("预留 withheld"))
        // Another institution's statement is not its to read.
        #expect(throws: CaseError.self) { try RemittanceService(store: world.scratch.store).advice(institution: "I002", month: YearMonth("2026-04")!, actor: clerk) }
    }
}
