import LTCOperations
import LTCCases
import LTCCore
import LTCProviders
import LTCReports

/// The JSON-RPC methods of supervision not yet in the operation catalogue:
/// `violation.*`, `credit.get`, `inspection.*`, `complaint.record`,
/// `performance.assess` and `report.fund`. Every one takes `actor` and an
/// optional `asOf`; they run in order with the stream's other stored-data methods.
public struct ProviderMethods: Sendable {
    /// The worker's services, opened on first use.
    private let services: LazyServices

    public init(services: LazyServices) {
        self.services = services
    }

    public var methods: [RPCMethod] {
        let services = self.services
        let actor = CaseMethods.actor, asOf = CaseMethods.asOf
        let admin: JSONValue = "administrator:wang"

        func method(_ name: String, _ summary: String, _ parameters: [RPCParameter], result: String, example: JSONObject,
                    _ body: @escaping @Sendable (StoreServices, RPCParams, Actor, CalendarDate) throws -> JSONValue) -> RPCMethod {
            RPCMethod(name: name, summary: summary, parameters: [actor, asOf] + parameters, result: result, example: example, ordering: .sequential) { params in
                let who = try services.actor(params)
                let date = try services.date(params, actor: who)
                let services = try services.get()
                let day = try services.registry.day(date)
                return try body(services, params, who, day)
            }
        }

        return [
            method("violation.record", "Record a violation and apply its penalty through the agreement and the next statement.",
                   [RPCParameter("institution", .string, "The institution id."), RPCParameter("type", .string, "A code of the scheme's negative list."),
                    RPCParameter("penalty", .string, "A penalty the list allows for the type."), RPCParameter("amount", .number, required: false, "Payments concerned, yuan."),
                    RPCParameter("found", .string, required: false, "When found (default asOf)."), RPCParameter("evidence", .string, "The evidence."),
                    RPCParameter("caregiver", .string, required: false, "The caregiver concerned."), RPCParameter("person", .integer, required: false, "The person concerned.")],
                   result: "the violation with its effects (deducted, suspendedUntil, barredUntil, credit)",
                   example: ["actor": admin, "institution": "I001", "type": "V02", "penalty": "recovery", "amount": 1200, "evidence": "inspection"]) { service, params, actor, day in
                var amount = Money.zero
                if let given = params.object["amount"] {
                    guard let money = Money(json: given) else { throw CaseError(.invalidInput, "amount must be \(Money.accepted)") }
                    amount = money
                }
                return try service.supervision.recordViolation(institution: params.string("institution")!, caregiver: params.string("caregiver"), person: params.int("person"),
                                                   type: params.string("type")!, foundOn: try Self.date(params, "found", default: day),
                                                   evidence: params.string("evidence")!, amount: amount, penalty: params.string("penalty")!,
                                                   actor: actor, asOf: day).json
            },
            method("violation.list", "Recorded violations, by id, a page at a time.",
                   [RPCParameter("institution", .string, required: false, "Only this institution's."), Paging.limit, Paging.after(.integer, "violation id")],
                   result: "{violations: [...], next}", example: ["actor": admin]) { service, params, actor, _ in
                Paging.result("violations", try service.supervision.violations(institution: params.string("institution"), actor: actor, page: try Paging.request(params)),
                              cursor: JSONValue.integer) { $0.json }
            },
            method("credit.get", "A credit score and its history.",
                   [RPCParameter("subject", .string, "institution:ID, caregiver:INSTITUTION/ID or person:ID.")],
                   result: "{subject, score, closerChecks, barred, history}", example: ["actor": admin, "subject": "institution:I001"]) { service, params, actor, day in
                try service.supervision.credit(of: params.string("subject")!, actor: actor, asOf: day).json
            },
            method("inspection.record", "Record an on-site inspection with its score.",
                   [RPCParameter("institution", .string, "The institution id."), RPCParameter("score", .integer, "0–100."),
                    RPCParameter("note", .string, "The findings."), RPCParameter("date", .string, required: false, "The day (default asOf)."),
                    RPCParameter("draw", .integer, required: false, "The random draw that sent the inspectors.")],
                   result: "the record", example: ["actor": admin, "institution": "I001", "score": 92, "note": "clean"]) { service, params, actor, day in
                try service.supervision.record(.inspection, institution: params.string("institution")!, date: try Self.date(params, "date", default: day),
                                   score: params.int("score"), person: nil, note: params.string("note")!, draw: params.int("draw"), actor: actor, asOf: day).json
            },
            method("inspection.draw", "Draw institutions with an agreement in force, and two inspectors each from the staff registry, at random (双随机); the seed and pools are kept.",
                   [RPCParameter("count", .integer, "How many institutions."),
                    RPCParameter("seed", .string, required: false, "A seed (digits) to draw with; else one is made and kept.")],
                   result: "{id, drawnOn, seed, institutionPool, inspectorPool, picks: [{institution, inspectors}], drawnBy}",
                   example: ["actor": admin, "count": 1, "seed": "42"]) { service, params, actor, day in
                let seed = try params.string("seed").map { text throws(CaseError) -> UInt64 in
                    guard let value = UInt64(text) else { throw CaseError(.invalidInput, "seed '\(text)' is not a number from 0 to \(UInt64.max)") }
                    return value
                }
                return try service.supervision.drawInspections(count: params.int("count")!, seed: seed, actor: actor, asOf: day).json
            },
            method("inspection.results", "A random draw and the results of the inspections it sent, published to every registered actor (一公开).",
                   [RPCParameter("draw", .integer, "The draw's id.")], result: "{draw, results: [the inspection records]}",
                   example: ["actor": admin, "draw": 1]) { service, params, actor, _ in
                let (draw, results) = try service.supervision.inspectionResults(draw: params.int("draw")!, actor: actor)
                return ["draw": draw.json, "results": .array(results.map(\.json))]
            },
            method("complaint.record", "Record a complaint about an institution.",
                   [RPCParameter("institution", .string, "The institution id."), RPCParameter("note", .string, "The complaint."),
                    RPCParameter("person", .integer, required: false, "The person who complained."),
                    RPCParameter("date", .string, required: false, "The day received (default asOf).")],
                   result: "the record", example: ["actor": admin, "institution": "I001", "note": "late visits"]) { service, params, actor, day in
                try service.supervision.record(.complaint, institution: params.string("institution")!, date: try Self.date(params, "date", default: day),
                                   score: nil, person: params.int("person"), note: params.string("note")!, actor: actor, asOf: day).json
            },
            method("performance.assess", "Assess an institution's performance for a period; release or keep the withholding.",
                   [RPCParameter("institution", .string, "The institution id."), RPCParameter("from", .string, "First day of the period."),
                    RPCParameter("to", .string, "Last day of the period."),
                    RPCParameter("scores", .object, required: false, "Inspector-scored indicator id → 0–100.")],
                   result: "{institution, from, to, lines: [{indicator, name, value, score, weight, contribution}], total, rating, withheld, released}",
                   example: ["actor": admin, "institution": "I001", "from": "2026-04-01", "to": "2026-06-30", "scores": ["inspection": 85]]) { service, params, actor, day in
                guard let from = try params.date("from"), let to = try params.date("to") else { throw CaseError(.invalidInput, "from and to are required dates") }
                var scores: [String: Int] = [:]
                for member in params.object("scores") ?? [:] {
                    guard let value = member.value.intValue else { throw CaseError(.invalidInput, "scores.\(member.key) must be a whole number 0–100") }
                    scores[member.key] = value
                }
                return try service.supervision.assessPerformance(institution: params.string("institution")!, from: from, to: to, inspector: scores,
                                                     actor: actor, asOf: day).json
            },
            method("report.fund", "A settled month's fund use by grade, mode, district and institution, the most rejected logs and the ratings.",
                   [RPCParameter("month", .string, "YYYY-MM."), RPCParameter("format", .string, required: false, "json (default), csv or html.")],
                   result: "{month, fund, payable, byGrade, byMode, byDistrict, byInstitution, mostRejected, ratings}, or {csv: {grade, mode, district, institution, rejected, ratings}} (a CSV text per table) / {html}",
                   example: ["actor": admin, "month": "2026-04"]) { service, params, actor, _ in
                let report = try service.reports.report(month: try CaseMethods.month(params, "month"), actor: actor)
                switch params.string("format") ?? "json" {
                case "json": return report.json
                case "csv": return ["csv": .object(JSONObject(report.tables.map { .init($0.name, .string($0.table.text())) }))]
                case "html": return ["html": .string(report.html)]
                case let other: throw CaseError(.invalidInput, "format '\(other)' is not json, csv or html")
                }
            },
        ]
    }

    static func date(_ params: RPCParams, _ name: String, default fallback: CalendarDate) throws(CaseError) -> CalendarDate {
        try params.date(name) ?? fallback
    }
}
