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

    public static func == (lhs: FundReport, rhs: FundReport) -> Bool {
        lhs.month == rhs.month && lhs.settlement == rhs.settlement && lhs.byGrade == rhs.byGrade && lhs.byMode == rhs.byMode
            && lhs.byDistrict == rhs.byDistrict && lhs.byInstitution == rhs.byInstitution && lhs.mostRejected == rhs.mostRejected
            && lhs.ratings.map(\.rating) == rhs.ratings.map(\.rating) && lhs.ratings.map(\.count) == rhs.ratings.map(\.count)
    }

    /// The fund's share of the month's accepted services.
    public var fund: Money { settlement.statements.reduce(.zero) { $0 + $1.fund } }

    /// Adjustments the month's statements carry (corrections and withdrawals of settled months, penalties).
    public var adjustments: Money { settlement.statements.reduce(.zero) { $0 + $1.adjustments } }

    /// What the fund spends for the month: its share and the adjustments; every breakdown adds up to it.
    public var netFund: Money { fund + adjustments }

    /// The key of the row in each breakdown that holds the adjustments.
    public static let adjustmentsKey = "adjustments (earlier months, penalties)"

    /// The sections as CSV: `section,key,logs,allowed,fund`, and the rejections and ratings after.
    public var csv: String {
        var lines = ["section,key,logs,allowed,fund"]
        for (section, rows) in [("grade", byGrade), ("mode", byMode), ("district", byDistrict), ("institution", byInstitution)] {
            for row in rows { lines.append("\(section),\(CSVText.cell(row.key)),\(row.logs),\(row.allowed),\(row.fund)") }
        }
        lines.append("")
        lines.append("institution,received,rejected,rejected_share")
        for row in mostRejected { lines.append("\(CSVText.cell(row.institution)),\(row.received),\(row.rejected),\(Points(hundredths: row.share)) %") }
        lines.append("")
        lines.append("rating,institutions")
        for row in ratings { lines.append("\(CSVText.cell(row.rating)),\(row.count)") }
        return lines.joined(separator: "\n") + "\n"
    }

    public var json: JSONValue {
        func rows(_ rows: [Row]) -> JSONValue {
            .array(rows.map { ["key": .string($0.key), "logs": .integer($0.logs), "allowed": $0.allowed.json, "fund": $0.fund.json] })
        }
        return [
            "month": .string(month.description), "fund": fund.json, "adjustments": adjustments.json, "netFund": netFund.json,
            "payable": settlement.fundTotal.json,
            "byGrade": rows(byGrade), "byMode": rows(byMode), "byDistrict": rows(byDistrict), "byInstitution": rows(byInstitution),
            "mostRejected": .array(mostRejected.map {
                ["institution": .string($0.institution), "received": .integer($0.received), "rejected": .integer($0.rejected),
                 "share": Points(hundredths: $0.share).json]
            }),
            "ratings": .array(ratings.map { ["rating": .string($0.rating), "count": .integer($0.count)] }),
        ]
    }
}
