import Foundation
import LTCBenefits
import LTCCases
import LTCCore
import LTCProviders
import LTCReports
import LTCSchemes
import Testing

/// The fund's invariants, checked after every step of random operation
/// sequences on a small world: submissions (new logs, resent ones,
/// corrections, repeats within a file, late and future ones, unknown
/// caregivers), withdrawals, a caregiver registered late, penalties,
/// performance assessments over any periods, settlements of the months
/// that have ended in any order, a death recorded after the fact, and at
/// the end the rest of the year settled and its budgets closed. The two
/// institutions have budgets and are under two schemes with different
/// withholding and budget settings.
///
/// After each step, reading everything back:
/// 1. no service is paid net more than once: accepted logs of a person, or of
///    a caregiver, never overlap; what a settled month paid for a log plus
///    its adjustments is never negative nor more than the log is now worth,
///    and nothing for a log rejected since;
/// 2. nothing is accepted or paid net for a day after a case's end;
/// 3. no person is over the week's plan, the day's cap or the month's ceiling;
/// 4. each statement is its logs and its adjustments to the fen, the fund's
///    total the statements' sum, and each fund report breakdown the net fund;
/// 5. what a write reports is what reading it back gives: a submission's
///    accepted logs and money, the usage ledger's weeks, days and months;
/// 6. every fen a statement withheld or held above a budget is still held,
///    or released, or kept (cancelled with a correction, kept by a rating or
///    the year's close), once: a hold is closed at most once, never decided
///    beyond what it held, and what is released reaches a statement once;
/// 7. no recovery exceeds what was paid: a correction takes back at most
///    its log's fall in share, and a settled month's corrections at most what
///    its statement paid and later released;
/// 8. each statement's withholding and hold follow its institution's own
///    scheme, and the hold the year's use before it, counting every month
///    settled before it whatever its order; what the fund spent in a month
///    is what it paid, the rest still owed.
///
/// The sequences come from fixed seeds, so a failure names the seed and the
/// steps that led to it and replays exactly. `LTC_PROPERTY_SEQUENCES=N`
/// runs more (`Tests/Scripts/property-run.sh N`); `LTC_PROPERTY_SEED=S` replays one.
@Suite("Money invariants under random operation sequences")
struct MoneyInvariantTests {
    static var seeds: [UInt64] {
        let environment = ProcessInfo.processInfo.environment
        if let seed = environment["LTC_PROPERTY_SEED"].flatMap(UInt64.init) { return [seed] }
        let count = environment["LTC_PROPERTY_SEQUENCES"].flatMap(Int.init) ?? 6
        return (0..<UInt64(max(1, count))).map { 0x1742_0000 + $0 }
    }

    /// Steps per sequence: about two months of days, April and May, with June's first days.
    static let steps = 60

    @Test("Hourly home care (weekly plans, a monthly ceiling)", .timeLimit(.minutes(10)), arguments: seeds)
    func hourly(seed: UInt64) throws {
        var sequence = OperationSequence(seed: seed, world: try InvariantWorld(scheme: "hours-home-care-2026", items: ["S01", "S02"]))
        do { try sequence.run(steps: Self.steps) } catch is InvariantBroken { return }   // recorded with the seed and the steps
        #expect(sequence.accepted >= 10, "seed \(seed): the sequence accepted only \(sequence.accepted) logs")
    }

    @Test("Care priced by the day (Tengzhou's 45 a day for home visits)", .timeLimit(.minutes(10)), arguments: seeds)
    func daily(seed: UInt64) throws {
        var sequence = OperationSequence(seed: seed, world: try InvariantWorld(scheme: "day-rate-2026", items: ["H01"]))
        do { try sequence.run(steps: Self.steps) } catch is InvariantBroken { return }   // recorded with the seed and the steps
        #expect(sequence.accepted >= 10, "seed \(seed): the sequence accepted only \(sequence.accepted) logs")
    }
}

/// The invariants a step broke.
final class Problems {
    var found: [String] = []
}

struct InvariantBroken: Error {}

/// Two institutions, two beneficiaries (the second enrolled with both),
/// caregivers of each; I001 under the world's scheme, I002 under a variant
/// of it (another region) with other withholding and budget settings.
struct InvariantWorld {
    let world: ProviderWorld
    let scheme: String
    let items: [String]
    let people: [Int]
    let cases: [Int: Int]
    let institutions = ["I001", "I002"]
    let caregivers = ["I001": ["C1", "C2", "C3", "C9"], "I002": ["D1", "D2"]]
    /// The scheme each institution is settled under.
    let schemes: [String: Scheme]

    init(scheme: String, items: [String]) throws {
        let prices = Dictionary(uniqueKeysWithValues: items.map { ($0, $0 == "H01" ? Money(yuan: 30) : Money(yuan: 65)) })
        world = try ProviderWorld(scheme: scheme, prices: prices)
        self.scheme = scheme
        self.items = items
        let variant = try Self.variant(of: scheme)
        _ = try world.registry.load(variant, actor: admin, asOf: day("2026-01-01"))
        schemes = ["I001": try #require(try BuiltInSchemes.scheme(named: scheme)), "I002": variant]
        let second = try world.registry.addPerson(name: "王阿婆", nationalID: validID("11010519400101124"), insurance: .employee,
                                                  enrolledOn: day("2020-01-01"), actor: admin, asOf: day("2026-01-01")).id
        let secondCase = try ProviderWorld.effectiveCase(world.cases, person: second, schemeID: scheme)
        try ProviderWorld.designate("I002", scheme: variant.id, modes: ["home-visit"], prices: prices, capacity: 50, with: world.agreements)
        for (id, qualification) in [("D1", "nurse"), ("D2", "caregiver")] {
            _ = try world.agreements.register(Caregiver(id: id, name: "护理员\(id)", institution: "I002", qualifications: [qualification],
                                                        employment: [DatePeriod(from: day("2026-01-01"), to: nil)]), actor: admin, asOf: day("2026-01-15"))
        }
        for institution in institutions {
            _ = try world.agreements.enrol(caseID: secondCase, institution: institution, mode: "home-visit", from: day("2026-03-17"),
                                           home: ProviderWorld.home, actor: admin, asOf: day("2026-03-17"))
        }
        people = [world.person, second]
        cases = [world.person: world.caseID, second: secondCase]
    }

    /// The example scheme under another id and region, withholding 10 % and
    /// paying a quarter above budgets (hourly home care: the example
    /// withholds 5 % and pays half), or with budgets where the example has
    /// none (care by the day).
    static func variant(of scheme: String) throws -> Scheme {
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Examples/schemes/\(scheme).json")
        var text = try String(contentsOf: file, encoding: .utf8)
            .replacingOccurrences(of: "\"id\": \"\(scheme)\"", with: "\"id\": \"\(scheme)-variant\"")
            .replacingOccurrences(of: "\"region\": \"", with: "\"region\": \"variant of ")
        if text.contains("\"paidAboveBudget\"") {
            text = text.replacingOccurrences(of: "\"withholding\": 0.05", with: "\"withholding\": 0.1")
                .replacingOccurrences(of: "\"paidAboveBudget\": 0.5", with: "\"paidAboveBudget\": 0.25")
        } else {
            text = String(text[..<text.lastIndex(of: "}")!]) + ",\n  \"budget\": {\"warnings\": [0.8], \"paidAboveBudget\": 0.3}\n}\n"
        }
        return try Scheme.decode(text: Array(text.utf8), source: "\(scheme)-variant.json")
    }
}

/// One random sequence of operations, with the invariants checked after each.
struct OperationSequence {
    let seed: UInt64
    let world: InvariantWorld
    var random: SplitMix64
    var today = day("2026-04-01")
    /// What each settled month paid for each log, read just before it was settled.
    var paidAtSettlement: [YearMonth: [LogKey: Money]] = [:]
    var sent: [String: [String]] = [:]
    var steps: [String] = []
    var ended = false
    var registeredLate = false
    var nextID = 0
    let problems = Problems()
    /// Logs accepted over the sequence, to see that it did something.
    var accepted = 0
    /// Each institution's budget for 2026.
    var budgets: [String: Money] = [:]
    /// Months of logs settled after a later one was, to see that the order varied.
    var outOfOrder = 0
    /// The year's budget close, once run.
    var close: BudgetClose?
    /// The months of 2026 the sequence may settle as time passes; the rest are settled at its end.
    static let months = (3...6).map { YearMonth(year: 2026, month: $0)! }
    /// How many days after its end each month is settled (so that a month may be settled after a later one).
    var delays: [YearMonth: Int] = [:]

    init(seed: UInt64, world: InvariantWorld) {
        self.seed = seed
        self.world = world
        random = SplitMix64(seed: seed)
    }

    struct LogKey: Hashable {
        var institution: String
        var logID: String
    }

    var providers: ProviderWorld { world.world }

    mutating func run(steps count: Int) throws {
        try setBudgets()
        for month in Self.months { delays[month] = Int.random(in: 0...40, using: &random) }
        let death = Int.random(in: count / 3..<count, using: &random)
        for step in 0..<count {
            switch Int.random(in: 0..<100, using: &random) {
            case 0..<60: try submit()
            case 60..<70: try withdraw()
            case 70..<73: try registerLate()
            case 73..<77: try penalty()
            case 77..<88: try assess()
            default: break
            }
            if step == death { try endCase() }
            try settleSome(of: Self.months.filter { today > $0.lastDay.adding(days: delays[$0]!) })
            today = today.adding(days: Int.random(in: 0...2, using: &random))
            try check()
            try stopIfBroken()
        }
        try finishTheYear()
        try check()
        try stopIfBroken()
        if ProcessInfo.processInfo.environment["LTC_PROPERTY_STEPS"] != nil {
            print("seed \(seed) (\(outOfOrder) months settled after a later one):\n" + steps.joined(separator: "\n"))
        }
    }

    // MARK: Operations

    /// A new service: mostly one the checks should accept, sometimes not (an
    /// unregistered or unqualified caregiver, a day too late or in the future).
    mutating func line(for institution: String) -> String {
        nextID += 1
        let person = institution == "I001" ? world.people.randomElement(using: &random)! : world.people[1]
        let item = world.items.randomElement(using: &random)!
        let nurses = ["I001": ["C2"], "I002": ["D1"]][institution]!
        let caregiver = item == "S02" && Int.random(in: 0..<8, using: &random) > 0
            ? nurses[0] : world.caregivers[institution]!.randomElement(using: &random)!
        let serviceDay = today.adding(days: -Int.random(in: -1...11, using: &random))
        return Self.line(providers, "L\(nextID)", caregiver, item, serviceDay, start: Int.random(in: 7...18, using: &random) * 60,
                         minutes: [30, 45, 60, 90][Int.random(in: 0..<4, using: &random)], person: person, institution: institution)
    }

    static func line(_ providers: ProviderWorld, _ id: String, _ caregiver: String, _ item: String, _ day: CalendarDate, start: Int, minutes: Int,
                     person: Int, institution: String) -> String {
        func clock(_ minute: Int) -> String { String(format: "%02d:%02d", minute / 60, minute % 60) }
        return providers.line(id, caregiver, item, on: day.description, clock(start), clock(min(start + minutes, 23 * 60 + 59)),
                              person: person, institution: institution)
    }

    /// A correction of a line sent before: a later start, or another duration.
    mutating func corrected(_ line: String) -> String {
        var fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        let start = LocalMinute(Substring(fields[5]))!
        let shift = [15, -15, 30][Int.random(in: 0..<3, using: &random)]
        let minutes = [30, 45, 60][Int.random(in: 0..<3, using: &random)]
        let newStart = LocalMinute(minutes: max(start.day.dayNumber * 1440, start.value + shift))
        fields[5] = newStart.description
        fields[6] = LocalMinute(minutes: newStart.value + minutes).description
        return fields.joined(separator: ",")
    }

    mutating func submit() throws {
        let institution = world.institutions.randomElement(using: &random)!
        var lines: [String] = []
        for _ in 0..<Int.random(in: 1...4, using: &random) {
            let earlier = sent[institution] ?? []
            switch Int.random(in: 0..<20, using: &random) {
            case 0..<3 where !earlier.isEmpty: lines.append(earlier.randomElement(using: &random)!)                 // resent as it was
            case 3..<6 where !earlier.isEmpty: lines.append(corrected(earlier.randomElement(using: &random)!))      // a correction
            case 6 where !lines.isEmpty: lines.append(lines.randomElement(using: &random)!)                        // twice in one file (D02)
            default: lines.append(line(for: institution))
            }
        }
        sent[institution, default: []] += lines
        let report = try providers.submit(lines, asOf: today.description, actor: try Actor("institution:\(institution)"))
        steps.append("\(today) \(institution) submits \(lines.joined(separator: " | ")) → \(report.accepted) accepted, \(report.corrected) corrected, "
                     + "rejected \(report.rejected.map(\.rule.code)), adjustments \(report.adjustments)")
        accepted += report.accepted
        // What the write reported is what was stored.
        let stored = try allLogs().filter { $0.submission == report.submission && $0.status == .accepted }
        expect(stored.count == report.accepted, "submission \(report.submission) reported \(report.accepted) accepted, \(stored.count) stored")
        expect(stored.reduce(Money.zero) { $0 + ($1.money?.fund ?? .zero) } == report.fund, "submission \(report.submission)'s fund differs from its logs'")
    }

    /// Withdraws an accepted log, of an open or a settled month.
    mutating func withdraw() throws {
        let candidates = try allLogs().filter { $0.status == .accepted }
        guard let log = candidates.randomElement(using: &random)?.log else { return }
        let line = Self.line(providers, log.logID, log.caregiver, log.item, log.day, start: log.start.minuteOfDay, minutes: log.minutes,
                             person: log.person, institution: log.institution)
        let header = "log_id,institution,caregiver,person,item,start,end,mode,latitude,longitude\n"
        let report = try providers.intake.withdraw(Array((header + line + "\n").utf8), actor: admin, asOf: today)
        steps.append("\(today) withdraws \(log.institution)/\(log.logID) of \(log.day) → \(report.withdrawn) withdrawn, adjustments \(report.adjustments)")
    }

    mutating func registerLate() throws {
        guard !registeredLate else { return }
        registeredLate = true
        _ = try providers.agreements.register(Caregiver(id: "C9", name: "护理员九", institution: "I001", qualifications: ["caregiver"],
                                                        employment: [DatePeriod(from: day("2026-01-01"), to: nil)]), actor: admin, asOf: today)
        steps.append("\(today) registers C9 at I001")
    }

    mutating func penalty() throws {
        guard world.scheme == "hours-home-care-2026" else { return }   // the day-rate example has no supervision section
        let amount = Money(yuan: Int.random(in: 1...120, using: &random))
        let institution = world.institutions.randomElement(using: &random)!
        let violation = try providers.supervision.recordViolation(institution: institution, caregiver: nil, person: nil, type: "V02", foundOn: today,
                                                                  evidence: "inspection", amount: amount, penalty: "refusal", actor: admin, asOf: today)
        steps.append("\(today) refuses \(amount) at \(institution) (violation \(violation.id))")
    }

    mutating func endCase() throws {
        guard !ended else { return }
        ended = true
        let person = world.people[1]
        let on = max(day("2026-03-17"), today.adding(days: -Int.random(in: 0...25, using: &random)))
        let termination = try providers.cases.terminate(caseID: world.cases[person]!, reason: .death, on: on, actor: admin, asOf: today)
        steps.append("\(today) person \(person) died on \(on) → \(termination.afterEnd.map { JSONWriter.string($0) } ?? "nothing after")")
    }

    /// Budgets for 2026 that the year's use may well pass.
    mutating func setBudgets() throws {
        for institution in world.institutions {
            let amount = Money(yuan: Int.random(in: 100...500, using: &random))
            try providers.settlement.setBudget(institution: institution, year: 2026, amount: amount, actor: admin, asOf: today)
            budgets[institution] = amount
        }
        steps.append("\(today) budgets \(budgets.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))")
    }

    /// A performance assessment of any period that has ended, overlapping earlier ones or not.
    mutating func assess() throws {
        guard world.scheme == "hours-home-care-2026" else { return }   // the day-rate example has no supervision section
        let institution = world.institutions.randomElement(using: &random)!
        let from = Self.months[Int.random(in: 0..<3, using: &random)].firstDay.adding(days: Int.random(in: 0...3, using: &random))
        let to = from.adding(days: Int.random(in: 20...50, using: &random))
        guard to < today else { return }
        do {
            let result = try providers.supervision.assessPerformance(institution: institution, from: from, to: to,
                                                                     inspector: ["inspection": Int.random(in: 30...100, using: &random)],
                                                                     actor: admin, asOf: today)
            steps.append("\(today) assesses \(institution) \(from)–\(to): \(result.rating), decided \(result.withheld) (\(result.released ? "released" : "kept"))")
        } catch let error as CaseError where error.reason == .duplicate {
            return
        }
    }

    /// Settles those of `months` that have ended and are not settled, in a random order.
    mutating func settleSome(of months: [YearMonth]) throws {
        var ended = months.filter { today > $0.lastDay && paidAtSettlement[$0] == nil }
        ended.shuffle(using: &random)
        for month in ended { try settle(month) }
    }

    mutating func settle(_ month: YearMonth) throws {
        var paid: [LogKey: Money] = [:]
        for log in try allLogs() where log.status == .accepted && YearMonth(containing: log.log.day) == month {
            paid[LogKey(institution: log.log.institution, logID: log.log.logID)] = log.money!.fund
        }
        // The year's use before it: every month of 2026 settled so far, whatever its order, and the corrections of their logs.
        var prior: [String: Money] = [:]
        for earlier in paidAtSettlement.keys where earlier.year == month.year {
            for statement in try providers.settlement.settlement(month: earlier, actor: admin)?.statements ?? [] {
                prior[statement.institution, default: .zero] += statement.fund
            }
        }
        for adjustment in try adjustments() where adjustment.serviceMonth.year == month.year {
            prior[adjustment.institution, default: .zero] += adjustment.fundChange ?? .zero
        }
        if Self.months.contains(month) && paidAtSettlement.keys.contains(where: { $0 > month && Self.months.contains($0) }) { outOfOrder += 1 }
        let run = try providers.settlement.settle(month: month, actor: admin, asOf: today)
        try stopIfBroken()
        paidAtSettlement[month] = paid
        steps.append("\(today) settles \(month): \(run.logCount) logs, the fund pays \(run.fundTotal), withholds \(run.statements.map(\.withheld)), holds \(run.statements.map(\.heldAboveBudget))")
        for statement in run.statements {
            // Each statement's share is its logs' share, to the fen.
            let logs = paid.filter { $0.key.institution == statement.institution }.values.reduce(Money.zero, +)
            expect(statement.fund == logs, "\(month) \(statement.institution): statement fund \(statement.fund), its logs \(logs)")
            // 8. Its own scheme's withholding, and its hold by the year's use before it.
            let scheme = world.schemes[statement.institution]!
            let share = scheme.supervision?.assessment?.withholding
            expect(statement.withheld == (share?.apply(to: statement.fund) ?? .zero),
                   "\(month) \(statement.institution): withheld \(statement.withheld) of \(statement.fund), its scheme's share is \(share?.description ?? "none")")
            guard let rules = scheme.budget, let budget = budgets[statement.institution] else {
                expect(statement.heldAboveBudget == .zero && statement.budget == nil, "\(month) \(statement.institution): held under a scheme without budget rules")
                continue
            }
            let before = prior[statement.institution] ?? .zero, used = before + statement.fund
            let above = max(.zero, used - budget) - max(.zero, before - budget)
            expect(statement.usedThisYear == used, "\(month) \(statement.institution): used \(statement.usedThisYear.map(\.description) ?? "-"), the year's settled use is \(used)")
            expect(statement.heldAboveBudget == above - rules.paidAboveBudget.apply(to: above),
                   "\(month) \(statement.institution): held \(statement.heldAboveBudget) of \(above) above the budget \(budget)")
        }
    }

    /// The year's end: every month of 2026 settled, in a random order, and its budgets closed.
    mutating func finishTheYear() throws {
        today = day("2027-01-05")
        try settleSome(of: (1...12).map { YearMonth(year: 2026, month: $0)! })
        try check()
        try stopIfBroken()
        let close = try providers.settlement.closeBudgets(year: 2026, actor: admin, asOf: today)
        self.close = close
        steps.append("\(today) closes 2026: " + close.lines.map { "\($0.institution) used \($0.used) of \($0.budget), held \($0.held), released \($0.released), retained \($0.retained)" }.joined(separator: "; "))
        let expected = world.institutions.filter { world.schemes[$0]!.budget != nil }
        expect(close.lines.map(\.institution) == expected, "the close has lines for \(close.lines.map(\.institution)), the institutions with budget rules are \(expected)")
    }

    // MARK: Reading back

    func allLogs() throws -> [StoredLog] {
        var logs: [StoredLog] = []
        for institution in world.institutions {
            for month in ["2026-03", "2026-04", "2026-05", "2026-06"] {
                logs += try providers.intake.logs(institution: institution, month: YearMonth(month)!, actor: admin, page: .largest()).items
            }
        }
        return logs
    }

    func adjustments() throws -> [SettlementAdjustment] {
        var all = try providers.settlement.adjustments(month: nil, institution: nil, actor: admin, page: .largest()).items
        for month in paidAtSettlement.keys {
            all += try providers.settlement.adjustments(month: month, institution: nil, actor: admin, page: .largest()).items
        }
        return all
    }

    /// Notes a broken invariant; the sequence stops after the step that broke it.
    func expect(_ condition: Bool, _ message: @autoclosure () -> String) {
        if !condition { problems.found.append(message()) }
    }

    /// Records what the step broke, with the seed and the steps that led to it, and stops.
    func stopIfBroken(sourceLocation: SourceLocation = #_sourceLocation) throws {
        guard !problems.found.isEmpty else { return }
        Issue.record(Comment(rawValue: "seed \(seed) (replay: LTC_PROPERTY_SEED=\(seed) swift test --filter MoneyInvariant):\n"
                             + problems.found.joined(separator: "\n") + "\nafter these steps:\n" + steps.joined(separator: "\n")),
                     sourceLocation: sourceLocation)
        throw InvariantBroken()
    }

    // MARK: The invariants

    func check() throws {
        let logs = try allLogs()
        let accepted = logs.filter { $0.status == .accepted }
        let records = try providers.scratch.store.read { (tx: any ProviderTransaction) in
            try world.people.map { try tx.cases.caseRecord(id: world.cases[$0]!)! }
        }

        // 1. No service twice: a person's, and a caregiver's, accepted services never overlap.
        for (_, group) in Dictionary(grouping: accepted, by: { $0.log.person }) {
            expect(!Self.overlaps(group), "person \(group[0].log.person) has overlapping accepted services")
        }
        for (_, group) in Dictionary(grouping: accepted, by: { "\($0.log.institution)/\($0.log.caregiver)" }) {
            expect(!Self.overlaps(group), "caregiver \(group[0].log.caregiver) has overlapping accepted services")
        }
        // ... and the fund share a settled month counted for a log, with the changes its corrections made, is within what the log is
        // now worth (what of a change is recovered, and what cancels the withheld or held, is invariant 6's).
        var adjusted: [LogKey: Money] = [:]
        for adjustment in try adjustments() {
            guard let change = adjustment.fundChange else { continue }
            adjusted[LogKey(institution: adjustment.institution, logID: adjustment.logID), default: .zero] += change
        }
        for log in logs {
            let key = LogKey(institution: log.log.institution, logID: log.log.logID)
            let month = YearMonth(containing: log.log.day)
            guard let paid = paidAtSettlement[month] else {
                expect(adjusted[key] == nil, "log \(key.logID) of open \(month) has an adjustment")
                continue
            }
            let net = (paid[key] ?? .zero) + (adjusted[key] ?? .zero)
            let worth = log.status == .accepted ? log.money!.fund : .zero
            expect(net >= .zero && net <= worth, "log \(key.institution)/\(key.logID) of settled \(month) is paid \(net) net; it is worth \(worth) now")
        }

        // 2. Nothing after a case's end.
        for record in records {
            guard let end = record.endedOn else { continue }
            let after = accepted.filter { $0.log.person == record.personID && $0.log.day > end }
            expect(after.isEmpty, "person \(record.personID), dead on \(end), has accepted services after: \(after.map(\.log.logID))")
        }

        // 3. Caps: the week's plan, the day's cap, the month's ceiling.
        for (key, group) in Dictionary(grouping: accepted, by: { "\($0.log.person)/\(Week.number(of: $0.log.day))" }) where world.items.contains("S01") {
            let minutes = group.reduce(0) { $0 + $1.log.minutes }
            expect(minutes <= 180, "\(key): \(minutes) minutes in a week with a plan of 180")
        }
        for (key, group) in Dictionary(grouping: accepted, by: { "\($0.log.person)/\($0.log.day)" }) where world.items.contains("H01") {
            let allowed = group.reduce(Money.zero) { $0 + $1.money!.allowed }
            expect(allowed <= Money(yuan: 45), "\(key): \(allowed) allowed in a day capped at 45")
        }
        for (person, byPerson) in Dictionary(grouping: accepted, by: { $0.log.person }) {
            let record = records.first { $0.personID == person }!
            for (month, group) in Dictionary(grouping: byPerson, by: { YearMonth(containing: $0.log.day) }) {
                // A death recorded later shortens the month's ceiling; what was allowed before it was within the ceiling then.
                if let end = record.endedOn, end <= month.lastDay { continue }
                let ceiling = try providers.cases.entitlement(caseID: record.id, month: month, actor: admin).parts.reduce(Money.zero) { $0 + $1.eligibleCost }
                let allowed = group.reduce(Money.zero) { $0 + $1.money!.allowed }
                expect(allowed <= ceiling, "person \(person) is allowed \(allowed) in \(month), over the ceiling \(ceiling)")
            }
        }

        // 4. The fund: statements, their total and every report breakdown, to the fen.
        for month in paidAtSettlement.keys {
            guard let run = try providers.settlement.settlement(month: month, actor: admin) else { continue }
            expect(run.fundTotal == run.statements.reduce(Money.zero) { $0 + $1.payable }, "\(month): the total is not the statements' sum")
            let carried = try providers.settlement.adjustments(month: month, institution: nil, actor: admin, page: .largest()).items
            expect(run.statements.reduce(Money.zero) { $0 + $1.adjustments } == carried.reduce(Money.zero) { $0 + $1.amount },
                   "\(month): the statements' adjustments are not those listed")
            let report = try providers.reports.report(month: month, actor: admin)
            for rows in [report.byGrade, report.byMode, report.byDistrict, report.byInstitution] {
                expect(rows.reduce(Money.zero) { $0 + $1.fund } == report.netFund, "\(month): a report breakdown does not add up to \(report.netFund)")
            }
        }

        // 5. The usage ledger is what the logs say: weeks (minutes, each day's allowed, busy times) and open months' money.
        let weeks = Set(accepted.map { Week.number(of: $0.log.day) })
        let ledger = try providers.scratch.store.read { (tx: any ProviderTransaction) in try tx.usage.weeks(people: Set(world.people), weeks: weeks) }
        for week in ledger {
            let group = accepted.filter { $0.log.person == week.person && Week.number(of: $0.log.day) == week.week }
            let minutes = world.items.contains("S01") ? group.reduce(0) { $0 + $1.log.minutes } : 0
            expect(week.minutes == minutes, "person \(week.person) week \(week.week): ledger \(week.minutes) minutes, logs \(minutes)")
            expect(week.busy.count == group.count, "person \(week.person) week \(week.week): \(week.busy.count) busy times, \(group.count) logs")
            for weekday in 0..<7 {
                let allowed = group.filter { Week.weekday(of: $0.log.day) == weekday }.reduce(Money.zero) { $0 + $1.money!.allowed }
                expect(week.allowed[weekday] == allowed, "person \(week.person) week \(week.week) day \(weekday): ledger \(week.allowed[weekday]), logs \(allowed)")
            }
        }
        expect(ledger.count == Set(accepted.map { "\($0.log.person)/\(Week.number(of: $0.log.day))" }).count, "the ledger's weeks are not the logs' weeks")
        try checkHolds()
        for month in [YearMonth("2026-03")!, YearMonth("2026-04")!, YearMonth("2026-05")!, YearMonth("2026-06")!] where paidAtSettlement[month] == nil {
            let ledger = try providers.scratch.store.read { (tx: any ProviderTransaction) in try tx.usage.allowed(people: Set(world.people), month: month) }
            for person in world.people {
                let logs = accepted.filter { $0.log.person == person && YearMonth(containing: $0.log.day) == month }.reduce(Money.zero) { $0 + $1.money!.allowed }
                expect((ledger[person] ?? .zero) == logs, "person \(person) in \(month): ledger allowed \(ledger[person] ?? .zero), logs \(logs)")
            }
        }
    }

    /// 6, 7 and 8: what became of every fen withheld or held, recoveries, and what the fund spent.
    func checkHolds() throws {
        let year = YearMonth(year: 2026, month: 1)!...YearMonth(year: 2026, month: 12)!
        let decisions = try providers.scratch.store.read { (tx: any ProviderTransaction) in try tx.holds.decisions(institution: nil, months: year) }
        let adjustments = try adjustments()
        var released: [String: [HoldDecision.Kind: Money]] = [:]
        for month in paidAtSettlement.keys.sorted() {
            guard let run = try providers.settlement.settlement(month: month, actor: admin) else { continue }
            var owed = Money.zero
            for statement in run.statements {
                let where_ = "\(month) \(statement.institution)"
                var paid = statement.fund - statement.withheld - statement.heldAboveBudget
                for kind in HoldDecision.Kind.allCases {
                    // 6. Still held, released or kept, once.
                    let account = HoldAccount(statement: statement, month: month, kind: kind, decisions: decisions)
                    expect(account.decisions.allSatisfy { $0.released >= .zero && $0.kept >= .zero }, "\(where_) \(kind): a decision of a negative amount")
                    expect(account.outstanding >= .zero, "\(where_) \(kind): \(account.released) released and \(account.kept) kept of \(account.amount)")
                    expect(account.decisions.filter(\.closing).count <= 1, "\(where_) \(kind): closed more than once")
                    if account.closing != nil { expect(account.outstanding == .zero, "\(where_) \(kind): \(account.outstanding) left after it was closed") }
                    if account.decisions.contains(where: { $0.cause == .correction && $0.released > .zero }) {
                        expect(false, "\(where_) \(kind): a correction released money")
                    }
                    if kind == .withheld {
                        expect(account.decisions.allSatisfy { $0.cause != .budgetClose }, "\(where_): the budget close decided a withholding")
                    } else {
                        expect(account.decisions.allSatisfy { $0.cause != .assessment }, "\(where_): an assessment decided a budget hold")
                    }
                    released[statement.institution, default: [:]][kind, default: .zero] += account.released
                    paid = paid + account.released
                    owed = owed + account.outstanding
                }
                // 7. No recovery exceeds what was paid: per correction, its log's fall; per month, what the statement paid and released.
                let corrections = adjustments.filter { $0.fundChange != nil && $0.serviceMonth == month && $0.institution == statement.institution }
                for correction in corrections {
                    expect(correction.amount <= .zero && correction.amount >= correction.fundChange!,
                           "\(where_): \(correction.logID) recovers \(Money.zero - correction.amount) of a fall of \(Money.zero - correction.fundChange!)")
                }
                let recovered = Money.zero - corrections.reduce(Money.zero) { $0 + $1.amount }
                expect(recovered <= paid, "\(where_): \(recovered) recovered, \(paid) paid")
                // ... and the fall of its logs' share is recovered, or cancels what was withheld or held, or is the part a decision kept, once.
                let fall = Money.zero - corrections.reduce(Money.zero) { $0 + $1.fundChange! }
                let mine = decisions.filter { $0.institution == statement.institution && $0.month == month }
                let cancelled = mine.filter { $0.cause == .correction }.reduce(Money.zero) { $0 + $1.kept }
                let keptByDecision = mine.filter(\.closing).reduce(Money.zero) { $0 + $1.kept }
                expect(recovered + cancelled <= fall && fall - recovered - cancelled <= keptByDecision,
                       "\(where_): its logs' share fell \(fall); \(recovered) recovered, \(cancelled) cancelled, \(keptByDecision) kept by decisions")
            }
            // 8. What the fund spent is what it paid; what it withheld and held and has not decided is what it owes.
            let report = try providers.reports.report(month: month, actor: admin)
            expect(report.totalSpent == run.fundTotal, "\(month): spent \(report.totalSpent), paid \(run.fundTotal)")
            expect(report.owed == owed, "\(month): owes \(report.owed), holds \(owed) undecided")
        }
        // 6. What was released reaches a statement once: the assessments' releases, and the close's.
        for institution in world.institutions {
            let fromAssessments = adjustments.filter { $0.institution == institution && $0.logID.hasPrefix("assessment ") }.reduce(Money.zero) { $0 + $1.amount }
            let withheld = released[institution]?[.withheld] ?? .zero
            expect(fromAssessments == withheld, "\(institution): \(fromAssessments) released by assessments on statements, \(withheld) decided released")
            let fromClose = adjustments.filter { $0.institution == institution && $0.logID == "budget close 2026" }.reduce(Money.zero) { $0 + $1.amount }
            let line = close?.lines.first { $0.institution == institution }
            let held = released[institution]?[.budget] ?? .zero
            expect(held == (line?.released ?? .zero), "\(institution): \(held) of the holds decided released, the close released \(line?.released ?? .zero)")
            expect(fromClose == (line.map { $0.released + $0.retained } ?? .zero), "\(institution): \(fromClose) on statements from the close")
            expect(line.map { $0.released + $0.kept == $0.held } ?? true, "\(institution): the close's released and kept are not what it held")
        }
    }

    static func overlaps(_ logs: [StoredLog]) -> Bool {
        let sorted = logs.sorted { $0.log.start < $1.log.start }
        return zip(sorted, sorted.dropFirst()).contains { $1.log.start < $0.log.end }
    }
}
