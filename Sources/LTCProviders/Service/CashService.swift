import LTCBenefits
import LTCCases
import LTCCore
import LTCSchemes

/// Cash benefits paid out: who receives a case's cash, and the monthly
/// payment run that pays it (family-carer pay, self-care daily cash, a
/// continuity bonus taken as cash).
///
/// ```swift
/// let cash = CashService(store: store, clock: SystemClock())
/// _ = try cash.registerPayee(caseID: 7, kind: .carer, name: "陈小妹", nationalID: "…", account: "6222…2233",
///                            trainedOn: CalendarDate("2026-02-20"), actor: admin, asOf: CalendarDate("2026-03-01")!)
/// let run = try cash.run(month: YearMonth("2026-04")!, actor: admin, asOf: CalendarDate("2026-05-04")!)
/// run.total     // the lines' amounts, summed to the fen
/// ```
///
/// A run is closed once stored, like a settled month. A run pays its month
/// and, as arrears, every month before it that no run has paid: months are
/// never skipped, and a run of an earlier month is never blocked by a later
/// one (that one paid it). Each run also checks the cases changed since the
/// run before (the audit trail says which) for every month paid before:
/// where a month is owed something else now (a death recorded late, a
/// subsidy found later), the difference is a line of this run, an
/// adjustment for that month.
public struct CashService: Sendable {
    public let store: any ProviderStore
    let work: UnitOfWork

    public init(store: any ProviderStore, clock: any WallClock) {
        self.store = store
        work = UnitOfWork(clock: clock)
    }

    /// Records who receives a case's cash: the beneficiary (the default when
    /// none is registered) or a family carer, named with their national ID,
    /// and the account paid into. Where the scheme requires it, a carer must
    /// have completed training by the day.
    public func registerPayee(caseID: Int, kind: CashPayee.Kind, name: String?, nationalID: String?, account: String?,
                              trainedOn: CalendarDate?, actor: Actor, asOf: CalendarDate) throws -> CashPayee {
        try work.change(Operation("cash.payee", subject: "case:\(caseID)", actor: actor, asOf: asOf), on: store.transactions) { tx in
            try Access.require(actor, .manageCases)
            guard let record = try tx.cases.caseRecord(id: caseID) else { throw CaseError(.notFound, "no case \(caseID)") }
            guard !record.state.isClosed else { throw CaseError(.transitionNotAllowed, "case \(caseID) is \(record.state.rawValue)") }
            if let account {
                guard (4...CashPayee.accountLimit).contains(account.count), account.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else {
                    throw CaseError(.invalidInput, "an account is 4 to \(CashPayee.accountLimit) letters and digits, without spaces")
                }
            }
            if let trainedOn, trainedOn > asOf { throw CaseError(.invalidInput, "the training on \(trainedOn) is after today, \(asOf)") }
            var id: NationalID?
            switch kind {
            case .beneficiary:
                guard name == nil, nationalID == nil, trainedOn == nil else {
                    throw CaseError(.invalidInput, "the beneficiary is paid as the person registered: a name, ID number or training is for a carer")
                }
            case .carer:
                guard let name, !name.allSatisfy(\.isWhitespace), let nationalID else {
                    throw CaseError(.invalidInput, "a carer needs a name and a national ID number")
                }
                id = try NationalID(nationalID)
                let scheme = try tx.schemes.scheme(id: record.schemeID)
                if scheme?.benefits?.carerTrainingRequired == true, trainedOn == nil {
                    throw CaseError(.invalidInput, "scheme '\(record.schemeID)' pays a family carer only with a training record: give the day the training was completed")
                }
            }
            let before = try tx.cash.payee(caseID: caseID)
            let payee = CashPayee(caseID: caseID, kind: kind, name: name, nationalID: id, account: account, trainedOn: trainedOn, registeredOn: asOf)
            try tx.cash.upsert(payee)
            return Outcome(payee, before: before?.json, after: payee.json)
        }
    }

    /// Pays a month's cash: one line per case owed cash in the month (its
    /// cash less the subsidies deducted from it), one per case and month for
    /// each month missed since the latest run (arrears: a run pays every
    /// ended month up to its own that no run has paid, from the first month
    /// a scheme paying cash took effect), and one per adjustment of a month
    /// already paid. So no month is skipped and none is blocked: a month
    /// that a later run paid as arrears is not run again (the refusal names
    /// that run), and every month before the latest run is paid. A month is
    /// paid only once it has ended (`asOf` after its last day; the date an
    /// administrator gives is never after today, ``AsOfWindow``). Running a
    /// month again returns the stored run.
    public func run(month: YearMonth, actor: Actor, asOf: CalendarDate) throws -> CashRun {
        try Access.require(actor, .settle)
        if let closed = try store.read({ try $0.cash.run(month: month) }) { return closed }
        return try work.change(Operation("cash.run", subject: "cash:\(month)", actor: actor, asOf: asOf), on: store.transactions) { tx in
            try Access.require(actor, .settle)
            guard asOf > month.lastDay else {
                throw CaseError(.timing, "\(month) ends on \(month.lastDay); pay its cash from \(month.lastDay.adding(days: 1))")
            }
            if let closed = try tx.cash.run(month: month) { return Outcome(closed) }
            let latest = try tx.cash.latestRun()
            if let latest, latest.month > month {
                let payer = try tx.cash.months(before: latest.month.adding(months: 1)).first { $0 > month } ?? latest.month
                throw CaseError(.timing, "\(month) was paid by the run of \(payer), which paid the months before it that no run had paid "
                                    + "(a line for each month: ltc cash payments --month \(payer)); it is not run again")
            }
            let start = try CashOwed.firstMonth(in: tx)
            if let start, month < start {
                throw CaseError(.timing, "\(month) is before \(start), when the first scheme paying cash took effect: no cash is owed for it")
            }
            // The months this run pays: those since the latest run (or since the first month of cash), and its own.
            var paying: [YearMonth] = []
            var next = latest.map { $0.month.adding(months: 1) } ?? start ?? month
            while next <= month {
                paying.append(next)
                next = next.adding(months: 1)
            }
            var owed = CashOwed(tx: tx)
            var lines: [CashPayment] = []
            func add(_ record: Case, for paidMonth: YearMonth, cash: Money, deducted: Money, amount: Money) {
                lines.append(CashPayment(month: month, line: lines.count + 1, caseID: record.id, forMonth: paidMonth, personID: record.personID,
                                         payee: .beneficiary, account: nil, cash: cash, deducted: deducted, amount: amount))
            }
            var page = PageRequest<Int>.largest()
            while true {
                let cases = try tx.cases.list(CaseQuery(scope: .all), page: page)
                for record in cases.items where record.state != .rejected {
                    for paid in paying {
                        guard let due = try owed.due(record, paid) else { continue }
                        add(record, for: paid, cash: due.cash, deducted: due.deducted, amount: due.amount)
                    }
                }
                guard let next = cases.next else { break }
                page = .largest(after: next)
            }
            // Every month before those is paid (by its own run or as arrears): a case changed since owes the difference.
            let (changed, last) = try tx.cash.casesChanged(after: latest?.eventSeq ?? 0)
            var closedMonths: [YearMonth] = []
            if let latest, let start {
                var earlier = start
                while earlier <= latest.month {
                    closedMonths.append(earlier)
                    earlier = earlier.adding(months: 1)
                }
            }
            for caseID in changed where !closedMonths.isEmpty {
                guard let record = try tx.cases.caseRecord(id: caseID) else { continue }
                let paid = try tx.cash.paid(caseID: caseID, for: closedMonths)
                for closed in closedMonths {
                    let due = try owed.due(record, closed)
                    let difference = (due?.amount ?? .zero) - (paid[closed] ?? .zero)
                    guard difference != .zero else { continue }
                    add(record, for: closed, cash: due?.cash ?? .zero, deducted: due?.deducted ?? .zero, amount: difference)
                }
            }
            let payees = try tx.cash.payees(caseIDs: Set(lines.map(\.caseID)))
            for index in lines.indices {
                guard let payee = payees[lines[index].caseID] else { continue }
                lines[index].payee = payee.kind
                lines[index].account = payee.maskedAccount
            }
            let run = CashRun(month: month, runOn: asOf, eventSeq: last, payments: lines.count,
                              total: lines.reduce(.zero) { $0 + $1.amount })
            try tx.cash.insert(run, payments: lines)
            return Outcome(run, after: run.json)
        }
    }

    /// A run as it was made, if the month has been run.
    public func run(month: YearMonth, actor: Actor) throws -> CashRun? {
        try Access.require(actor, .readAll)
        return try store.read { try $0.cash.run(month: month) }
    }

    /// A run's lines, of one case or all, a page at a time (administrators and auditors).
    public func payments(month: YearMonth, caseID: Int?, actor: Actor, page: PageRequest<Int>) throws -> Page<CashPayment, Int> {
        try Access.require(actor, .readAll)
        return try store.read { try $0.cash.payments(month: month, caseID: caseID, page: page) }
    }

    /// A case's payee, if one is registered (else the beneficiary is paid).
    public func payee(caseID: Int, actor: Actor) throws -> CashPayee? {
        try Access.require(actor, .readAll)
        return try store.read { try $0.cash.payee(caseID: caseID) }
    }
}

/// What a case is owed in cash for a month, from its entitlement, with the
/// schemes read once per scheme and month.
struct CashOwed {
    let tx: any ProviderTransaction
    private var schemes: [String: [Scheme]] = [:]

    init(tx: any ProviderTransaction) { self.tx = tx }

    struct Due {
        var cash: Money
        /// Subsidies deducted, taken from the cash first.
        var deducted: Money
        var amount: Money { cash - deducted }
    }

    /// `nil` where the case's scheme pays no cash, or nothing is owed.
    mutating func due(_ record: Case, _ month: YearMonth) throws -> Due? {
        let key = "\(record.schemeID)|\(month)"
        if schemes[key] == nil { schemes[key] = try tx.schemes.regional(record.schemeID, from: month.firstDay, to: month.lastDay) }
        let regional = schemes[key]!
        guard regional.contains(where: { $0.benefits.map(Self.paysCash) ?? false }) else { return nil }
        let entitlement = try Entitlement(case: record, schemes: regional, month: month)
        guard entitlement.cash > .zero else { return nil }
        return Due(cash: entitlement.cash, deducted: min(entitlement.deducted, entitlement.cash))
    }

    /// The first month of the earliest stored scheme that pays cash, if any:
    /// the first month a cash run can owe anything for.
    static func firstMonth(in tx: any ProviderTransaction) throws -> YearMonth? {
        var first: CalendarDate?
        for summary in try tx.schemes.summaries() where first.map({ summary.effectiveFrom < $0 }) ?? true {
            guard let benefits = try tx.schemes.scheme(id: summary.id)?.benefits, paysCash(benefits) else { continue }
            first = summary.effectiveFrom
        }
        return first.map(YearMonth.init(containing:))
    }

    static func paysCash(_ benefits: BenefitSettings) -> Bool {
        benefits.table.contains { $0.cashPerMonth != nil || $0.cashPerDay != nil || !$0.continuityBonus.isEmpty }
    }
}
