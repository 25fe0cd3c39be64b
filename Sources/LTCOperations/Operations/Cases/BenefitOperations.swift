import LTCBenefits
import LTCCases
import LTCCore
import LTCProviders
import LTCSchemes

/// `benefit.entitlement`: a stored case's entitlement for a month, day by day.
public enum GetEntitlement: StoreOperation {
    public static let name = "benefit.entitlement"
    public static let summary = "A stored case's entitlement for a month, day by day."
    public static let access = AccessRule.registered
    public static let effect = OperationEffect.reads
    public static let result = "{case, month, days, parts, subsidies, fundShare, personalShare, cash, deducted, payable, lines}"
    public static let example: JSONObject = ["actor": "administrator:wang", "case": 1, "month": "2026-04"]

    public struct Input: Params {
        @Param("case", "The case id.") public var caseID: Int
        @Param("month", "The month (YYYY-MM).") public var month: YearMonth
        public init() {}
    }

    public static func run(_ input: Input, _ context: StoreContext) throws -> EntitlementOutput {
        EntitlementOutput(entitlement: try context.services.cases.entitlement(caseID: input.caseID, month: input.month, actor: context.actor))
    }
}

/// `benefit.quote`: what a grade earns in a service mode in a month.
///
/// A computation: it reads the database only for a scheme named by a stored
/// id, so a quote of a built-in example or a scheme file needs neither a
/// database nor an actor.
public enum QuoteBenefit: ComputeOperation {
    public static let name = "benefit.quote"
    public static let summary = "What a grade earns in a service mode in a month, line by line."
    public static let discussion = "The scheme is a stored scheme's id, else a built-in example's name. Where the scheme prices insured groups apart, the quote names the group (and, where it prices tiers, the tier)."
    public static let effect = OperationEffect.reads
    public static let result = "{scheme, grade, mode, insured?, month, days, pricing, hours?, visits?, eligibleCost, fundShare, personalShare, cash, lines}"
    public static let example: JSONObject = ["actor": "administrator:wang", "scheme": "tianjin-style-2026", "grade": 4, "mode": "home-care", "month": "2026-04"]

    public struct Input: Params {
        @Param("actor", "Who is acting (a quote needs no actor): administrator:ID, auditor:ID, assessor:ID or institution:ID.") public var actor: Actor?
        @Param("scheme", "A stored scheme's id, else a built-in example's.", .text(.id)) public var scheme: SchemeReference
        @Param("grade", "The grade.") public var grade: Int
        @Param("mode", "The service mode id.", .text(.id)) public var mode: String
        @ParamGroup public var group: InsuredGroupParams
        @Param("month", "The month (YYYY-MM).") public var month: YearMonth
        @Param("days", "Days of the month in force (default all).") public var days: Int?
        public init() {}
    }

    public static func run(_ input: Input, _ context: ComputeContext) throws -> QuoteOutput {
        if let named = input.actor { _ = try context.caller.actor(naming: named) }
        let insured: InsuredGroup?
        do { insured = try input.group.group() } catch { throw error.error }
        let scheme = try input.scheme.scheme { try context.environment.services().registry.storedScheme(id: $0) }
        return QuoteOutput(quote: try BenefitQuote(scheme: scheme, grade: input.grade, mode: input.mode, insured: insured, month: input.month,
                                                   days: input.days))
    }
}

/// `fund.project`: the fund's outlay, income and balance for a month and the year from it.
///
/// A computation: it reads the database only for the stored cases (when
/// the request gives no beneficiaries), and then for a registered actor.
public enum ProjectFund: ComputeOperation {
    public static let name = "fund.project"
    public static let summary = "The fund's outlay, contribution income and balance for a month and the year from it."
    public static let discussion = "Without beneficiaries, they are the stored cases in force on the first day of the month that the actor may see (an actor is then needed); for administrators and auditors the result then carries what the fund actually spent in the month (actual: {month, care, cash, total, withheld, heldAboveBudget, owed}; care, cash and total null until settled and run)."
    public static let effect = OperationEffect.reads
    public static let result = "{scheme, from, outlay, income, monthlyOutlay, yearlyOutlay, yearlyIncome, yearlyBalance, actual? (the stored cases: {month, care, cash, total, withheld, heldAboveBudget, owed}; care, cash and total null until settled and run)}"
    public static let example: JSONObject = ["actor": "administrator:wang", "scheme": "tianjin-style-2026", "from": "2026-01",
                                             "beneficiaries": [["grade": 3, "mode": "institution", "count": 100]],
                                             "insured": [["type": "employee", "count": 1000, "averageMonthlyBase": 6000]]]

    public struct Input: Params {
        @Param("actor", "Who is acting: administrator:ID, auditor:ID, assessor:ID or institution:ID; needed for the stored cases.") public var actor: Actor?
        @Param("scheme", "A stored scheme's id, else a built-in example's.", .text(.id)) public var scheme: SchemeReference
        @Param("from", "The first month (YYYY-MM).") public var from: YearMonth
        @Param("beneficiaries", "Beneficiaries by grade, mode and (where the scheme prices groups apart) insured group; leave out to count the stored cases.")
        public var beneficiaries: [BeneficiaryCount]?
        @Param("insured", "The insured people by insurance type, with their average monthly contribution base.") public var insured: [InsuredCount]
        @Param("balance", "The fund's balance before the first month, in yuan: the result then carries the risk warning at the year's end (risk: {balance, monthlySpending, months, coverMonths, level}).")
        public var balance: Money?
        public init() {}
    }

    public static func run(_ input: Input, _ context: ComputeContext) throws -> ProjectionOutput {
        let scheme = try input.scheme.scheme { try context.environment.services().registry.storedScheme(id: $0) }
        let groups: [FundProjection.Group]
        var stored: Actor?
        if let rows = input.beneficiaries {
            if let named = input.actor { _ = try context.caller.actor(naming: named) }
            groups = rows.map(\.group)
        } else {
            let actor = try context.registeredActor(naming: input.actor)
            groups = try context.environment.services().cases.population(on: input.from.firstDay, schemeID: scheme.id, actor: actor)
            stored = actor
        }
        let insured = input.insured.map { FundProjection.Insured(type: $0.type, count: $0.count, averageMonthlyBase: $0.averageMonthlyBase) }
        var projection = try FundProjection(scheme: scheme, from: input.from, beneficiaries: groups, insured: insured)
        if let balance = input.balance {
            guard balance.fen.magnitude <= FundIncome.limit.fen.magnitude else {
                throw BenefitError("a balance is at most \(FundIncome.limit) either way, not \(balance)")
            }
            try projection.projectRisk(balance: balance, scheme: scheme)
        }
        // A projection of the stored cases comes with what the fund actually spent in the month.
        guard let stored, Access.allows(stored, .readAll) else { return ProjectionOutput(projection: projection, actual: nil) }
        return ProjectionOutput(projection: projection, actual: try context.environment.services().reports.spending(month: input.from, actor: stored))
    }
}

/// A count of beneficiaries of one grade, mode and insured group: `{grade, mode, insured?, tier?, count}`.
public struct BeneficiaryCount: ParamsObject {
    @Param("grade", "The grade.") public var grade: Int
    @Param("mode", "The service mode id.", .text(.id)) public var mode: String
    @ParamGroup public var insured: InsuredGroupParams
    @Param("count", "How many beneficiaries.") public var count: Int
    public init() {}

    public init(param value: JSONValue) throws(ParamProblems) {
        guard let object = value.objectValue else { throw .wrongType(expected: "object", found: value) }
        self = try ParamsReader.read(Self.self, object)
        _ = try insured.group()
    }

    /// The group, as the projection counts it (its insured group read and checked with it).
    var group: FundProjection.Group {
        FundProjection.Group(grade: grade, mode: mode, insured: insured.insured.map { InsuredGroup($0, tier: insured.tier) }, count: count)
    }
}

/// The insured people of one insurance type: `{type, count, averageMonthlyBase}`.
public struct InsuredCount: ParamsObject {
    @Param("type", "The insurance type.") public var type: InsuranceType
    @Param("count", "How many are insured.") public var count: Int
    @Param("averageMonthlyBase", "Their average monthly contribution base, in yuan.") public var averageMonthlyBase: Money
    public init() {}
}

/// A scheme a request names: a stored scheme's id, else a built-in
/// example's name; or, given as a file (`--scheme-file` on the command
/// line), the scheme file itself.
public struct SchemeReference: AttachableParam {
    enum Source: Sendable {
        case name(String)
        case document([UInt8], source: String)
    }

    let source: Source

    public static var schema: JSONSchema { .string() }

    public init(param value: JSONValue) throws(ParamProblems) {
        guard let text = value.stringValue else { throw .wrongType(expected: "string", found: value) }
        source = .name(text)
    }

    public init(attachment: Attachment) {
        // A file that cannot be read is reported where it is decoded, as empty input.
        source = .document((try? attachment.bytes()) ?? [], source: attachment.name)
    }

    /// The scheme: the file decoded, or the scheme `stored` finds by the id, else the built-in example of that name.
    func scheme(stored: (String) throws -> Scheme?) throws -> Scheme {
        switch source {
        case .document(let bytes, let name):
            return try Scheme.decode(text: bytes, source: name)
        case .name(let id):
            if let scheme = try stored(id) { return scheme }
            if let scheme = try BuiltInSchemes.scheme(named: id) { return scheme }
            throw CaseError(.noSchemeInForce, "no stored scheme '\(id)' and no built-in one; built in: \(BuiltInSchemes.names.joined(separator: ", "))")
        }
    }
}

/// A case's entitlement for a month.
public struct EntitlementOutput: OperationOutput {
    public let entitlement: Entitlement
    public var json: JSONValue { entitlement.json }
    public var text: String { entitlement.lines.joined(separator: "\n") }
    public static var schema: JSONSchema {
        .object([
            ("case", .integer()), ("month", .string()),
            ("days", .array(.object(["from": RecordSchemas.date, "to": RecordSchemas.date, "days": .integer(), "status": .string()],
                                    required: ["from", "to", "days", "status"]))),
            ("parts", .array(RecordSchemas.quote)),
            ("subsidies", .array(.object(["subsidy": .string(), "interaction": .string(), "amount": RecordSchemas.amount,
                                          "deducted": RecordSchemas.amount, "note": .string()],
                                         required: ["subsidy", "interaction", "amount", "deducted", "note"]))),
            ("fundShare", RecordSchemas.amount), ("personalShare", RecordSchemas.amount), ("cash", RecordSchemas.amount),
            ("deducted", RecordSchemas.amount), ("payable", RecordSchemas.amount), ("lines", RecordSchemas.strings),
        ], required: ["case", "month", "days", "parts", "subsidies", "fundShare", "personalShare", "cash", "deducted", "payable", "lines"])
    }
}

/// A quote, line by line, and what the grade is entitled to.
public struct QuoteOutput: OperationOutput {
    public let quote: BenefitQuote
    public var json: JSONValue { quote.json }
    public var text: String {
        var summary = "entitled: eligible cost \(quote.eligibleCost), fund \(quote.fundShare), person \(quote.personalShare)"
        if quote.cash > .zero || quote.pricing == .cash { summary += ", cash \(quote.cash)" }
        return (quote.lines + [summary]).joined(separator: "\n")
    }
    public static var schema: JSONSchema { RecordSchemas.quote }
}

/// A fund projection; for the stored cases, with what the fund actually spent.
public struct ProjectionOutput: OperationOutput {
    public let projection: FundProjection
    /// What the fund spent in the month (LTCProviders' FundSpending: `{month, care, cash, total, withheld, heldAboveBudget, owed}`), for a projection of the stored cases.
    public let actual: JSONValue?

    public var json: JSONValue {
        guard let actual, case .object(var object) = projection.json else { return projection.json }
        object.set("actual", actual)
        return .object(object)
    }

    /// The rows and totals as CSV.
    public var csv: String { projection.csv }

    public var text: String {
        let month = projection.from
        var table = TextTable()
        table.header([("GRADE", "等级"), ("MODE", "服务方式"), ("COUNT", "人数"), ("PER PERSON", "人均"), ("\(month)", "本月"), ("12 MONTHS", "12个月")])
        for row in projection.outlay {
            table.append([String(row.group.grade), row.group.mode, String(row.group.count), row.perPersonMonth.description,
                          row.month.description, row.year.description])
        }
        table.append(["", "outlay", "", "", projection.monthlyOutlay.description, projection.yearlyOutlay.description])
        for row in projection.income {
            table.append(["", "income \(row.insured.type.rawValue)", String(row.insured.count), row.perPersonYear.description + "/yr", "", row.year.description])
        }
        table.append(["", "balance", "", "", "", projection.yearlyBalance.description])
        var lines = ["scheme \(projection.schemeID), \(month) and the 12 months from it (yuan)", table.rendered()]
        if let actual, let total = actual["total"].flatMap(Money.init(json:)) {
            let part = { (key: String) in actual[key].flatMap(Money.init(json:))?.description ?? "not yet" }
            lines.append("actual \(month): care \(part("care")) + cash \(part("cash")) = \(total), against the projected \(projection.monthlyOutlay)")
        }
        if let risk = projection.risk { lines.append("at the year's end: " + FundRiskText.line(risk)) }
        return lines.joined(separator: "\n")
    }

    public static var schema: JSONSchema {
        let amount = RecordSchemas.amount
        return .object([
            ("scheme", .string()), ("from", .string()),
            ("outlay", .array(.object([("grade", .integer()), ("mode", .string()), ("insured", .enumeration(["employee", "resident"])),
                                       ("tier", .integer(minimum: 1, maximum: 9)), ("count", .integer()), ("perPersonMonth", amount),
                                       ("month", amount), ("year", amount)],
                                      required: ["grade", "mode", "count", "perPersonMonth", "month", "year"]))),
            ("income", .array(.object(["type": .enumeration(["employee", "resident"]), "count": .integer(), "perPersonYear": amount, "year": amount],
                                      required: ["type", "count", "perPersonYear", "year"]))),
            ("monthlyOutlay", amount), ("yearlyOutlay", amount), ("yearlyIncome", amount), ("yearlyBalance", amount),
            ("risk", RecordSchemas.fundRisk.orNull.describing("The risk warning at the year's end, where a balance was given.")),
            ("actual", JSONSchema.object(["month": .string(), "care": amount.orNull, "cash": amount.orNull, "total": amount.orNull],
                                         required: ["month", "care", "cash", "total"]).describing("What the fund spent in the month: for the stored cases, to administrators and auditors.")),
        ], required: ["scheme", "from", "outlay", "income", "monthlyOutlay", "yearlyOutlay", "yearlyIncome", "yearlyBalance"])
    }
}
