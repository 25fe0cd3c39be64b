import LTCCases
import LTCCore

/// `assessor.add`: an assessor registered.
public enum AddAssessor: StoreOperation {
    public static let name = "assessor.add"
    public static let summary = "Register an assessor."
    public static let discussion = "An expired certificate may not be assigned, drawn or assess, nor may an assessor whose agency has no agreement in force."
    public static let access = AccessRule.permission(.manageRegisters)
    public static let effect = OperationEffect.writes
    public static let result = "the assessor"
    public static let example: JSONObject = ["actor": "administrator:wang", "id": "A01", "name": "李医生", "qualification": "medical"]

    public struct Input: Params {
        @Param("id", "The assessor's id.", .text(.id)) public var id: String
        @Param("name", "Full name.") public var name: String
        @Param("qualification", "medical, care or none.") public var qualification: Assessor.Qualification
        @Param("employer", "The care institution employing them, if any.", .text(.id)) public var employer: String?
        @Param("agency", "The assessment agency they work for.") public var agency: String?
        @Param("certificateUntil", "The last day their certificate is valid.") public var certificateUntil: CalendarDate?
        @Param("expert", "In the expert pool that decides objections.", default: false) public var expert: Bool
        public init() {}
    }

    public static func run(_ input: Input, _ context: StoreContext) throws -> AssessorOutput {
        AssessorOutput(assessor: try context.services.registry.addAssessor(
            id: input.id, name: input.name, qualification: input.qualification, employer: input.employer, agency: input.agency,
            certificateUntil: input.certificateUntil, expert: input.expert, actor: context.actor, asOf: context.asOf))
    }
}

/// `assessor.list`: the assessor registry, a page at a time.
public enum ListAssessors: StoreOperation {
    public static let name = "assessor.list"
    public static let summary = "The assessor registry, by id, a page at a time."
    public static let access = AccessRule.permission(.readAll)
    public static let effect = OperationEffect.reads
    public static let result = "{assessors: [...], next}"
    public static let example: JSONObject = ["actor": "administrator:wang"]

    public struct Input: Params {
        @ParamGroup public var page: PageParams<String>
        public init() {}
    }

    public static func run(_ input: Input, _ context: StoreContext) throws -> Listing<Assessor> {
        Listing(try context.services.registry.assessors(actor: context.actor, page: try input.page.request()))
    }
}

/// An assessor just registered.
public struct AssessorOutput: OperationOutput {
    public let assessor: Assessor
    public var json: JSONValue { assessor.json }
    public var text: String {
        "registered assessor \(assessor.id) \(assessor.name) (\(assessor.qualification.rawValue))"
    }
    public static var schema: JSONSchema { RecordSchemas.assessor }
}

extension Assessor: Listable {
    public static let listName = "assessors"
    public static var itemSchema: JSONSchema { RecordSchemas.assessor }
    public static func cursorJSON(_ cursor: String) -> JSONValue { .string(cursor) }
    public var listJSON: JSONValue { json }
    public static func table(_ assessors: [Assessor]) -> String { CaseText.assessors(assessors) }
}
