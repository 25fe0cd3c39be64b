import LTCCases
import LTCCore
import LTCReports

/// `report.fund`: a settled month's fund use for the fund's managers.
public enum ReportFund: StoreOperation {
    public static let name = "report.fund"
    public static let summary = "A settled month's fund use by grade, mode, district and institution, the most rejected logs and the ratings."
    public static let discussion = "Read from the month's settlement and the usage ledger, which close with the month."
    public static let command = "report"
    public static let access = AccessRule.permission(.readAll)
    public static let effect = OperationEffect.reads
    public static let result = "{month, fund, payable, byGrade, byMode, byDistrict, byInstitution, mostRejected, ratings}, or {csv: {grade, mode, district, institution, rejected, ratings}} (a CSV text per table) / {html}"
    public static let example: JSONObject = ["actor": "administrator:wang", "month": "2026-04"]

    public struct Input: Params {
        @Param("month", "The settled month, YYYY-MM.") public var month: YearMonth
        @Param("format", "json (the report), csv (a CSV text per table: \(FundReport.tableNames.joined(separator: ", "))) or html (a self-contained page with charts).", default: "json") public var format: FundReportFormat
        public init() {}
    }

    public static func run(_ input: Input, _ context: StoreContext) throws -> FundReportOutput {
        FundReportOutput(report: try context.services.reports.report(month: input.month, actor: context.actor), format: input.format)
    }
}

/// A fund report in the format asked for; as text, the summary with its tables.
public struct FundReportOutput: OperationOutput {
    public let report: FundReport
    public let format: FundReportFormat

    public var json: JSONValue {
        switch format {
        case .json: report.json
        case .csv: ["csv": .object(JSONObject(report.tables.map { .init($0.name, .string($0.table.text())) }))]
        case .html: ["html": .string(report.html)]
        }
    }

    public var text: String { FundReportText.render(report) }

    public static var schema: JSONSchema {
        .oneOf([
            RecordSchemas.fundReport,
            .object(["csv": .object(FundReport.tableNames.map { ($0, JSONSchema.string()) }, required: FundReport.tableNames)], required: ["csv"])
                .describing("format csv: each table as CSV text, its header first."),
            .object(["html": .string()], required: ["html"]).describing("format html: a self-contained page."),
        ])
    }
}
