import LTCOperations
import LTCAssessment
import LTCBenefits
import LTCCases
import LTCCore
import LTCReports
import LTCSchemes

/// The JSON-RPC methods on stored data not yet in the operation catalogue:
/// benefits, review and care plans (`CaseMethods+Review.swift`, `+Plans.swift`).
/// Every one takes `actor` ("role:id"); changes take an optional `asOf`
/// date. They all read or change stored state, so each runs after every
/// earlier request of the stream has been answered.
public struct CaseMethods: Sendable {
    /// The worker's services, opened on first use.
    private let services: LazyServices

    public init(services: LazyServices) {
        self.services = services
    }

    static let actor = RPCParameter("actor", .string, required: false,
                                    "Who is acting: administrator:ID, auditor:ID, assessor:ID or institution:ID; required unless the process was started with --actor, and then only that one.")
    static let asOf = RPCParameter("asOf", .string, required: false,
                                   "The date of the operation (YYYY-MM-DD; administrators only); default today in the scheme's time zone.")
    static let caseID = RPCParameter("case", .integer, "The case id.")

    /// A method on stored data: its actor checked, its date read, run after every earlier request.
    func method(_ name: String, _ summary: String, _ parameters: [RPCParameter], result: String, example: JSONObject,
                _ body: @escaping @Sendable (StoreServices, RPCParams, Actor, CalendarDate?) throws -> JSONValue) -> RPCMethod {
        let services = self.services
        return RPCMethod(name: name, summary: summary, parameters: parameters, result: result, example: example, ordering: .sequential) { params in
            let actor = try services.actor(params)
            return try body(try services.get(), params, actor, try services.date(params, actor: actor))
        }
    }

    public var methods: [RPCMethod] {
        let admin: JSONValue = "administrator:wang"
        let actor = Self.actor, caseID = Self.caseID

        return [
            method("benefit.entitlement", "A stored case's entitlement for a month, day by day.",
                   [actor, caseID, RPCParameter("month", .string, "The month (YYYY-MM).")],
                   result: "{case, month, days, parts, subsidies, fundShare, personalShare, cash, deducted, payable, lines}",
                   example: ["actor": admin, "case": 1, "month": "2026-04"]) { service, params, actor, _ in
                try service.cases.entitlement(caseID: params.int("case")!, month: try Self.month(params, "month"), actor: actor).json
            },
            method("benefit.quote", "What a grade earns in a service mode in a month, line by line.",
                   [actor, RPCParameter("scheme", .string, "A stored scheme's id, else a built-in example's."), RPCParameter("grade", .integer, "The grade."),
                    RPCParameter("mode", .string, "The service mode id."),
                    RPCParameter("insured", .string, required: false, "The insured group, employee or resident, where the scheme prices groups apart."),
                    RPCParameter("tier", .integer, required: false, "The contribution tier within the group, where the scheme prices tiers."),
                    RPCParameter("month", .string, "The month (YYYY-MM)."),
                    RPCParameter("days", .integer, required: false, "Days of the month in force (default all).")],
                   result: "{scheme, grade, mode, insured?, month, days, pricing, hours?, visits?, eligibleCost, fundShare, personalShare, cash, lines}",
                   example: ["actor": admin, "scheme": "tianjin-style-2026", "grade": 4, "mode": "home-care", "month": "2026-04"]
            ) { service, params, _, _ in
                guard params.int("tier") == nil || params.string("insured") != nil else {
                    throw CaseError(.invalidInput, "tier is a tier of an insured group: give insured too")
                }
                return try BenefitQuote(scheme: try Self.scheme(service, params), grade: params.int("grade")!, mode: params.string("mode")!,
                                 insured: try params.string("insured").map { name throws(CaseError) in
                                     InsuredGroup(try Self.insurance(name, "insured"), tier: params.int("tier"))
                                 },
                                 month: try Self.month(params, "month"), days: params.int("days")).json
            },
            method("fund.project", "The fund's outlay, contribution income and balance for a month and the year from it.",
                   [actor, RPCParameter("scheme", .string, "A stored scheme's id, else a built-in example's."), RPCParameter("from", .string, "The first month (YYYY-MM)."),
                    RPCParameter("beneficiaries", .array, required: false, "[{grade, mode, insured?, tier?, count}]; leave out to count the stored cases."),
                    RPCParameter("insured", .array, "[{type, count, averageMonthlyBase}]")],
                   result: "{scheme, from, outlay, income, monthlyOutlay, yearlyOutlay, yearlyIncome, yearlyBalance, actual? (the stored cases: {month, care, cash, total}, null until settled and run)}",
                   example: ["actor": admin, "scheme": "tianjin-style-2026", "from": "2026-01",
                             "beneficiaries": [["grade": 3, "mode": "institution", "count": 100]],
                             "insured": [["type": "employee", "count": 1000, "averageMonthlyBase": 6000]]]
            ) { service, params, actor, _ in
                let scheme = try Self.scheme(service, params)
                let month = try Self.month(params, "from")
                let groups = try params.array("beneficiaries").map { rows throws(CaseError) -> [FundProjection.Group] in
                    try rows.enumerated().map { index, row throws(CaseError) in
                        guard let grade = row["grade"]?.intValue, let mode = row["mode"]?.stringValue, let count = row["count"]?.intValue else {
                            throw CaseError(.invalidInput, "beneficiaries[\(index)] needs grade (integer), mode (string) and count (integer)")
                        }
                        guard row["tier"] == nil || row["insured"] != nil else {
                            throw CaseError(.invalidInput, "beneficiaries[\(index)].tier is a tier of an insured group: give insured too")
                        }
                        let insured = try row["insured"].map { value throws(CaseError) in
                            InsuredGroup(try Self.insurance(value.stringValue ?? "\(value)", "beneficiaries[\(index)].insured"), tier: row["tier"]?.intValue)
                        }
                        return FundProjection.Group(grade: grade, mode: mode, insured: insured, count: count)
                    }
                } ?? service.cases.population(on: month.firstDay, schemeID: scheme.id, actor: actor)
                let insured = try params.array("insured")!.enumerated().map { index, row throws(CaseError) -> FundProjection.Insured in
                    guard let type = row["type"]?.stringValue.flatMap(InsuranceType.init), let count = row["count"]?.intValue,
                          let base = row["averageMonthlyBase"].flatMap(Money.init(json:)) else {
                        throw CaseError(.invalidInput, "insured[\(index)] needs type (employee or resident), count (integer) and averageMonthlyBase (yuan)")
                    }
                    return FundProjection.Insured(type: type, count: count, averageMonthlyBase: base)
                }
                let projection = try FundProjection(scheme: scheme, from: month, beneficiaries: groups, insured: insured).json
                // A projection of the stored cases comes with what the fund actually spent in the month.
                guard params.array("beneficiaries") == nil, Access.allows(actor, .readAll), var object = projection.objectValue else { return projection }
                object.set("actual", try service.reports.spending(month: month, actor: actor))
                return .object(object)
            },
        ] + reviewMethods + planMethods
    }
}

extension CaseMethods {
    static func insurance(_ name: String, _ parameter: String) throws(CaseError) -> InsuranceType {
        guard let type = InsuranceType(rawValue: name) else {
            throw CaseError(.invalidInput, "\(parameter) '\(name)' is not an insurance type; accepted: \(InsuranceType.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return type
    }

    static func month(_ params: RPCParams, _ name: String) throws(CaseError) -> YearMonth {
        guard let text = params.string(name), let month = YearMonth(text) else {
            throw CaseError(.invalidInput, "\(name) must be a month, YYYY-MM")
        }
        return month
    }

    /// The stored scheme the params name, else the built-in example of that name.
    static func scheme(_ services: StoreServices, _ params: RPCParams) throws -> Scheme {
        let id = params.string("scheme")!
        if let stored = try services.registry.storedScheme(id: id) { return stored }
        if let builtIn = try BuiltInSchemes.scheme(named: id) { return builtIn }
        return try services.registry.scheme(id: id)
    }
}

extension RPCParams {
    /// A date parameter, if given; an error naming it if it is not YYYY-MM-DD.
    func date(_ name: String) throws(CaseError) -> CalendarDate? {
        guard let text = string(name) else { return nil }
        guard let date = CalendarDate(text) else { throw CaseError(.invalidInput, "\(name) '\(text)' is not a date; use YYYY-MM-DD") }
        return date
    }
}
