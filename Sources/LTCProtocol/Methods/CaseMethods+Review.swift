import LTCOperations
import LTCCases
import LTCCore
import LTCProviders

/// The methods that make a grade hold up and keep the people behind
/// providers honest: recognition, evidence, change of condition, audit
/// re-assessment and its findings, bars.
extension CaseMethods {
    var reviewMethods: [RPCMethod] {
        let admin: JSONValue = "administrator:wang"
        let actor = Self.actor, asOf = Self.asOf, caseID = Self.caseID
        return [
            method("case.recognize", "Recognize another department's result (e.g. GB/T 42195) in place of an assessment, where the scheme maps its grade.",
                   [actor, asOf, caseID, RPCParameter("form", .string, "The other form's id, e.g. gbt-42195-2022."),
                    RPCParameter("grade", .integer, "The grade on that form."), RPCParameter("assessedOn", .string, "The result's date (YYYY-MM-DD)."),
                    RPCParameter("issuedBy", .string, "Who issued it."), RPCParameter("reference", .string, "Its document number.")],
                   result: "{case, assessment}",
                   example: ["actor": admin, "case": 1, "form": "gbt-42195-2022", "grade": 4, "assessedOn": "2026-02-10",
                             "issuedBy": "区民政局", "reference": "MZ-2026-0012"]) { service, params, actor, asOf in
                guard let assessed = try params.date("assessedOn") else { throw CaseError(.invalidInput, "assessedOn is needed") }
                let (record, assessment) = try service.cases.recognize(caseID: params.int("case")!, formID: params.string("form")!,
                                                                       grade: params.int("grade")!, assessedOn: assessed,
                                                                       issuedBy: params.string("issuedBy")!, reference: params.string("reference")!,
                                                                       actor: actor, asOf: asOf)
                return ["case": record.json, "assessment": assessment.json]
            },
            method("case.evidence", "Attach a photo, video or signature (a file on the server) to the case's latest visit, kept by its SHA-256.",
                   [actor, asOf, caseID, RPCParameter("path", .string, "The file's path."), RPCParameter("kind", .string, "photo, video or signature."),
                    RPCParameter("name", .string, required: false, "A name for people (default: the file's).")],
                   result: "the evidence: {kind, sha256, bytes, name, assessment, addedBy, addedOn}",
                   example: ["actor": "assessor:A01", "case": 1, "path": "/srv/uploads/bedside.jpg", "kind": "photo"]) { service, params, actor, asOf in
                try service.cases.attachEvidence(caseID: params.int("case")!, path: params.string("path")!, name: params.string("name"),
                                                 kind: try Evidence.Kind(named: params.string("kind")!), actor: actor, asOf: asOf).json
            },
            method("case.evidenceList", "The case's evidence, each file read back and checked against its digest (intact, missing, altered).",
                   [actor, caseID], result: "{evidence: [{..., state}]}", example: ["actor": admin, "case": 1]) { service, params, actor, _ in
                ["evidence": .array(try service.cases.evidence(caseID: params.int("case")!, actor: actor).map { $0.evidence.json(state: $0.state) })]
            },
            method("case.reportChange", "Record the person's report of a changed condition: a re-assessment is due, its visit within the scheme's working days.",
                   [actor, asOf, caseID, RPCParameter("reason", .string, "What changed.")], result: "the case",
                   example: ["actor": admin, "case": 1, "reason": "a stroke in May"]) { service, params, actor, asOf in
                try service.cases.reportChange(caseID: params.int("case")!, reason: params.string("reason")!, actor: actor, asOf: asOf).json
            },
            method("case.auditDraw", "Draw the scheme's share (auditRate) of a month's determinations for an audit re-assessment (抽查复评), with a kept seed.",
                   [actor, asOf, RPCParameter("scheme", .string, "The scheme id."), RPCParameter("month", .string, "YYYY-MM, a month that is over."),
                    RPCParameter("seed", .string, required: false, "The draw's seed, a whole number (default: a random one).")],
                   result: "{month, seed, pool, picked}", example: ["actor": admin, "scheme": "shanghai-2026", "month": "2026-05"]) { service, params, actor, asOf in
                guard let text = params.string("month"), let month = YearMonth(text) else { throw CaseError(.invalidInput, "month is needed as YYYY-MM") }
                let seed = try params.string("seed").map { text throws(CaseError) in
                    guard let seed = UInt64(text) else { throw CaseError(.invalidInput, "seed '\(text)' is not a whole number from 0 to 2^64−1") }
                    return seed
                }
                return try service.cases.drawAudits(schemeID: params.string("scheme")!, month: month, seed: seed, actor: actor, asOf: asOf).json
            },
            method("assessor.findings", "Grades changed on audit re-assessment, held against the first assessors, by id, a page at a time.",
                   [actor, RPCParameter("assessor", .string, required: false, "Only this assessor's."), Paging.limit, Paging.after(.integer, "finding id")],
                   result: "{findings: [...], next}", example: ["actor": admin, "assessor": "A01"]) { service, params, actor, _ in
                Paging.result("findings", try service.cases.findings(assessor: params.string("assessor"), actor: actor, page: try Paging.request(params)),
                              cursor: JSONValue.integer) { $0.json }
            },
            method("bar.add", "Bar a person from LTCI work, by national ID: a principal 60 months; staff 3–12; staff-serious 12–36. Their caregiver employment ends the day before.",
                   [actor, asOf, RPCParameter("nationalId", .string, "The person's national ID."), RPCParameter("name", .string, "Full name."),
                    RPCParameter("role", .string, "principal, staff or staff-serious."), RPCParameter("months", .integer, "How long."),
                    RPCParameter("from", .string, "The first day (YYYY-MM-DD)."), RPCParameter("institution", .string, "The institution whose case led to it."),
                    RPCParameter("reason", .string, "The violation that led to it.")],
                   result: "the bar, ID masked, with endedEmployment",
                   example: ["actor": admin, "nationalId": "11010519491231002X", "name": "赵某", "role": "principal", "months": 60, "from": "2026-06-01",
                             "institution": "I001", "reason": "fraud confirmed"]) { service, params, actor, asOf in
                guard let role = PersonBar.Role(rawValue: params.string("role")!) else {
                    throw CaseError(.invalidInput, "role '\(params.string("role")!)' is not accepted; use \(PersonBar.Role.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                guard let from = try params.date("from") else { throw CaseError(.invalidInput, "from is needed") }
                return try service.supervision.bar(nationalID: params.string("nationalId")!, name: params.string("name")!, role: role,
                                                   months: params.int("months")!, from: from, institution: params.string("institution")!,
                                                   reason: params.string("reason")!, actor: actor, asOf: try service.registry.day(asOf)).json
            },
            method("bar.list", "Every bar on a person, by id, a page at a time (IDs masked).",
                   [actor, Paging.limit, Paging.after(.integer, "bar id")], result: "{bars: [...], next}", example: ["actor": admin]) { service, params, actor, _ in
                Paging.result("bars", try service.supervision.bars(actor: actor, page: try Paging.request(params)), cursor: JSONValue.integer) { $0.json }
            },
        ]
    }
}
