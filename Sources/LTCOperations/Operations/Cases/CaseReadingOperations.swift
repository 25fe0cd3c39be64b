import LTCCases
import LTCCore
import LTCProviders
import LTCReports

/// `case.get`: a case with its person, assessments and timeline.
public enum GetCase: StoreOperation {
    public static let name = "case.get"
    public static let summary = "A case with its person, assessments and timeline."
    public static let command = "case show"
    public static let access = AccessRule.registered
    public static let effect = OperationEffect.reads
    public static let result = "{case, person, assessments, timeline}"
    public static let example: JSONObject = ["actor": "administrator:wang", "case": 1]

    public struct Input: Params {
        @Param("case", "The case id.") public var caseID: Int
        @Param("showId", "Return the full national ID number (administrators and auditors; default: masked).", default: false) public var showID: Bool
        public init() {}
    }

    public static func run(_ input: Input, _ context: StoreContext) throws -> CaseViewOutput {
        if input.showID { try Access.require(context.actor, .readNationalIDs) }
        let view = try context.services.cases.show(caseID: input.caseID, actor: context.actor)
        let today = try context.day()
        let plan = try context.services.plans.show(caseID: input.caseID, actor: context.actor, asOf: today)
        return CaseViewOutput(view: view, fullID: input.showID, today: today, plan: plan)
    }
}

/// `case.list`: the cases the actor may see, a page at a time.
public enum ListCases: StoreOperation {
    public static let name = "case.list"
    public static let summary = "The cases the actor may see, by id, a page at a time."
    public static let access = AccessRule.registered
    public static let effect = OperationEffect.reads
    public static let result = "{cases: [...], next}"
    public static let example: JSONObject = ["actor": "administrator:wang", "due": 60]

    public struct Input: Params {
        @Param("state", "Only cases in this state.") public var state: CaseState?
        @Param("due", "Only cases whose grade expires within this many days: re-assessment due.", .range(0...CaseService.dueWithinLimit))
        public var due: Int?
        @Param("overdue", "Only cases whose visit or conclusion is overdue (the scheme's deadlines in working days from acceptance).", default: false)
        public var overdue: Bool
        @ParamGroup public var page: PageParams<Int>
        public init() {}
    }

    public static func run(_ input: Input, _ context: StoreContext) throws -> CaseListOutput {
        let listing = Listing(try context.services.cases.list(actor: context.actor, state: input.state, dueWithin: input.due, overdue: input.overdue,
                                                              asOf: context.asOf, page: try input.page.request()))
        return CaseListOutput(listing: listing, enrolled: try context.services.agreements.enrolledInstitutions(
            of: listing.items, on: try context.day(), actor: context.actor))
    }
}

/// A page of cases; as text, each with the institutions it is enrolled with that day.
public struct CaseListOutput: OperationOutput {
    public let listing: Listing<Case>
    /// Case id → the institutions it is enrolled with on the day listed.
    public let enrolled: [Int: [String]]
    public var json: JSONValue { listing.json }
    public var text: String {
        var lines = [CaseText.cases(listing.items, enrolled: enrolled)]
        if let next = listing.next { lines.append("(more: --after \(next))") }
        return lines.joined(separator: "\n")
    }
    public static var schema: JSONSchema { Listing<Case>.schema }
}

/// `case.letter`: the conclusion letter of the latest determination.
public enum WriteLetter: StoreOperation {
    public static let name = "case.letter"
    public static let summary = "The conclusion letter of the latest determination, as a printable bilingual HTML page."
    public static let discussion = "The grade, its explanation, and the right to object with its last day (or that the conclusion is final)."
    public static let access = AccessRule.registered
    public static let effect = OperationEffect.reads
    public static let result = "{html}"
    public static let example: JSONObject = ["actor": "administrator:wang", "case": 1]
    public typealias Input = CaseParams

    public static func run(_ input: CaseParams, _ context: StoreContext) throws -> LetterOutput {
        let forms = context.services.cases.forms
        return LetterOutput(html: try ConclusionLetter.of(caseID: input.caseID, actor: context.actor, cases: context.services.cases,
                                                          registry: context.services.registry) { formID in
            // The letter names the form's items and dimensions in English, as its Chinese lines do.
            guard let form = try? forms.form(id: formID) else { return [:] }
            return Dictionary(form.items.map { ($0.id, $0.name.en) } + form.dimensions.map { ($0.id, $0.name.en) }) { first, _ in first }
        }.html)
    }
}

/// A case as it is read: the case, its person, assessments and timeline;
/// on a terminal, with its deadline against today and its care plan.
public struct CaseViewOutput: OperationOutput {
    public let view: CaseService.CaseView
    public let fullID: Bool
    /// The day the case is read on: whether its deadline has passed.
    public let today: CalendarDate
    public let plan: CarePlanService.View

    public var json: JSONValue { CaseText.viewJSON(view, fullID: fullID) }

    public var text: String {
        var text = CaseText.show(view, fullID: fullID, today: today)
        if plan.inForce != nil || plan.proposal != nil { text += "\ncare plan:\n" + PlanText.text(plan, caseID: view.record.id) }
        return text
    }

    public static var schema: JSONSchema {
        .object(["case": RecordSchemas.caseRecord, "person": RecordSchemas.person, "assessments": .array(RecordSchemas.assessment),
                 "timeline": .array(RecordSchemas.auditEvent)], required: ["case", "person", "assessments", "timeline"])
    }
}

/// The conclusion letter, a printable HTML page.
public struct LetterOutput: OperationOutput {
    public let html: String
    public var json: JSONValue { ["html": .string(html)] }
    public var text: String { html }
    public static var schema: JSONSchema { .object(["html": .string()], required: ["html"]) }
}

extension Case: Listable {
    public static let listName = "cases"
    public static var itemSchema: JSONSchema { RecordSchemas.caseRecord }
    public static func cursorJSON(_ cursor: Int) -> JSONValue { .integer(cursor) }
    public var listJSON: JSONValue { json }
    public static func table(_ cases: [Case]) -> String { CaseText.cases(cases) }
}
