import LTCBenefits
import LTCCases
import LTCCore
import LTCProviders

/// A settled month's fund use for the fund's managers: by grade, by service
/// mode, by district and by institution; the institutions with the most
/// rejected logs; and the rating distribution of the assessments covering
/// the month. Every breakdown adds up to what the fund spends for the month
/// (its share and the statements' adjustments) to the fen: by grade and mode
/// from the accepted logs themselves, by district and institution from the
/// statements, and in each a row of the adjustments, which belong to no log
/// of the month.
public struct FundReport: Sendable, Equatable {
    public struct Row: Sendable, Equatable {
        public var key: String
        public var logs: Int
        public var allowed: Money
        public var fund: Money

        public init(key: String, logs: Int, allowed: Money, fund: Money) {
            self.key = key
            self.logs = logs
            self.allowed = allowed
            self.fund = fund
        }
    }

    public struct Rejections: Sendable, Equatable {
        public var institution: String
        public var received: Int
        public var rejected: Int
        /// Rejected share in basis points.
        public var share: Int
    }

    public var month: YearMonth
    public var settlement: SettlementRun
    public var byGrade: [Row]
    public var byMode: [Row]
    public var byDistrict: [Row]
    public var byInstitution: [Row]
    public var mostRejected: [Rejections]
    /// Rating → institutions so rated, among assessments whose period holds the month.
    public var ratings: [(rating: String, count: Int)]
    /// The names of the institutions of the month's statements, by id, to show beside the ids.
    public var institutionNames: [String: String] = [:]
    /// The use of beneficiaries living outside the scheme's region (异地), by
    /// the region lived in: shown apart, a part of the breakdowns above, not added to them.
    public var outOfRegion: [Row] = []
    /// The month's cash payment run, if it has been run: cash paid to
    /// beneficiaries and carers, which no institution's statement holds.
    public var cash: CashRun?

    /// The statements whose institution has reached a warning level of its budget, highest use first.
    public var budgetWarnings: [Statement] {
        settlement.statements.filter { $0.warning != nil }.sorted {
            ($0.usedThisYear ?? .zero).fen * ($1.budget ?? .zero).fen > ($1.usedThisYear ?? .zero).fen * ($0.budget ?? .zero).fen
        }
    }

    /// Of what the month's statements withheld and held, what the fund still owes (``FundSpending/owed``).
    public var owed: Money = .zero

    /// The fund's risk warning at the month's end (``EnforcementService/fundNotice(month:in:)``):
    /// `nil` where no income is recorded or the scheme sets no warning levels.
    public var risk: FundRisk? = nil

    /// What the fund spent for the month (``FundSpending``, the one definition):
    /// care paid (the statements' payable) and cash paid, the withheld and
    /// held amounts being what it still owes, not spent.
    public var spending: FundSpending { FundSpending(month: month, settlement: settlement, cash: cash, owed: owed) }

    /// What the fund spent for the month: ``spending``'s total.
    public var totalSpent: Money { spending.total ?? .zero }

    public static func == (lhs: FundReport, rhs: FundReport) -> Bool {
        lhs.month == rhs.month && lhs.settlement == rhs.settlement && lhs.byGrade == rhs.byGrade && lhs.byMode == rhs.byMode
            && lhs.byDistrict == rhs.byDistrict && lhs.byInstitution == rhs.byInstitution && lhs.mostRejected == rhs.mostRejected
            && lhs.ratings.map(\.rating) == rhs.ratings.map(\.rating) && lhs.ratings.map(\.count) == rhs.ratings.map(\.count)
            && lhs.institutionNames == rhs.institutionNames && lhs.cash == rhs.cash && lhs.outOfRegion == rhs.outOfRegion && lhs.owed == rhs.owed
            && lhs.risk == rhs.risk
    }

    /// The fund's share of the month's accepted services.
    public var fund: Money { settlement.statements.reduce(.zero) { $0 + $1.fund } }

    /// Adjustments the month's statements carry (corrections and withdrawals of settled months, penalties).
    public var adjustments: Money { settlement.statements.reduce(.zero) { $0 + $1.adjustments } }

    /// Other subsidies deducted from LTCI that the statements took off care.
    public var subsidiesDeducted: Money { settlement.statements.reduce(.zero) { $0 + $1.subsidiesDeducted } }

    /// The fund's use for the month: its share and the adjustments, less the
    /// subsidies deducted; every breakdown adds up to it. What it spent is
    /// this less what the statements withheld and held (``totalSpent``).
    public var netFund: Money { fund + adjustments - subsidiesDeducted }

    /// The key of the row in each breakdown that holds the subsidies deducted.
    public static let deductionsKey = "other subsidies deducted"

    /// The key of the row in each breakdown that holds the adjustments.
    public static let adjustmentsKey = "adjustments (earlier months, penalties)"

    /// The names of the report's tables, in order: each breakdown, the most rejected, the ratings.
    public static let tableNames = ["grade", "mode", "district", "institution", "rejected", "ratings"]

    /// The report as CSV tables, one per breakdown (`grade,logs,allowed,fund`;
    /// its row of adjustments keyed by text), the rejections (`institution,
    /// received,rejected,rejected_percent`) and the ratings: numbers as
    /// numbers, every table's header its own.
    public var tables: [(name: String, table: CSVTable)] {
        func breakdown(_ column: String, _ rows: [Row], numberAfter prefix: String? = nil) -> CSVTable {
            var table = CSVTable(header: [column, "logs", "allowed", "fund"])
            for row in rows {
                // A grade's key "grade 3" is the number 3 in its column; the adjustments row stays text.
                let number = prefix.flatMap { row.key.hasPrefix($0) ? Int(row.key.dropFirst($0.count)) : nil }
                let key: CSVTable.Cell = number.map { .number(String($0)) } ?? .text(row.key)
                table.append([key, .number(String(row.logs)), .number(row.allowed.description), .number(row.fund.description)])
            }
            return table
        }
        var rejected = CSVTable(header: ["institution", "received", "rejected", "rejected_percent"])
        for row in mostRejected {
            rejected.append([.text(row.institution), .number(String(row.received)), .number(String(row.rejected)),
                             .number(Points(hundredths: row.share).description)])
        }
        var rated = CSVTable(header: ["rating", "institutions"])
        for row in ratings { rated.append([.text(row.rating), .number(String(row.count))]) }
        return [("grade", breakdown("grade", byGrade, numberAfter: "grade ")), ("mode", breakdown("mode", byMode)),
                ("district", breakdown("district", byDistrict)), ("institution", breakdown("institution", byInstitution)),
                ("rejected", rejected), ("ratings", rated)]
    }

    /// One of ``tables`` by name.
    public func table(_ name: String) -> CSVTable? {
        tables.first { $0.name == name }?.table
    }

    public var json: JSONValue {
        func rows(_ rows: [Row]) -> JSONValue {
            .array(rows.map { ["key": .string($0.key), "logs": .integer($0.logs), "allowed": $0.allowed.json, "fund": $0.fund.json] })
        }
        return [
            "month": .string(month.description), "fund": fund.json, "adjustments": adjustments.json,
            "subsidiesDeducted": subsidiesDeducted.json, "netFund": netFund.json,
            "payable": settlement.fundTotal.json,
            "cash": cash?.json ?? .null, "totalSpent": totalSpent.json,
            "withheld": spending.withheld.json, "heldAboveBudget": spending.heldAboveBudget.json, "owed": owed.json,
            "outOfRegion": rows(outOfRegion),
            "budgetWarnings": .array(budgetWarnings.map {
                ["institution": .string($0.institution), "budget": ($0.budget ?? .zero).json, "usedThisYear": ($0.usedThisYear ?? .zero).json,
                 "warning": $0.warning?.json ?? .null, "heldAboveBudget": $0.heldAboveBudget.json]
            }),
            "byGrade": rows(byGrade), "byMode": rows(byMode), "byDistrict": rows(byDistrict), "byInstitution": rows(byInstitution),
            "mostRejected": .array(mostRejected.map {
                ["institution": .string($0.institution), "received": .integer($0.received), "rejected": .integer($0.rejected),
                 "share": Points(hundredths: $0.share).json]
            }),
            "ratings": .array(ratings.map { ["rating": .string($0.rating), "count": .integer($0.count)] }),
            "risk": risk?.json ?? .null,
        ]
    }
}
