import LTCCases
import LTCCore
import LTCProviders

/// `agreement.apply`: an institution's application for designation, with the proposed terms.
public enum ApplyForAgreement: StoreOperation {
    public static let name = "agreement.apply"
    public static let summary = "An institution's application for designation, with the proposed terms."
    public static let discussion = "A care institution's agreement covers at least one mode of the scheme, with prices of its catalogue items (above 0, at most the catalogue price); an assessment agency's covers assessments: no modes, no prices. The agreement is AG-<institution>-<n>, status applied."
    public static let access = AccessRule.permission(.manageInstitutions)
    public static let effect = OperationEffect.writes
    public static let result = "the agreement"
    public static let example: JSONObject = ["actor": "administrator:wang", "institution": "I001", "scheme": "hours-home-care-2026", "start": "2026-01-01",
                                             "end": "2026-12-31", "modes": ["home-visit"], "prices": ["S01": 60], "capacity": 100]

    public struct Input: Params {
        @Param("institution", "The institution id.", .text(.id)) public var institution: String
        @Param("scheme", "The scheme id.", .text(.id)) public var scheme: String
        @Param("start", "First day of the term.") public var start: CalendarDate
        @Param("end", "Last day of the term.") public var end: CalendarDate
        @Param("modes", "The service modes covered (none for an assessment agency).", .text(.id)) public var modes: [String]?
        @Param("prices", "Item code → agreed price in yuan, e.g. {\"S01\": 60} (none for an assessment agency).") public var prices: ItemPrices?
        @Param("capacity", "Clients the agreement allows at once.", .range(1...Agreement.Terms.capacityLimit)) public var capacity: Int
        @Param("facts", "For the scheme's admission criteria: {legalPerson, caregivers, qualifiedCaregivers, administrators, beds, pledgedClean}.")
        public var facts: AdmissionFactsParams?
        public init() {}
    }

    public static func run(_ input: Input, _ context: StoreContext) throws -> AgreementOutput {
        AgreementOutput(agreement: try context.services.agreements.applyForAgreement(
            institution: input.institution, schemeID: input.scheme, start: input.start, end: input.end, modes: input.modes ?? [],
            prices: input.prices?.prices ?? [:], capacity: input.capacity, facts: try input.facts?.facts(), actor: context.actor, asOf: try context.day()))
    }
}

/// What a provider declares for the admission criteria (``AdmissionFacts``).
public struct AdmissionFactsParams: ParamsObject {
    /// The most caregivers, administrators or beds a declaration counts.
    static let counts = 0...Agreement.Terms.capacityLimit

    @Param("legalPerson", "An independent legal person.") public var legalPerson: Bool
    @Param("caregivers", "Caregivers employed.", .range(counts)) public var caregivers: Int
    @Param("qualifiedCaregivers", "Of them, those holding a qualification (at most caregivers).", .range(counts)) public var qualifiedCaregivers: Int
    @Param("administrators", "Staff who administer LTCI.", .range(counts)) public var administrators: Int
    @Param("beds", "Long-term care beds.", .range(counts)) public var beds: Int
    @Param("pledgedClean", "The pledge of no violations in the scheme's clean years.") public var pledgedClean: Bool

    public init() {}

    func facts() throws -> AdmissionFacts {
        guard qualifiedCaregivers <= caregivers else {
            throw ParamsError(problems: [ParamProblem(param: "facts.qualifiedCaregivers", .invalid,
                                                      "\(qualifiedCaregivers) is more than the \(caregivers) caregivers")])
        }
        return AdmissionFacts(legalPerson: legalPerson, caregivers: caregivers, qualifiedCaregivers: qualifiedCaregivers,
                              administrators: administrators, beds: beds, pledgedClean: pledgedClean)
    }
}

/// `agreement.review`: the agency's review of an application.
public enum ReviewAgreement: StoreOperation {
    public static let name = "agreement.review"
    public static let summary = "Record the review of an application."
    public static let discussion = "The review checks the scheme's admission criteria against the facts declared with the application and the violations on record: met, the agreement is reviewed (ready to sign); not met, it is refused, with each criterion that failed."
    public static let access = AccessRule.permission(.manageInstitutions)
    public static let effect = OperationEffect.writes
    public static let result = "the agreement; refused, with refusal: each criterion not met"
    public static let example: JSONObject = ["actor": "administrator:wang", "agreement": "AG-I001-1"]

    public struct Input: Params {
        @Param("agreement", "The agreement id, e.g. AG-I001-1.", .text(.id)) public var agreement: String
        public init() {}
    }

    public static func run(_ input: Input, _ context: StoreContext) throws -> AgreementOutput {
        AgreementOutput(agreement: try context.services.agreements.review(agreement: input.agreement, actor: context.actor, asOf: try context.day()))
    }
}

/// `agreement.sign`: a reviewed agreement signed.
public enum SignAgreement: StoreOperation {
    public static let name = "agreement.sign"
    public static let summary = "Sign a reviewed agreement."
    public static let access = AccessRule.permission(.manageInstitutions)
    public static let effect = OperationEffect.writes
    public static let result = "the agreement"
    public static let example: JSONObject = ["actor": "administrator:wang", "agreement": "AG-I001-1"]

    public struct Input: Params {
        @Param("agreement", "The agreement id, e.g. AG-I001-1.", .text(.id)) public var agreement: String
        public init() {}
    }

    public static func run(_ input: Input, _ context: StoreContext) throws -> AgreementOutput {
        AgreementOutput(agreement: try context.services.agreements.sign(agreement: input.agreement, actor: context.actor, asOf: try context.day()))
    }
}

/// `agreement.amend`: a new version of the terms from a date.
public enum AmendAgreement: StoreOperation {
    public static let name = "agreement.amend"
    public static let summary = "A new version of the terms from a date (a later end renews)."
    public static let discussion = "Earlier days keep the earlier version; what is not given stays as it was."
    public static let access = AccessRule.permission(.manageInstitutions)
    public static let effect = OperationEffect.writes
    public static let result = "the agreement"
    public static let example: JSONObject = ["actor": "administrator:wang", "agreement": "AG-I001-1", "from": "2026-07-01", "end": "2027-06-30"]

    public struct Input: Params {
        @Param("agreement", "The agreement id, e.g. AG-I001-1.", .text(.id)) public var agreement: String
        @Param("from", "The first day of the new version.") public var from: CalendarDate
        @Param("end", "A new last day of the term.") public var end: CalendarDate?
        @Param("modes", "The modes covered from then.", .text(.id)) public var modes: [String]?
        @Param("prices", "The prices from then: item code → yuan.") public var prices: ItemPrices?
        @Param("capacity", "The capacity from then.", .range(1...Agreement.Terms.capacityLimit)) public var capacity: Int?
        public init() {}
    }

    public static func run(_ input: Input, _ context: StoreContext) throws -> AgreementOutput {
        AgreementOutput(agreement: try context.services.agreements.amend(
            agreement: input.agreement, effectiveFrom: input.from, end: input.end, modes: input.modes, prices: input.prices?.prices,
            capacity: input.capacity, actor: context.actor, asOf: try context.day()))
    }
}

/// The ground of a suspension or an end, and what a provider's own asks.
private let groundSummary = "The ground: voluntary or non-renewal (the provider's own, 3 months' notice), impersonation, lending-qualification, fraud, violation or other."

/// `agreement.suspend`: an agreement suspended from a date.
public enum SuspendAgreement: StoreOperation {
    public static let name = "agreement.suspend"
    public static let summary = "Suspend an agreement from a date."
    public static let discussion = "A provider's own suspension (voluntary) needs 3 months' notice."
    public static let access = AccessRule.permission(.manageInstitutions)
    public static let effect = OperationEffect.writes
    public static let result = "the agreement"
    public static let example: JSONObject = ["actor": "administrator:wang", "agreement": "AG-I001-1", "reason": "inspection"]

    public struct Input: Params {
        @Param("agreement", "The agreement id, e.g. AG-I001-1.", .text(.id)) public var agreement: String
        @Param("from", "The first day suspended (default asOf).") public var from: CalendarDate?
        @Param("reason", "Why.", .text(.note)) public var reason: String
        @Param("ground", groundSummary, default: "other") public var ground: ExitGround
        public init() {}
    }

    public static func run(_ input: Input, _ context: StoreContext) throws -> AgreementOutput {
        let day = try context.day()
        return AgreementOutput(agreement: try context.services.agreements.suspend(
            agreement: input.agreement, from: input.from ?? day, reason: input.reason, ground: input.ground, actor: context.actor, asOf: day))
    }
}

/// `agreement.resume`: a suspension ended.
public enum ResumeAgreement: StoreOperation {
    public static let name = "agreement.resume"
    public static let summary = "End a suspension."
    public static let access = AccessRule.permission(.manageInstitutions)
    public static let effect = OperationEffect.writes
    public static let result = "the agreement"
    public static let example: JSONObject = ["actor": "administrator:wang", "agreement": "AG-I001-1"]

    public struct Input: Params {
        @Param("agreement", "The agreement id, e.g. AG-I001-1.", .text(.id)) public var agreement: String
        @Param("on", "The first day covered again (default asOf).") public var on: CalendarDate?
        public init() {}
    }

    public static func run(_ input: Input, _ context: StoreContext) throws -> AgreementOutput {
        let day = try context.day()
        return AgreementOutput(agreement: try context.services.agreements.resume(agreement: input.agreement, on: input.on ?? day,
                                                                                 actor: context.actor, asOf: day))
    }
}

/// `agreement.terminate`: an agreement ended after a date.
public enum TerminateAgreement: StoreOperation {
    public static let name = "agreement.terminate"
    public static let summary = "Terminate an agreement after a date."
    public static let discussion = "A provider's own end (voluntary, non-renewal) needs 3 months' notice."
    public static let access = AccessRule.permission(.manageInstitutions)
    public static let effect = OperationEffect.writes
    public static let result = "the agreement"
    public static let example: JSONObject = ["actor": "administrator:wang", "agreement": "AG-I001-1", "reason": "fraud"]

    public struct Input: Params {
        @Param("agreement", "The agreement id, e.g. AG-I001-1.", .text(.id)) public var agreement: String
        @Param("on", "The last day covered (default asOf).") public var on: CalendarDate?
        @Param("reason", "Why.", .text(.note)) public var reason: String
        @Param("ground", groundSummary, default: "other") public var ground: ExitGround
        public init() {}
    }

    public static func run(_ input: Input, _ context: StoreContext) throws -> AgreementOutput {
        let day = try context.day()
        return AgreementOutput(agreement: try context.services.agreements.terminate(
            agreement: input.agreement, on: input.on ?? day, reason: input.reason, ground: input.ground, actor: context.actor, asOf: day))
    }
}

/// `agreement.exits`: the suspended and terminated providers, published.
public enum ListExits: StoreOperation {
    public static let name = "agreement.exits"
    public static let summary = "Suspended and terminated providers, published to every registered actor, a page of agreements at a time."
    public static let access = AccessRule.registered
    public static let effect = OperationEffect.reads
    public static let result = "{agreements: [...], next}"
    public static let example: JSONObject = ["actor": "administrator:wang"]

    public struct Input: Params {
        @ParamGroup public var page: PageParams<String>
        public init() {}
    }

    public static func run(_ input: Input, _ context: StoreContext) throws -> Listing<ExitedAgreement> {
        let page = try context.services.agreements.exits(page: try input.page.request())
        return Listing(items: page.items.map(ExitedAgreement.init), next: page.next)
    }
}

/// `agreement.list`: agreements with their versions, a page at a time.
public enum ListAgreements: StoreOperation {
    public static let name = "agreement.list"
    public static let summary = "Agreements with their versions, by id, a page at a time."
    public static let discussion = "An institution lists its own."
    public static let access = AccessRule.registered
    public static let effect = OperationEffect.reads
    public static let result = "{agreements: [...], next}"
    public static let example: JSONObject = ["actor": "administrator:wang"]

    public struct Input: Params {
        @Param("institution", "Only this institution's.", .text(.id)) public var institution: String?
        @ParamGroup public var page: PageParams<String>
        public init() {}
    }

    public static func run(_ input: Input, _ context: StoreContext) throws -> Listing<Agreement> {
        Listing(try context.services.agreements.agreements(institution: input.institution, actor: context.actor, page: try input.page.request()))
    }
}

/// An agreement as changed by an operation.
public struct AgreementOutput: OperationOutput {
    public let agreement: Agreement
    public var json: JSONValue { agreement.json }
    public var text: String {
        "agreement \(agreement.id) (\(agreement.institution)): \(agreement.status.rawValue), version \(agreement.current.version), term \(agreement.current.start) to \(agreement.current.end)"
            + agreement.refusal.map { "\n  refused: \($0)" }.joined()
    }
    public static var schema: JSONSchema { RecordSchemas.agreement }
}

extension Agreement: Listable {
    public static let listName = "agreements"
    public static var itemSchema: JSONSchema { RecordSchemas.agreement }
    public static func cursorJSON(_ cursor: String) -> JSONValue { .string(cursor) }
    public var listJSON: JSONValue { json }

    /// Each agreement with its current terms.
    public static func table(_ agreements: [Agreement]) -> String {
        var table = TextTable()
        table.header([("ID", "编号"), ("INSTITUTION", "机构"), ("STATUS", "状态"), ("VERSION", "版本"), ("TERM", "协议期"), ("MODES", "服务方式"), ("PRICES", "价格")])
        for agreement in agreements {
            let terms = agreement.current
            table.append([agreement.id, agreement.institution, agreement.status.rawValue, String(terms.version),
                          "\(terms.start) to \(terms.end)", terms.modes.joined(separator: ","),
                          terms.prices.sorted { NaturalOrder.less($0.key, $1.key) }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")])
        }
        return table.rendered()
    }
}

/// A suspended or terminated agreement, as the published list of exits shows it.
public struct ExitedAgreement: Listable {
    public let agreement: Agreement
    public static let listName = "agreements"
    public static var itemSchema: JSONSchema { RecordSchemas.agreement }
    public static func cursorJSON(_ cursor: String) -> JSONValue { .string(cursor) }
    public var listJSON: JSONValue { agreement.json }

    public static func table(_ exits: [ExitedAgreement]) -> String {
        var table = TextTable()
        table.header([("AGREEMENT", "协议"), ("INSTITUTION", "机构"), ("STATUS", "状态"), ("FROM", "起"), ("GROUND", "原因")])
        for agreement in exits.map(\.agreement) {
            let from = agreement.status == .terminated ? agreement.terminatedOn.map { "after \($0)" } : agreement.suspensions.last.map { "\($0.from)" }
            table.append([agreement.id, agreement.institution, agreement.status.rawValue, from ?? "", agreement.exitGround?.rawValue ?? ""])
        }
        return table.rendered()
    }
}
