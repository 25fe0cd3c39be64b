import LTCOperations
import LTCCases
import LTCCore
import LTCProviders
import LTCReports

/// The JSON-RPC methods of designated institutions: `institution.*`,
/// `agreement.*`, `caregiver.*`, `enrolment.add`, `logs.submit` and
/// `settlement.*`. Every one takes `actor` and an optional `asOf`; they run
/// in order with the stream's other stored-data methods.
public struct ProviderMethods: Sendable {
    /// The worker's services, opened on first use.
    private let services: LazyServices

    public init(services: LazyServices) {
        self.services = services
    }

    public var methods: [RPCMethod] {
        let services = self.services
        let actor = CaseMethods.actor, asOf = CaseMethods.asOf
        let agreementID = RPCParameter("agreement", .string, "The agreement id, e.g. AG-I001-1.")
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
            method("institution.register", "Register a care institution.",
                   [RPCParameter("institution", .object, "{id, name, type, licence, deliveries, capacity, address, district, contact}")],
                   result: "the institution", example: ["actor": admin, "institution": [:]]) { service, params, actor, day in
                let log = JSONProblemLog()
                let value = JSONValue.object(params.object("institution")!)
                guard let institution = log.fields(of: value, at: .root, accepting: Institution.fields).flatMap(Institution.read), log.problems.isEmpty else {
                    throw CaseError(.invalidInput, "params.institution: " + log.problems.map(\.description).joined(separator: "; "))
                }
                return try service.agreements.register(institution, actor: actor, asOf: day).json
            },
            method("institution.list", "The registered institutions, by id, a page at a time.", [Paging.limit, Paging.after(.string, "institution id")],
                   result: "{institutions: [...], next}", example: ["actor": admin]) { service, params, _, _ in
                Paging.result("institutions", try service.agreements.institutions(page: try Paging.request(params)), cursor: JSONValue.string) { $0.json }
            },
            method("agreement.apply", "An institution's application for designation, with the proposed terms.",
                   [RPCParameter("institution", .string, "The institution id."), RPCParameter("scheme", .string, "The scheme id."),
                    RPCParameter("start", .string, "First day of the term."), RPCParameter("end", .string, "Last day of the term."),
                    RPCParameter("modes", .array, "Service modes covered."), RPCParameter("prices", .object, "Item code → agreed price in yuan."),
                    RPCParameter("capacity", .integer, "Clients at once."),
                    RPCParameter("facts", .object, required: false, "{legalPerson, caregivers, qualifiedCaregivers, administrators, beds, pledgedClean}: for the scheme's admission criteria.")],
                   result: "the agreement", example: ["actor": admin, "institution": "I001", "scheme": "hours-home-care-2026", "start": "2026-01-01",
                                                      "end": "2026-12-31", "modes": ["home-visit"], "prices": ["S01": 60], "capacity": 100]) { service, params, actor, day in
                guard let start = try params.date("start"), let end = try params.date("end") else {
                    throw CaseError(.invalidInput, "start and end are required dates")
                }
                let modes = try Self.strings(params, "modes")
                return try service.agreements.applyForAgreement(institution: params.string("institution")!, schemeID: params.string("scheme")!, start: start, end: end,
                                                     modes: modes, prices: try Self.prices(params), capacity: params.int("capacity")!,
                                                     facts: try params.object["facts"].map { value throws(CaseError) -> AdmissionFacts in
                                                         guard let facts = AdmissionFacts(json: value) else {
                                                             throw CaseError(.invalidInput, "facts needs legalPerson and pledgedClean (true or false) and caregivers, qualifiedCaregivers (at most caregivers), administrators, beds (whole numbers, 0 or more)")
                                                         }
                                                         return facts
                                                     },
                                                     actor: actor, asOf: day).json
            },
            method("agreement.review", "Record the review of an application.", [agreementID], result: "the agreement",
                   example: ["actor": admin, "agreement": "AG-I001-1"]) { service, params, actor, day in
                try service.agreements.review(agreement: params.string("agreement")!, actor: actor, asOf: day).json
            },
            method("agreement.sign", "Sign a reviewed agreement.", [agreementID], result: "the agreement",
                   example: ["actor": admin, "agreement": "AG-I001-1"]) { service, params, actor, day in
                try service.agreements.sign(agreement: params.string("agreement")!, actor: actor, asOf: day).json
            },
            method("agreement.amend", "A new version of the terms from a date (a later end renews).",
                   [agreementID, RPCParameter("from", .string, "First day of the new version."),
                    RPCParameter("end", .string, required: false, "New last day."), RPCParameter("modes", .array, required: false, "Modes from then."),
                    RPCParameter("prices", .object, required: false, "Prices from then."), RPCParameter("capacity", .integer, required: false, "Capacity from then.")],
                   result: "the agreement", example: ["actor": admin, "agreement": "AG-I001-1", "from": "2026-07-01", "end": "2027-06-30"]) { service, params, actor, day in
                guard let from = try params.date("from") else { throw CaseError(.invalidInput, "from is a required date") }
                return try service.agreements.amend(agreement: params.string("agreement")!, effectiveFrom: from, end: try params.date("end"),
                                         modes: params.array("modes") == nil ? nil : try Self.strings(params, "modes"),
                                         prices: params.object("prices") == nil ? nil : try Self.prices(params), capacity: params.int("capacity"),
                                         actor: actor, asOf: day).json
            },
            method("agreement.suspend", "Suspend an agreement from a date.",
                   [agreementID, RPCParameter("from", .string, required: false, "First day suspended (default asOf)."), RPCParameter("reason", .string, "Why."),
                    RPCParameter("ground", .string, required: false, "voluntary, non-renewal (the provider's, 3 months' notice), impersonation, lending-qualification, fraud, violation or other (default).")],
                   result: "the agreement", example: ["actor": admin, "agreement": "AG-I001-1", "reason": "inspection"]) { service, params, actor, day in
                try service.agreements.suspend(agreement: params.string("agreement")!, from: try Self.date(params, "from", default: day), reason: params.string("reason")!,
                                    ground: try ExitGround(named: params.string("ground") ?? "other"), actor: actor, asOf: day).json
            },
            method("agreement.resume", "End a suspension.", [agreementID, RPCParameter("on", .string, required: false, "First day covered again (default asOf).")],
                   result: "the agreement", example: ["actor": admin, "agreement": "AG-I001-1"]) { service, params, actor, day in
                try service.agreements.resume(agreement: params.string("agreement")!, on: try Self.date(params, "on", default: day), actor: actor, asOf: day).json
            },
            method("agreement.terminate", "Terminate an agreement after a date.",
                   [agreementID, RPCParameter("on", .string, required: false, "Last day covered (default asOf)."), RPCParameter("reason", .string, "Why."),
                    RPCParameter("ground", .string, required: false, "voluntary, non-renewal (the provider's, 3 months' notice), impersonation, lending-qualification, fraud, violation or other (default).")],
                   result: "the agreement", example: ["actor": admin, "agreement": "AG-I001-1", "reason": "fraud"]) { service, params, actor, day in
                try service.agreements.terminate(agreement: params.string("agreement")!, on: try Self.date(params, "on", default: day), reason: params.string("reason")!,
                                      ground: try ExitGround(named: params.string("ground") ?? "other"), actor: actor, asOf: day).json
            },
            method("agreement.exits", "Suspended and terminated providers, published to every registered actor, a page of agreements at a time.",
                   [Paging.limit, Paging.after(.string, "agreement id")], result: "{agreements: [...], next}", example: ["actor": admin]) { service, params, _, _ in
                Paging.result("agreements", try service.agreements.exits(page: try Paging.request(params)), cursor: JSONValue.string) { $0.json }
            },
            method("enrolment.transfer", "Move an institution's clients enrolled on a day to another institution from that day, without a gap.",
                   [RPCParameter("from", .string, "The institution leaving."), RPCParameter("to", .string, "The institution taking the clients."),
                    RPCParameter("on", .string, required: false, "The first day with the new institution (default asOf).")],
                   result: "{enrolments: [the new enrolments]}", example: ["actor": admin, "from": "I001", "to": "I002", "on": "2026-10-01"]) { service, params, actor, day in
                let moved = try service.agreements.transferClients(from: params.string("from")!, to: params.string("to")!, on: try Self.date(params, "on", default: day),
                                                                   actor: actor, asOf: day)
                return ["enrolments": .array(moved.map(\.json))]
            },
            method("agreement.list", "Agreements with their versions, by id, a page at a time.",
                   [RPCParameter("institution", .string, required: false, "Only this institution's."), Paging.limit, Paging.after(.string, "agreement id")],
                   result: "{agreements: [...], next}", example: ["actor": admin]) { service, params, actor, _ in
                Paging.result("agreements", try service.agreements.agreements(institution: params.string("institution"), actor: actor, page: try Paging.request(params)),
                              cursor: JSONValue.string) { $0.json }
            },
            method("caregiver.register", "Register or update a caregiver of an institution.",
                   [RPCParameter("institution", .string, "The institution id."), RPCParameter("id", .string, "The caregiver's id there."),
                    RPCParameter("name", .string, "Full name."), RPCParameter("qualifications", .array, "nurse, caregiver, rehabilitation."),
                    RPCParameter("from", .string, "First day employed."), RPCParameter("to", .string, required: false, "Last day employed."),
                    RPCParameter("nationalId", .string, required: false, "The caregiver's national ID: bars follow the person to any institution.")],
                   result: "the caregiver (ID masked)", example: ["actor": admin, "institution": "I001", "id": "C1", "name": "张护理", "qualifications": ["caregiver"], "from": "2026-01-01"]) { service, params, actor, day in
                guard let from = try params.date("from") else { throw CaseError(.invalidInput, "from is a required date") }
                var caregiver = Caregiver(id: params.string("id")!, name: params.string("name")!, institution: params.string("institution")!,
                                          qualifications: try Self.strings(params, "qualifications"),
                                          employment: [DatePeriod(from: from, to: try params.date("to"))])
                caregiver.nationalID = try params.string("nationalId").map { text throws(CaseError) in try NationalID(text) }
                return try service.agreements.register(caregiver, actor: actor, asOf: day).json
            },
            method("caregiver.list", "Registered caregivers, by institution and id, a page at a time.",
                   [RPCParameter("institution", .string, required: false, "Only this institution's."), Paging.limit,
                    Paging.after(.string, "caregiver, as INSTITUTION/ID")],
                   result: "{caregivers: [...], next}", example: ["actor": admin, "institution": "I001"]) { service, params, actor, _ in
                let after = try params.string("after").map { text throws(CaseError) -> CaregiverKey in
                    guard let key = CaregiverKey(text) else { throw CaseError(.invalidInput, "after '\(text)' is not INSTITUTION/ID") }
                    return key
                }
                let page = try service.agreements.caregivers(institution: params.string("institution"), actor: actor,
                                                             page: try PageRequest(after: after, limit: params.int("limit")))
                return Paging.result("caregivers", page, cursor: { .string($0.description) }) { $0.json }
            },
            method("enrolment.list", "Enrolments with their care plans, by id, a page at a time.",
                   [RPCParameter("institution", .string, required: false, "Only this institution's."), Paging.limit, Paging.after(.integer, "enrolment id")],
                   result: "{enrolments: [...], next}", example: ["actor": admin, "institution": "I001"]) { service, params, actor, _ in
                Paging.result("enrolments", try service.agreements.enrolments(institution: params.string("institution"), actor: actor, page: try Paging.request(params)),
                              cursor: JSONValue.integer) { $0.json }
            },
            method("enrolment.add", "Enrol a case's beneficiary with an institution in a mode; the plan follows the grade's package.",
                   [RPCParameter("case", .integer, "The case id."), RPCParameter("institution", .string, "The institution id."),
                    RPCParameter("mode", .string, "The service mode."), RPCParameter("from", .string, required: false, "First day (default asOf)."),
                    RPCParameter("home", .string, required: false, "The home's location, \"lat,lon\", for check-in distance.")],
                   result: "the enrolment", example: ["actor": admin, "case": 1, "institution": "I001", "mode": "home-visit"]) { service, params, actor, day in
                var home: GeoPoint?
                if let text = params.string("home") {
                    guard let point = GeoPoint(text: Substring(text)) else { throw CaseError(.invalidInput, "home '\(text)' is not \"lat,lon\"") }
                    home = point
                }
                return try service.agreements.enrol(caseID: params.int("case")!, institution: params.string("institution")!, mode: params.string("mode")!,
                                         from: try Self.date(params, "from", default: day), home: home, actor: actor, asOf: day).json
            },
            method("logs.submit", "Check and store service logs (CSV with a header, or JSON Lines) in one transaction.",
                   [RPCParameter("logs", .string, "The logs as text: CSV (log_id,institution,caregiver,person,item,start,end,mode[,latitude,longitude]) or JSON Lines.")],
                   result: "{submission, received, accepted, rejected, unchanged, corrected, rechecked, withdrawn, sampled, byRule, money, rejectedLines}",
                   example: ["actor": "institution:I001", "logs": "log_id,institution,caregiver,person,item,start,end,mode\n"]) { service, params, actor, day in
                try service.intake.submit(Array(params.string("logs")!.utf8), actor: actor, asOf: day).json
            },
            method("logs.withdraw", "Withdraw accepted logs, named by log id and institution in the format of logs.submit: each is stored again as rejected (W01), and what it was paid in a settled month is recovered on the next statement.",
                   [RPCParameter("logs", .string, "CSV with a header, or JSON Lines, naming the logs.")],
                   result: "{submission, received, withdrawn, rejected, byRule, money, rejectedLines}",
                   example: ["actor": "institution:I001", "logs": "log_id,institution,caregiver,person,item,start,end,mode\n"]) { service, params, actor, day in
                try service.intake.withdraw(Array(params.string("logs")!.utf8), actor: actor, asOf: day).json
            },
            method("logs.list", "An institution's logs of a month as stored (the current version of each), by log id, a page at a time.",
                   [RPCParameter("institution", .string, "The institution id."), RPCParameter("month", .string, "YYYY-MM."),
                    Paging.limit, Paging.after(.string, "log id")],
                   result: "{logs: [{logId, institution, caregiver, person, item, start, end, mode, location, version, status, rule, detail, money, submission, sampled}], next}",
                   example: ["actor": "institution:I001", "institution": "I001", "month": "2026-04", "limit": 100]) { service, params, actor, _ in
                let page = try service.intake.logs(institution: params.string("institution")!, month: try CaseMethods.month(params, "month"),
                                                   actor: actor, page: try Paging.request(params))
                return Paging.result("logs", page, cursor: JSONValue.string) { $0.json }
            },
            method("logs.submissions", "The submissions of service logs the actor may see (an institution its own), by number, a page at a time.",
                   [RPCParameter("institution", .string, required: false, "Only this institution's."), Paging.limit, Paging.after(.integer, "submission number")],
                   result: "{submissions: [{id, institution, actor, asOf, recordedAt, summary}], next}",
                   example: ["actor": "institution:I001", "limit": 20]) { service, params, actor, _ in
                let page = try service.intake.submissions(institution: params.string("institution"), actor: actor, page: try Paging.request(params))
                return Paging.result("submissions", page, cursor: JSONValue.integer) { $0.json }
            },
            method("settlement.run", "Settle a month for every institution (once; a settled month is closed).",
                   [RPCParameter("month", .string, "YYYY-MM.")], result: "{month, settledOn, statements, summary}",
                   example: ["actor": admin, "month": "2026-04"]) { service, params, actor, day in
                try service.settlement.settle(month: try CaseMethods.month(params, "month"), actor: actor, asOf: day).json
            },
            method("settlement.adjustments", "The adjustments a settled month's statements carried, each with its reason (corrections and withdrawals of settled logs, services after a case ended, penalties); without month, those the next settlement will carry; by id, a page at a time.",
                   [RPCParameter("month", .string, required: false, "YYYY-MM: the settled month whose statements carried them."),
                    RPCParameter("institution", .string, required: false, "Only this institution's (an institution reads only its own)."),
                    Paging.limit, Paging.after(.integer, "adjustment id")],
                   result: "{adjustments: [{id, institution, logId, serviceMonth, amount, reason, settledMonth}], next}",
                   example: ["actor": admin, "month": "2026-05"]) { service, params, actor, _ in
                let month = try params.string("month").map { _ in try CaseMethods.month(params, "month") }
                let page = try service.settlement.adjustments(month: month, institution: params.string("institution"), actor: actor,
                                                              page: try Paging.request(params))
                return Paging.result("adjustments", page, cursor: JSONValue.integer) { $0.json }
            },
            method("budget.set", "Set an institution's budget for a year (总额预算), until the year is settled to its end.",
                   [RPCParameter("institution", .string, "The institution."), RPCParameter("year", .integer, "The year."),
                    RPCParameter("amount", .number, "The budget in yuan.")],
                   result: "{institution, year, amount}",
                   example: ["actor": admin, "institution": "I001", "year": 2026, "amount": 1200000]) { service, params, actor, day in
                guard let amount = params.object["amount"].flatMap(Money.init(json:)) else {
                    throw CaseError(.invalidInput, "amount must be yuan with at most two decimals")
                }
                let institution = params.string("institution")!, year = params.int("year")!
                try service.settlement.setBudget(institution: institution, year: year, amount: amount, actor: actor, asOf: day)
                return ["institution": .string(institution), "year": .integer(year), "amount": amount.json]
            },
            method("budget.list", "A year's budgets: every institution's, or an institution's own.",
                   [RPCParameter("year", .integer, "The year.")], result: "{year, budgets: [{institution, amount}]}",
                   example: ["actor": admin, "year": 2026]) { service, params, actor, _ in
                let year = params.int("year")!
                let budgets = try service.settlement.budgets(year: year, actor: actor)
                return ["year": .integer(year), "budgets": .array(budgets.keys.sorted().map { ["institution": .string($0), "amount": budgets[$0]!.json] })]
            },
            method("cash.payee", "Record who receives a case's cash: the beneficiary (the default), or a family carer with name, ID number and, where the scheme requires it, training.",
                   [RPCParameter("case", .integer, "The case id."),
                    RPCParameter("carer", .string, required: false, "A family carer's name: the carer is paid."),
                    RPCParameter("carerId", .string, required: false, "The carer's national ID number."),
                    RPCParameter("trainedOn", .string, required: false, "YYYY-MM-DD: the carer's training."),
                    RPCParameter("account", .string, required: false, "The account paid into (shown masked).")],
                   result: "{case, kind, name?, nationalId?, account, trainedOn?, registeredOn}",
                   example: ["actor": admin, "case": 1, "account": "6222020200112233"]) { service, params, actor, day in
                let carer = params.string("carer"), carerID = params.string("carerId")
                return try service.cash.registerPayee(caseID: params.int("case")!, kind: carer == nil && carerID == nil ? .beneficiary : .carer,
                                                      name: carer, nationalID: carerID, account: params.string("account"),
                                                      trainedOn: try params.date("trainedOn"), actor: actor, asOf: day).json
            },
            method("cash.run", "Pay a month's cash benefits (once; a run is closed), with adjustments of closed months for cases changed since the run before.",
                   [RPCParameter("month", .string, "YYYY-MM.")], result: "{month, runOn, payments, total}",
                   example: ["actor": admin, "month": "2026-04"]) { service, params, actor, day in
                try service.cash.run(month: try CaseMethods.month(params, "month"), actor: actor, asOf: day).json
            },
            method("cash.payments", "A cash run's payment lines, by line, a page at a time (administrators and auditors).",
                   [RPCParameter("month", .string, "YYYY-MM: the run's month."), RPCParameter("case", .integer, required: false, "Only this case's."),
                    Paging.limit, Paging.after(.integer, "line")],
                   result: "{payments: [{month, line, case, forMonth, person, payee, account, cash, deducted, amount}], next}",
                   example: ["actor": admin, "month": "2026-04"]) { service, params, actor, _ in
                let page = try service.cash.payments(month: try CaseMethods.month(params, "month"), caseID: params.int("case"), actor: actor,
                                                     page: try Paging.request(params))
                return Paging.result("payments", page, cursor: JSONValue.integer) { $0.json }
            },
            method("settlement.get", "A settled month, as it was settled.", [RPCParameter("month", .string, "YYYY-MM.")],
                   result: "{month, settledOn, statements, summary} or null", example: ["actor": admin, "month": "2026-04"]) { service, params, actor, _ in
                try service.settlement.settlement(month: try CaseMethods.month(params, "month"), actor: actor)?.json ?? .null
            },
        ]
    }

    static func date(_ params: RPCParams, _ name: String, default fallback: CalendarDate) throws(CaseError) -> CalendarDate {
        try params.date(name) ?? fallback
    }

    static func strings(_ params: RPCParams, _ name: String) throws(CaseError) -> [String] {
        let values = params.array(name) ?? []
        let strings = values.compactMap(\.stringValue)
        guard strings.count == values.count else { throw CaseError(.invalidInput, "\(name) must be an array of strings") }
        return strings
    }

    static func prices(_ params: RPCParams) throws(CaseError) -> [String: Money] {
        var prices: [String: Money] = [:]
        for member in params.object("prices") ?? [:] {
            guard let money = Money(json: member.value) else {
                throw CaseError(.invalidInput, "prices.\(member.key) must be an amount in \(Money.accepted), found \(member.value)")
            }
            prices[member.key] = money
        }
        return prices
    }
}
