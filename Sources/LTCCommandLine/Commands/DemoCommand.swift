import LTCOperations
import ArgumentParser
import Foundation
import LTCAssessment
import LTCCases
import LTCCore
import LTCProtocol
import LTCProviders
import LTCSchemes
import LTCStorage

/// `ltc demo`: a small city run end to end in a fresh database, through the
/// same services every other command uses.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run a small synthetic city through a month: cases, agreements, service logs (some breaking rules) and settlement.",
        discussion: """
            Uses a fresh database: a temporary file unless --db names one (a file that must not exist \
            yet, or an empty PostgreSQL database). \
            Takes six applicants from application to an effective grade, designates two home-care \
            institutions, enrols the beneficiaries, submits April 2026's logs week by week, settles \
            the month and prints the statements and where to look next.
            """ + "\n\n" + CommandHelp.examples(["ltc demo", "ltc demo --db city.sqlite", "ltc demo --db postgresql://ltc@localhost/ltc"])
    )

    @Option(help: ArgumentHelp("The database to create: an SQLite file, or an empty PostgreSQL database postgresql://USER@HOST:PORT/DBNAME (default: a new temporary file).", valueName: "path|uri")) var db: String?
    @Option(name: .customLong("scheme-file"), help: ArgumentHelp("The scheme to run: a file, or a built-in example's name.", valueName: "file"))
    var schemeFile = "hours-home-care-2026"
    @OptionGroup var forms: FormOptions

    func run() throws {
        try reportingErrors {
            let path = db ?? FileManager.default.temporaryDirectory.appendingPathComponent("ltc-demo-\(getpid()).sqlite").path
            let location = StoreLocation(path)
            if case .sqlite = location, FileManager.default.fileExists(atPath: path) {
                throw InputError(source: path, message: "already exists; the demo needs a fresh database (leave out --db for a temporary one)")
            }
            let scheme = try loadScheme(schemeFile)
            guard scheme.benefits?.monitoring != nil, scheme.benefits?.mode("home-visit") != nil else {
                throw InputError(source: schemeFile, message: "the demo needs a scheme with a home-visit mode and monitoring settings, such as Examples/schemes/hours-home-care-2026.json")
            }
            let catalog = try forms.catalog()
            let store = try location.open()
            if try !store.read({ (tx: any ProviderTransaction) in try tx.schemes.summaries() }).isEmpty {
                throw InputError(source: location.description, message: "already holds a scheme; the demo needs a fresh database (an empty one, or leave out --db for a temporary file)")
            }
            var city = DemoCity(services: StoreServices(store: store, forms: catalog, clock: SystemClock(), vault: location.evidenceVault), scheme: scheme,
                                form: try catalog.form(id: "cn-ltc-2021"))
            try city.run()
            print("")
            print("Where to look next (the database is \(location)):")
            let shown = location.description.contains("?") || location.description.contains("&") ? "'\(location)'" : location.description
            let options = "--db \(shown) --actor administrator:demo"
            print("  ltc settle --month 2026-04 --csv \(options)     the statements as CSV")
            print("  ltc case list \(options)                        the cases and their states")
            print("  ltc plan show 1 \(options)                      a client's care plan")
            print("  ltc agreement list \(options)                   agreements and their versions")
            print("  ltc benefit entitlement 1 --month 2026-04 \(options)")
            print("  echo '{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"settlement.get\",\"params\":{\"actor\":\"administrator:demo\",\"month\":\"2026-04\"}}' | ltc rpc --db \(shown)")
        }
    }
}

/// The demo's city: six applicants, two institutions, a month of logs.
struct DemoCity {
    let services: StoreServices
    let scheme: Scheme
    let form: AssessmentForm
    let admin = try! Actor("administrator:demo")

    func day(_ text: String) -> CalendarDate { CalendarDate(text)! }

    mutating func run() throws {
        _ = try services.registry.addStaff(id: admin.id, role: .administrator, name: "演示管理员", actor: admin, asOf: day("2026-01-01"))
        _ = try services.registry.load(scheme, actor: admin, asOf: day("2026-01-01"))
        _ = try services.registry.addAssessor(id: "A1", name: "李医生", qualification: .medical, employer: nil, actor: admin, asOf: day("2026-01-02"))
        _ = try services.registry.addAssessor(id: "A2", name: "张专员", qualification: .care, employer: nil, actor: admin, asOf: day("2026-01-02"))
        print("scheme \(scheme.id) loaded; assessors A1 (medical), A2 (care)")

        // Six applicants from application to an effective grade.
        let names = ["陈老伯", "王阿姨", "李奶奶", "赵爷爷", "刘阿婆", "周大爷"]
        let grades = [3, 3, 4, 4, 5, 3]
        var beneficiaries: [(person: Int, caseID: Int, grade: Int)] = []
        for (index, name) in names.enumerated() {
            let person = try services.registry.addPerson(name: name, nationalID: try NationalID(completing: "3101061940030\(index + 1)012").value, insurance: .employee,
                                             enrolledOn: day("2015-01-01"), actor: admin, asOf: day("2026-03-02"))
            let id = try services.cases.open(personID: person.id, disabledSince: day("2025-06-01"), institution: nil, schemeID: scheme.id,
                                    actor: admin, asOf: day("2026-03-02")).id
            _ = try services.cases.check(caseID: id, actor: admin, asOf: day("2026-03-02"))
            _ = try services.cases.assign(caseID: id, assessors: ["A1", "A2"], reason: "the demo names its two assessors", actor: admin, asOf: day("2026-03-03"))
            _ = try services.cases.assess(caseID: id, formID: form.id, answers: try answers(grade: grades[index]), assessedOn: day("2026-03-05"),
                                 place: "home", actor: try Actor("assessor:A1"), asOf: day("2026-03-05"))
            _ = try services.cases.determine(caseID: id, actor: admin, asOf: day("2026-03-09"))
            let record = try services.cases.confirm(caseID: id, actor: admin, asOf: day("2026-03-17"))
            _ = try services.cases.setMode(caseID: id, mode: "home-visit", actor: admin, asOf: day("2026-03-17"))
            beneficiaries.append((person.id, id, record.determination?.grade ?? grades[index]))
        }
        print("6 cases: applied 2026-03-02, assessed 03-05, published 03-09, effective 03-17 in home visits; grades "
              + beneficiaries.map { String($0.grade) }.joined(separator: ", "))

        // Two institutions, designated, with caregivers; three clients each.
        let prices = Dictionary(uniqueKeysWithValues: scheme.benefits!.catalogue.filter { $0.unit == .hour }.map { ($0.code, $0.price) })
        for id in ["I001", "I002"] {
            _ = try services.agreements.register(Institution(id: id, name: id == "I001" ? "静安居家护理站" : "徐汇社区照护中心", type: .homeCare,
                                                   licence: "DEMO-\(id)", deliveries: ["home"], capacity: 50, address: "上海市", district: id == "I001" ? "静安" : "徐汇",
                                                   contact: "021-0000-000\(id.last!)"), actor: admin, asOf: day("2026-01-05"))
            // Designated for the scheme's whole period, so that a clerk trying the city today sends logs under an agreement in force.
            let agreement = try services.agreements.applyForAgreement(institution: id, schemeID: scheme.id, start: day("2026-01-01"), end: scheme.effectiveTo,
                                                            modes: ["home-visit"], prices: prices, capacity: 50,
                                                            facts: AdmissionFacts(legalPerson: true, caregivers: 3, qualifiedCaregivers: 3, administrators: 1,
                                                                                  beds: 0, pledgedClean: true),
                                                            actor: admin, asOf: day("2026-01-05"))
            _ = try services.agreements.review(agreement: agreement.id, actor: admin, asOf: day("2026-01-10"))
            _ = try services.agreements.sign(agreement: agreement.id, actor: admin, asOf: day("2026-01-15"))
            for (caregiver, qualification) in [("C1", "caregiver"), ("C2", "nurse"), ("C3", "caregiver")] {
                _ = try services.agreements.register(Caregiver(id: caregiver, name: "\(id)护理员\(caregiver)", institution: id, qualifications: [qualification],
                                                     employment: [DatePeriod(from: day("2025-01-01"), to: nil)]), actor: admin, asOf: day("2026-01-15"))
            }
        }
        for (index, beneficiary) in beneficiaries.enumerated() {
            _ = try services.agreements.enrol(caseID: beneficiary.caseID, institution: index < 3 ? "I001" : "I002", mode: "home-visit",
                                    from: day("2026-03-17"), home: GeoPoint(text: "31.2304,121.4737"), actor: admin, asOf: day("2026-03-17"))
        }
        print("2 institutions designated (I001, I002), 3 caregivers each, 3 clients each")

        // A care plan for each client, from the needs: most read off the assessment, the rest asked; agreed the day care starts.
        var plans: [Int: CarePlan] = [:]
        if scheme.benefits?.carePlans != nil {
            for (index, beneficiary) in beneficiaries.enumerated() {
                let asked = ["needs.pressure": 0, "needs.tube": 0, "needs.medication": 0,
                             "needs.rehabilitation": index % 2, "needs.carer": index == 0 ? 1 : 0]
                _ = try services.plans.propose(caseID: beneficiary.caseID, answers: asked, actor: try Actor("assessor:A1"), asOf: day("2026-03-17"))
                plans[beneficiary.person] = try services.plans.confirm(caseID: beneficiary.caseID, by: names[index], actor: admin, asOf: day("2026-03-17"))
            }
            print("6 care plans agreed 2026-03-17: " + beneficiaries.map { beneficiary in
                plans[beneficiary.person]!.items.map { "\($0.code)×\($0.perWeek)" }.joined(separator: " ")
            }.joined(separator: " | "))
        }

        // April's visits, sent every Monday for the week before; a few break rules.
        var weeks: [CalendarDate: [String]] = [:]
        var sequence = 0
        let month = YearMonth("2026-04")!
        for (index, beneficiary) in beneficiaries.enumerated() {
            let institution = index < 3 ? "I001" : "I002"
            let caregiver = "C\(index % 3 == 1 ? 3 : 1)"
            let hour = 9 + index % 3 * 2
            // The plan's items, each on its first days of the week, one after another from the client's hour;
            // without plans, one-hour S01 visits filling the weekly hours of the grade's package (at most one a day).
            var planned = plans[beneficiary.person]?.items.map { ($0.code, $0.perWeek, $0.minutes ?? 60) } ?? []
            if plans.isEmpty {
                var perWeek = 3
                if case .perWeek(let hours)? = scheme.benefits?.rule(grade: beneficiary.grade, mode: "home-visit")?.quantity { perWeek = min(7, hours) }
                planned = [("S01", perWeek, 60)]
            }
            for date in month.days {
                var start = hour * 60
                for (code, perWeek, minutes) in planned where (date.dayNumber + 3) % 7 < perWeek {
                    sequence += 1
                    let time = { (minute: Int) in LocalMinute(day: date, minute: minute).description }
                    let line = "V\(sequence),\(institution),\(caregiver),\(beneficiary.person),\(code),\(time(start)),\(time(start + minutes)),home-visit"
                    let monday = CalendarDate(dayNumber: ((date.dayNumber + 3) / 7 + 1) * 7 - 3)
                    weeks[monday, default: []].append(line)
                    start += minutes
                }
            }
        }
        let p = beneficiaries.map(\.person)
        weeks[day("2026-04-13"), default: []] += [
            "X1,I001,C9,\(p[0]),S01,2026-04-07T15:00,2026-04-07T16:00,home-visit",        // C01 unknown caregiver
            "X2,I001,C1,\(p[0]),S02,2026-04-08T15:00,2026-04-08T16:00,home-visit",        // C03 nursing without a nurse
            "X3,I001,C2,\(p[0]),S02,2026-04-09T15:00,2026-04-09T15:05,home-visit",        // L01 five minutes
            "X4,I001,C3,\(p[0]),S01,2026-04-06T09:30,2026-04-06T10:30,home-visit",        // O02 overlaps V-visit of 09:00
            plans.isEmpty ? "X5,I002,C2,\(p[3]),S01,2026-04-10T15:00,2026-04-10T16:00,home-visit"     // P01 a sixth hour in the week
                : "X5,I002,C2,\(p[3]),S01,2026-04-10T17:00,2026-04-10T18:00,home-visit",     // N02 S01 more often than the plan's week
        ]
        if !plans.isEmpty { weeks[day("2026-04-20"), default: []].append("X7,I001,C1,\(p[1]),S06,2026-04-16T16:00,2026-04-16T17:00,home-visit") } // N01 not in the plan
        weeks[day("2026-04-27"), default: []] += [
            "X6,I002,C1,\(p[0]),S01,2026-04-21T15:00,2026-04-21T16:00,home-visit",        // E01 an I001 client, logged by I002
        ]
        var accepted = 0, rejected = 0
        for monday in weeks.keys.sorted() {
            let text = "log_id,institution,caregiver,person,item,start,end,mode\n" + weeks[monday]!.joined(separator: "\n") + "\n"
            let report = try services.intake.submit(Array(text.utf8), actor: admin, asOf: monday)
            accepted += report.accepted
            rejected += report.rejected.count
            print("logs sent \(monday): \(report.received) received, \(report.accepted) accepted, \(report.rejected.count) rejected"
                  + (report.rejected.isEmpty ? "" : " (" + report.rejected.map { "\($0.logID ?? "?") \($0.rule.code)" }.joined(separator: ", ") + ")"))
            if monday == day("2026-04-13") {
                let again = try services.intake.submit(Array(text.utf8), actor: admin, asOf: monday)
                print("logs sent \(monday) sent again: \(again.unchanged) unchanged, nothing counted twice"
                      + (again.rechecked == 0 ? "" : "; \(again.rechecked) rejected before, checked again and rejected \(again.rejected.count)"))
            }
        }

        let run = try services.settlement.settle(month: month, actor: admin, asOf: day("2026-05-04"))
        print("")
        print(SettlementText.statements(run))
        print("payable \(run.fundTotal.grouped) for \(accepted) accepted services; \(rejected) logs were rejected")
    }

    /// Answers on the national standard that give `grade`: dimension totals
    /// tried from the bands' lower edges until the table gives that grade.
    func answers(grade: Int) throws -> JSONObject {
        let minima = form.dimensions.map { $0.bands.map(\.scores.lowerBound) }
        func build(_ totals: [Int]) -> JSONObject {
            var object = JSONObject()
            for (dimension, total) in zip(form.dimensions, totals) {
                var deficit = dimension.range.upperBound - total
                for item in form.items(in: dimension.id) {
                    let choice = item.options.map(\.score).filter { item.maximumScore - $0 <= deficit }.min()!
                    deficit -= item.maximumScore - choice
                    object.set(item.id, .integer(choice))
                }
            }
            return object
        }
        var combination = [Int](repeating: 0, count: minima.count)
        while true {
            let answers = build(zip(minima, combination).map { $0[$1] })
            if let result = try? form.score(answers: answers), result.grade.level == grade { return answers }
            var position = combination.count - 1
            while position >= 0 {
                combination[position] += 1
                if combination[position] < minima[position].count { break }
                combination[position] = 0
                position -= 1
            }
            if position < 0 { throw CaseError(.invalidInput, "no answers on \(form.id) give grade \(grade)") }
        }
    }
}
