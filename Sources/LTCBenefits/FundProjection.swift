import LTCCore
import LTCSchemes

/// The fund's outlay for a population of beneficiaries, the contribution
/// income of the insured, and the balance, over a month and the year from it.
///
/// ```swift
/// let projection = try FundProjection(scheme: scheme, from: YearMonth("2026-01")!,
///     beneficiaries: [.init(grade: 3, mode: "home-visit", count: 1200)],
///     insured: [.init(type: .employee, count: 500_000, averageMonthlyBase: Money(yuan: 6000))])
/// projection.yearlyBalance
/// ```
///
/// Each beneficiary is taken at full use of their entitlement (fund share
/// plus cash); the year is the sum of its twelve months, so day-priced
/// modes follow each month's length.
public struct FundProjection: Sendable {
    public struct Group: Sendable, Equatable {
        public var grade: Int
        public var mode: String
        /// The insured group, where the scheme prices groups apart.
        public var insured: InsuredGroup?
        public var count: Int

        public init(grade: Int, mode: String, insured: InsuredGroup? = nil, count: Int) {
            self.grade = grade
            self.mode = mode
            self.insured = insured
            self.count = count
        }

        var label: String { "grade \(grade), \(mode)" + (insured.map { ", \($0)" } ?? "") }
    }

    public struct Insured: Sendable, Equatable {
        public var type: InsuranceType
        public var count: Int
        /// The average monthly contribution base (wage) that rates apply to.
        public var averageMonthlyBase: Money

        public init(type: InsuranceType, count: Int, averageMonthlyBase: Money) {
            self.type = type
            self.count = count
            self.averageMonthlyBase = averageMonthlyBase
        }
    }

    public struct OutlayRow: Sendable, Equatable {
        public var group: Group
        /// What one beneficiary costs the fund in the first month, and over the year.
        public var perPersonMonth: Money
        public var month: Money
        public var year: Money
    }

    public struct IncomeRow: Sendable, Equatable {
        public var insured: Insured
        public var perPersonYear: Money
        public var year: Money
    }

    public var schemeID: String
    public var from: YearMonth
    public var outlay: [OutlayRow]
    public var income: [IncomeRow]

    /// The risk warning at the year's end, where a starting balance was given
    /// (``projectRisk(balance:scheme:)``): the balance then, against a
    /// twelfth of the year's outlay, by the scheme's warning levels.
    public var risk: FundRisk? = nil

    /// Sets ``risk`` from the fund's balance before the first month.
    public mutating func projectRisk(balance: Money, scheme: Scheme) throws(BenefitError) {
        let (end, overflow) = balance.fen.addingReportingOverflow(yearlyBalance.fen)
        guard !overflow else { throw BenefitError("a balance of \(balance) is beyond what ltc can add up") }
        risk = FundRisk(balance: Money(fen: end), spent: Array(repeating: Money(fen: yearlyOutlay.fen / 12), count: 12),
                        warnings: scheme.enforcement?.fundWarnings ?? [])
    }

    public var monthlyOutlay: Money { outlay.reduce(.zero) { $0 + $1.month } }
    public var yearlyOutlay: Money { outlay.reduce(.zero) { $0 + $1.year } }
    public var yearlyIncome: Money { income.reduce(.zero) { $0 + $1.year } }
    public var yearlyBalance: Money { yearlyIncome - yearlyOutlay }

    /// The most people a group may count: a country's insured, with room to spare.
    public static let countLimit = 200_000_000
    /// The highest average monthly contribution base: a million yuan. Bounds
    /// that keep every product of the projection within 64 bits.
    public static let baseLimit = Money(yuan: 1_000_000)

    public init(scheme: Scheme, from month: YearMonth, beneficiaries: [Group], insured: [Insured]) throws(BenefitError) {
        guard let benefits = scheme.benefits else { throw BenefitError("scheme '\(scheme.id)' defines no benefits") }
        schemeID = scheme.id
        from = month
        outlay = try beneficiaries.map { group throws(BenefitError) in
            guard (0...Self.countLimit).contains(group.count) else {
                throw BenefitError("a count of beneficiaries is 0 to \(Self.countLimit), not \(group.count) (\(group.label))")
            }
            var year = Money.zero
            var first = Money.zero
            for offset in 0..<12 {
                let quote = try BenefitQuote(scheme: scheme, grade: group.grade, mode: group.mode, insured: group.insured,
                                             month: month.adding(months: offset))
                let perPerson = quote.fundShare + quote.cash
                if offset == 0 { first = perPerson }
                year = year + perPerson
            }
            guard let monthTotal = first.times(group.count), let yearTotal = year.times(group.count) else {
                throw BenefitError("\(group.count) beneficiaries at \(year) a year each is beyond what ltc can add up (\(group.label))")
            }
            return OutlayRow(group: group, perPersonMonth: first, month: monthTotal, year: yearTotal)
        }
        income = try insured.map { insured throws(BenefitError) in
            guard (0...Self.countLimit).contains(insured.count), insured.averageMonthlyBase >= .zero, insured.averageMonthlyBase <= Self.baseLimit else {
                throw BenefitError("an insured count is 0 to \(Self.countLimit) and an average monthly base 0 to \(Self.baseLimit) (\(insured.type.rawValue): \(insured.count), \(insured.averageMonthlyBase))")
            }
            guard let funding = benefits.funding[insured.type] else {
                throw BenefitError("scheme '\(scheme.id)' has no funding settings for \(insured.type.rawValue) insurance")
            }
            let yearlyBase = insured.averageMonthlyBase * 12
            let perPerson = funding.employerRate.apply(to: yearlyBase) + funding.individualRate.apply(to: yearlyBase)
                + funding.individualPerCapita + funding.governmentPerCapita
            guard let yearTotal = perPerson.times(insured.count) else {
                throw BenefitError("\(insured.count) insured at \(perPerson) a year each is beyond what ltc can add up (\(insured.type.rawValue))")
            }
            return IncomeRow(insured: insured, perPersonYear: perPerson, year: yearTotal)
        }
        // The totals and the balance must add up exactly too.
        var checks = [Money.zero, .zero, .zero]
        for (index, amounts) in [outlay.map(\.month), outlay.map(\.year), income.map(\.year)].enumerated() {
            for amount in amounts {
                let (sum, overflow) = checks[index].fen.addingReportingOverflow(amount.fen)
                guard !overflow else { throw BenefitError("the projection's totals are beyond what ltc can add up: give smaller counts") }
                checks[index] = Money(fen: sum)
            }
        }
        guard !checks[2].fen.subtractingReportingOverflow(checks[1].fen).overflow else {
            throw BenefitError("the projection's balance is beyond what ltc can add up: give smaller counts")
        }
    }

    /// Outlay rows and income rows as CSV (amounts in yuan with two
    /// decimals), with no total or balance row: the `year` column of a
    /// section adds up to its total once. The totals and the balance are in
    /// the text and the JSON.
    public var csv: String {
        var lines = ["section,grade,mode_or_type,count,per_person,month,year,insured"]
        for row in outlay {
            lines.append("outlay,\(row.group.grade),\(CSVText.cell(row.group.mode)),\(row.group.count),\(row.perPersonMonth),\(row.month),\(row.year),"
                + (row.group.insured?.description ?? ""))
        }
        for row in income {
            lines.append("income,,\(row.insured.type.rawValue),\(row.insured.count),\(row.perPersonYear),,\(row.year)")
        }
        return lines.joined(separator: "\n")
    }

    public var json: JSONValue {
        var object: JSONObject = [
            "scheme": .string(schemeID), "from": .string(from.description),
            "outlay": .array(outlay.map { row -> JSONValue in
                var object: JSONObject = ["grade": .integer(row.group.grade), "mode": .string(row.group.mode)]
                if let insured = row.group.insured {
                    object.set("insured", .string(insured.insurance.rawValue))
                    if let tier = insured.tier { object.set("tier", .integer(tier)) }
                }
                object.set("count", .integer(row.group.count))
                object.set("perPersonMonth", row.perPersonMonth.json)
                object.set("month", row.month.json)
                object.set("year", row.year.json)
                return .object(object)
            }),
            "income": .array(income.map {
                ["type": .string($0.insured.type.rawValue), "count": .integer($0.insured.count),
                 "perPersonYear": $0.perPersonYear.json, "year": $0.year.json]
            }),
            "monthlyOutlay": monthlyOutlay.json, "yearlyOutlay": yearlyOutlay.json,
            "yearlyIncome": yearlyIncome.json, "yearlyBalance": yearlyBalance.json,
        ]
        if let risk { object.set("risk", risk.json) }
        return .object(object)
    }
}
