import LTCOperations
import LTCAssessment
import LTCBenefits
import LTCCases
import LTCCore
import LTCReports
import LTCSchemes

/// The JSON-RPC methods on stored data: `scheme.*`, `person.*`, `staff.*`, `assessor.*`
/// and `case.*`. Every one takes `actor` ("role:id"); changes take an
/// optional `asOf` date. They all read or change stored state, so each runs
/// after every earlier request of the stream has been answered.
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
        let services = self.services
        let admin: JSONValue = "administrator:wang"
        let actor = Self.actor, asOf = Self.asOf, caseID = Self.caseID

        func transition(_ name: String, _ summary: String,
                        _ call: @escaping @Sendable (CaseService, Int, Actor, CalendarDate?) throws -> Case) -> RPCMethod {
            method(name, summary, [actor, asOf, caseID], result: "the case", example: ["actor": admin, "case": 1, "asOf": "2026-03-02"]) { services, params, actor, asOf in
                try call(services.cases, params.int("case")!, actor, asOf).json
            }
        }
        func transitionWithReason(_ name: String, _ summary: String,
                                  _ call: @escaping @Sendable (CaseService, Int, String, Actor, CalendarDate?) throws -> Case) -> RPCMethod {
            method(name, summary, [actor, asOf, caseID, RPCParameter("reason", .string, "Why.")], result: "the case",
                   example: ["actor": admin, "case": 1, "reason": "hospital stay"]) { services, params, actor, asOf in
                try call(services.cases, params.int("case")!, params.string("reason")!, actor, asOf).json
            }
        }

        return [
            method("scheme.load", "Validate a scheme document and store it.",
                   [actor, asOf, RPCParameter("scheme", .object, "The scheme, as in a scheme file (format ltc-scheme/1).")],
                   result: "{id, name, region, timeZone, effectiveFrom, effectiveTo}", example: ["actor": admin, "scheme": [:]]) { service, params, actor, asOf in
                let document = JSONWriter.string(.object(params.object("scheme")!))
                let scheme = try Scheme.decode(text: Array(document.utf8), source: "params.scheme")
                return try service.registry.load(scheme, actor: actor, asOf: asOf).summaryJSON
            },
            method("scheme.list", "The stored schemes, by id, a page at a time.", [actor, Paging.limit, Paging.after(.string, "scheme id")],
                   result: "{schemes: [...], next}", example: ["actor": admin]) { service, params, _, _ in
                Paging.result("schemes", try service.registry.schemes(page: try Paging.request(params)), cursor: JSONValue.string) { $0.summaryJSON }
            },
            method("person.add", "Register an insured person.",
                   [actor, asOf, RPCParameter("name", .string, "Full name."),
                    RPCParameter("nationalId", .string, "National ID number (18 characters, GB 11643)."),
                    RPCParameter("insurance", .string, "employee or resident."),
                    RPCParameter("tier", .integer, required: false, "The contribution tier, where the scheme has tiers (1–9)."),
                    RPCParameter("enrolledOn", .string, "Date of enrolment (YYYY-MM-DD).")],
                   result: "the person, ID number masked",
                   example: ["actor": admin, "name": "陈老伯", "nationalId": "11010519491231002X", "insurance": "employee", "enrolledOn": "2015-07-01"]
            ) { service, params, actor, asOf in
                let insurance = try Self.insurance(params.string("insurance")!, "insurance")
                guard let enrolled = try params.date("enrolledOn") else { throw CaseError(.invalidInput, "enrolledOn is needed") }
                return try service.registry.addPerson(name: params.string("name")!, nationalID: params.string("nationalId")!, insurance: insurance,
                                             tier: params.int("tier"),
                                             enrolledOn: enrolled, actor: actor, asOf: asOf).json(fullID: false)
            },
            method("person.get", "One insured person.",
                   [actor, RPCParameter("person", .integer, "The person's id."),
                    RPCParameter("showId", .boolean, required: false, "Return the full ID number (default: masked).")],
                   result: "the person", example: ["actor": admin, "person": 1]) { service, params, actor, _ in
                let full = params.bool("showId") ?? false
                if full { try Access.require(actor, .readNationalIDs) }
                return try service.registry.person(id: params.int("person")!, actor: actor).json(fullID: full)
            },
            method("person.list", "The insured people the actor may see, by id, a page at a time.",
                   [actor, RPCParameter("showId", .boolean, required: false, "Return full ID numbers (default: masked)."),
                    Paging.limit, Paging.after(.integer, "person id")],
                   result: "{people: [...], next}", example: ["actor": admin, "limit": 50]) { service, params, actor, _ in
                let full = params.bool("showId") ?? false
                if full { try Access.require(actor, .readNationalIDs) }
                return Paging.result("people", try service.registry.people(actor: actor, page: try Paging.request(params)), cursor: JSONValue.integer) {
                    $0.json(fullID: full)
                }
            },
            RPCMethod(name: "staff.add", summary: "Register an administrator or auditor; on an empty registry, the first administrator registers themselves.",
                      parameters: [actor, asOf, RPCParameter("id", .string, "The staff member's id (no spaces)."),
                                   RPCParameter("role", .string, "administrator or auditor."),
                                   RPCParameter("name", .string, required: false, "Full name.")],
                      result: "the staff member", example: ["actor": admin, "id": "zhao", "role": "auditor", "name": "赵审计"], ordering: .sequential) { params in
                // The one method an unregistered actor may call: the first administrator registers themselves.
                let actor = try services.named(params)
                guard let role = StaffMember.Role(rawValue: params.string("role")!) else {
                    throw CaseError(.invalidInput, "role '\(params.string("role")!)' is not accepted; use administrator or auditor")
                }
                return try services.get().registry.addStaff(id: params.string("id")!, role: role, name: params.string("name"), actor: actor,
                                                            asOf: try services.date(params, actor: actor)).json
            },
            method("staff.list", "The staff registry, by id, a page at a time (administrators and auditors).", [actor, Paging.limit, Paging.after(.string, "staff id")],
                   result: "{staff: [...], next}", example: ["actor": admin]) { service, params, actor, _ in
                Paging.result("staff", try service.registry.staff(actor: actor, page: try Paging.request(params)), cursor: JSONValue.string) { $0.json }
            },
            method("assessor.add", "Register an assessor.",
                   [actor, asOf, RPCParameter("id", .string, "The assessor's id."), RPCParameter("name", .string, "Full name."),
                    RPCParameter("qualification", .string, "medical, care or none."),
                    RPCParameter("employer", .string, required: false, "The care institution employing them, if any."),
                    RPCParameter("agency", .string, required: false, "The assessment agency they work for."),
                    RPCParameter("certificateUntil", .string, required: false, "YYYY-MM-DD: the last day their certificate is valid."),
                    RPCParameter("expert", .boolean, required: false, "In the expert pool that decides objections (default false).")],
                   result: "the assessor", example: ["actor": admin, "id": "A01", "name": "李医生", "qualification": "medical"]
            ) { service, params, actor, asOf in
                guard let qualification = Assessor.Qualification(rawValue: params.string("qualification")!) else {
                    throw CaseError(.invalidInput, "qualification '\(params.string("qualification")!)' is not accepted; use medical, care or none")
                }
                return try service.registry.addAssessor(id: params.string("id")!, name: params.string("name")!, qualification: qualification,
                                               employer: params.string("employer"), agency: params.string("agency"),
                                               certificateUntil: try params.date("certificateUntil"), expert: params.bool("expert") ?? false,
                                               actor: actor, asOf: asOf).json
            },
            method("assessor.list", "The assessor registry, by id, a page at a time.", [actor, Paging.limit, Paging.after(.string, "assessor id")],
                   result: "{assessors: [...], next}", example: ["actor": admin]) { service, params, actor, _ in
                Paging.result("assessors", try service.registry.assessors(actor: actor, page: try Paging.request(params)), cursor: JSONValue.string) { $0.json }
            },
            method("case.open", "Accept an application (申请).",
                   [actor, asOf, RPCParameter("person", .integer, "The insured person's id."),
                    RPCParameter("disabledSince", .string, "When the disability began (YYYY-MM-DD)."),
                    RPCParameter("institution", .string, required: false, "The institution serving the applicant, if any."),
                    RPCParameter("scheme", .string, required: false, "The scheme id, when several are in force."),
                    RPCParameter("materials", .array, required: false, "The materials given: ids of the scheme's list."),
                    RPCParameter("agent", .object, required: false, "{name, relationship}: who applies for the person, when not the person.")],
                   result: "the case", example: ["actor": admin, "person": 1, "disabledSince": "2025-08-01", "asOf": "2026-03-02"]
            ) { service, params, actor, asOf in
                guard let since = try params.date("disabledSince") else { throw CaseError(.invalidInput, "disabledSince is needed") }
                let materials = try (params.array("materials") ?? []).map { value throws(CaseError) -> String in
                    guard let id = value.stringValue else { throw CaseError(.invalidInput, "materials must be strings, found \(value.typeName)") }
                    return id
                }
                let agent = try params.object["agent"].map { value throws(CaseError) -> ApplyingAgent in
                    guard let name = value["name"]?.stringValue, let relationship = value["relationship"]?.stringValue else {
                        throw CaseError(.invalidInput, "agent needs name and relationship (strings)")
                    }
                    return ApplyingAgent(name: name, relationship: relationship)
                }
                return try service.cases.open(personID: params.int("person")!, disabledSince: since, institution: params.string("institution"),
                                        schemeID: params.string("scheme"), materials: materials, agent: agent, actor: actor, asOf: asOf).json
            },
            transition("case.check", "Check eligibility: every rule of the scheme, with pass or fail.") { try $0.check(caseID: $1, actor: $2, asOf: $3) },
            method("case.assign", "Assign the assessors of the next assessment or re-assessment by name, with the reason (case.draw draws them instead).",
                   [actor, asOf, caseID, RPCParameter("assessors", .array, "Assessor ids."),
                    RPCParameter("reason", .string, "Why they are named by hand rather than drawn.")],
                   result: "the case", example: ["actor": admin, "case": 1, "assessors": ["A01", "A02"], "reason": "the area's only medical assessor"]) { service, params, actor, asOf in
                let ids = try params.array("assessors")!.map { value throws(CaseError) -> String in
                    guard let id = value.stringValue else { throw CaseError(.invalidInput, "assessors must be strings, found \(value.typeName)") }
                    return id
                }
                return try service.cases.assign(caseID: params.int("case")!, assessors: ids, reason: params.string("reason")!, actor: actor, asOf: asOf).json
            },
            method("case.draw", "Draw the assessors of the next round at random from the active assessors free of a conflict of interest; the seed and pool are kept with the case.",
                   [actor, asOf, caseID, RPCParameter("seed", .string, required: false, "The seed, a whole number from 0 to 18446744073709551615 (default: a random one)."),
                    RPCParameter("agency", .string, required: false, "Draw only from this assessment agency's assessors.")],
                   result: "the case, with draw {seed, pool}", example: ["actor": admin, "case": 1, "seed": "42"]) { service, params, actor, asOf in
                let seed = try params.string("seed").map { text throws(CaseError) -> UInt64 in
                    guard let seed = UInt64(text) else { throw CaseError(.invalidInput, "seed '\(text)' is not a whole number from 0 to \(UInt64.max)") }
                    return seed
                }
                return try service.cases.drawAssessors(caseID: params.int("case")!, seed: seed, agency: params.string("agency"), actor: actor, asOf: asOf).json
            },
            method("case.assess", "Record the on-site assessment (an assigned assessor only).",
                   [actor, asOf, caseID, RPCParameter("form", .string, "The form id."),
                    RPCParameter("answers", .object, "Item id → chosen option's score."),
                    RPCParameter("conditions", .object, required: false, "Condition id → value, for forms with conditions (the stored result keeps them)."),
                    RPCParameter("place", .string, "Where the assessment took place."),
                    RPCParameter("date", .string, required: false, "The date of the visit (default asOf).")],
                   result: "{case, assessment}", example: ["actor": "assessor:A01", "case": 1, "form": "cn-ltc-2021", "answers": [:], "place": "home"]
            ) { service, params, actor, asOf in
                let (record, assessment) = try service.cases.assess(caseID: params.int("case")!, formID: params.string("form")!,
                                                              answers: params.object("answers")!, conditions: params.object("conditions") ?? [:],
                                                              assessedOn: try params.date("date"),
                                                              place: params.string("place")!, actor: actor, asOf: asOf)
                return ["case": record.json, "assessment": assessment.json]
            },
            transition("case.determine", "Determine the grade from the latest assessment.") { try $0.determine(caseID: $1, actor: $2, asOf: $3) },
            transitionWithReason("case.object", "Record an objection during publicity.") { try $0.object(caseID: $1, reason: $2, actor: $3, asOf: $4) },
            transition("case.confirm", "Put a published grade in force after publicity.") { try $0.confirm(caseID: $1, actor: $2, asOf: $3) },
            transitionWithReason("case.suspend", "Suspend benefits, e.g. for a hospital stay.") { try $0.suspend(caseID: $1, reason: $2, actor: $3, asOf: $4) },
            transition("case.resume", "End a suspension.") { try $0.resume(caseID: $1, actor: $2, asOf: $3) },
            method("case.terminate", "Close a case; reason is death, left, recovery or withdrawn. Accepted services dated after `on` are withdrawn (B03) and what a settled month paid for them is recovered on the next statement.",
                   [actor, asOf, caseID, RPCParameter("reason", .string, "death, left, recovery or withdrawn."),
                    RPCParameter("on", .string, required: false, "The day the case ended, e.g. the date of death (default asOf); not after asOf.")],
                   result: "the case, with afterEnd: {rule, withdrawn, recovered, submission} or null",
                   example: ["actor": admin, "case": 1, "reason": "death", "on": "2026-03-20"]) { service, params, actor, asOf in
                let reason = params.string("reason")!
                guard let why = CaseService.TerminationReason(rawValue: reason) else {
                    throw CaseError(.invalidInput, "reason '\(reason)' is not accepted; use death, left, recovery or withdrawn")
                }
                return try service.cases.terminate(caseID: params.int("case")!, reason: why, on: try params.date("on"), actor: actor, asOf: asOf).json
            },
            method("case.get", "A case with its person, assessments and timeline.",
                   [actor, caseID, RPCParameter("showId", .boolean, required: false, "Return the full ID number.")],
                   result: "{case, person, assessments, timeline}", example: ["actor": admin, "case": 1]) { service, params, actor, _ in
                let full = params.bool("showId") ?? false
                if full { try Access.require(actor, .readNationalIDs) }
                let view = try service.cases.show(caseID: params.int("case")!, actor: actor)
                return ["case": view.record.json, "person": view.person.json(fullID: full),
                        "assessments": .array(view.assessments.map(\.json)), "timeline": .array(view.events.map(\.json))]
            },
            method("case.letter", "The conclusion letter of the latest determination, as a printable bilingual HTML page.",
                   [actor, caseID], result: "{html}", example: ["actor": admin, "case": 1]) { service, params, actor, _ in
                ["html": .string(try ConclusionLetter.of(caseID: params.int("case")!, actor: actor, cases: service.cases, registry: service.registry).html)]
            },
            method("case.deliver", "Record the delivery of the conclusion letter: the day and the way.",
                   [actor, asOf, caseID, RPCParameter("how", .string, "in-person, post or electronic."),
                    RPCParameter("on", .string, required: false, "The day it was delivered (default asOf, or today).")],
                   result: "the case", example: ["actor": admin, "case": 1, "how": "post", "on": "2026-03-10"]) { service, params, actor, asOf in
                let how = try LetterDelivery.Method(named: params.string("how")!)
                let day = try asOf ?? service.registry.day(nil)
                return try service.cases.recordLetterDelivery(caseID: params.int("case")!, on: try params.date("on") ?? day, how: how,
                                                              actor: actor, asOf: asOf).json
            },
            method("case.list", "The cases the actor may see, by id, a page at a time.",
                   [actor, asOf, RPCParameter("state", .string, required: false, "Only cases in this state."),
                    RPCParameter("due", .integer, required: false, "Only cases whose grade expires within this many days."),
                    RPCParameter("overdue", .boolean, required: false, "Only cases whose visit or conclusion is overdue."),
                    Paging.limit, Paging.after(.integer, "case id")],
                   result: "{cases: [...], next}", example: ["actor": admin, "due": 60]) { service, params, actor, asOf in
                let state = try params.string("state").map { text throws(CaseError) -> CaseState in
                    guard let state = CaseState(rawValue: text) else { throw CaseError(.invalidInput, "state '\(text)' is not a case state") }
                    return state
                }
                let page = try service.cases.list(actor: actor, state: state, dueWithin: params.int("due"), overdue: params.bool("overdue") ?? false,
                                                  asOf: asOf, page: try Paging.request(params))
                return Paging.result("cases", page, cursor: JSONValue.integer) { $0.json }
            },
            method("case.mode", "Choose a case's service mode (from asOf, or from next month if the scheme says so).",
                   [actor, asOf, caseID, RPCParameter("mode", .string, "A service mode id of the case's scheme.")],
                   result: "the case", example: ["actor": admin, "case": 1, "mode": "home-care"]) { service, params, actor, asOf in
                try service.cases.setMode(caseID: params.int("case")!, mode: params.string("mode")!, actor: actor, asOf: asOf).json
            },
            method("case.residence", "Record the region the beneficiary lives in: another region (异地), with the agency assessments are commissioned to there, or the scheme's own (which clears it).",
                   [actor, asOf, caseID, RPCParameter("region", .string, "The region lived in."),
                    RPCParameter("agency", .string, required: false, "The assessment agency there (needed outside the scheme's region).")],
                   result: "the case, with residence", example: ["actor": admin, "case": 1, "region": "Shanghai", "agency": "上海市长护险评估中心"]) { service, params, actor, asOf in
                try service.cases.setResidence(caseID: params.int("case")!, region: params.string("region")!, agency: params.string("agency"),
                                               actor: actor, asOf: asOf).json
            },
            method("case.bonus", "Choose how the person takes the bonus for continuous care, from next month.",
                   [actor, asOf, caseID, RPCParameter("take", .string, "hours or cash.")],
                   result: "the case", example: ["actor": admin, "case": 1, "take": "cash"]) { service, params, actor, asOf in
                guard let choice = ContinuityStep.Choice(rawValue: params.string("take")!) else {
                    throw CaseError(.invalidInput, "take '\(params.string("take")!)' is not accepted; use hours or cash")
                }
                return try service.cases.chooseBonus(caseID: params.int("case")!, choice: choice, actor: actor, asOf: asOf).json
            },
            method("case.subsidy", "Record another subsidy the person holds.",
                   [actor, asOf, caseID, RPCParameter("subsidy", .string, "A subsidy id of the case's scheme."),
                    RPCParameter("monthly", .number, "Its monthly amount in yuan (at most two decimals)."),
                    RPCParameter("from", .string, "From (YYYY-MM-DD)."), RPCParameter("until", .string, required: false, "Until (YYYY-MM-DD)."),
                    RPCParameter("choice", .string, required: false, "For a subsidy that excludes LTCI: ltci or subsidy.")],
                   result: "the case", example: ["actor": admin, "case": 1, "subsidy": "elderly-disability", "monthly": 150, "from": "2026-01-01"]
            ) { service, params, actor, asOf in
                guard let monthly = params.object["monthly"].flatMap(Money.init(json:)) else {
                    throw CaseError(.invalidInput, "monthly must be an amount in \(Money.accepted)")
                }
                guard let from = try params.date("from") else { throw CaseError(.invalidInput, "from is needed") }
                let choice = try params.string("choice").map { text throws(CaseError) -> HeldSubsidy.Choice in
                    guard let value = HeldSubsidy.Choice(rawValue: text) else { throw CaseError(.invalidInput, "choice must be ltci or subsidy") }
                    return value
                }
                return try service.cases.addSubsidy(caseID: params.int("case")!, subsidy: params.string("subsidy")!, monthly: monthly, from: from,
                                              until: try params.date("until"), choice: choice, actor: actor, asOf: asOf).json
            },
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
            RPCMethod(name: "case.transitions", summary: "The lifecycle: every allowed transition and its role.", parameters: [],
                      result: "{transitions: [{action, from, to, role, meaning}]}", example: [:], ordering: .independent) { _ in
                ["transitions": .array(Lifecycle.transitions.map(\.json))]
            },
        ]
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
