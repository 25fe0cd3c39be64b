import LTCCases
import LTCCore
import LTCProviders

/// `institution.register`: a care institution (or an assessment agency) registered.
public enum RegisterInstitution: StoreOperation {
    public static let name = "institution.register"
    public static let summary = "Register a care institution."
    public static let command = "institution add"
    public static let access = AccessRule.permission(.manageInstitutions)
    public static let effect = OperationEffect.writes
    public static let result = "the institution"
    public static let example: JSONObject = [
        "actor": "administrator:wang",
        "institution": ["id": "I009", "name": "阳光护理站", "type": "homeCare", "licence": "L-I009", "deliveries": ["home"], "capacity": 50,
                        "address": "市南区香港中路9号", "district": "市南", "contact": "0532-9"],
    ]

    public struct Input: Params {
        @Param("institution", "The institution: {id, name, type, licence, deliveries, capacity, address, district, contact, principalId?}.")
        public var institution: InstitutionParams
        public init() {}
    }

    public static func run(_ input: Input, _ context: StoreContext) throws -> InstitutionOutput {
        InstitutionOutput(institution: try context.services.agreements.register(try input.institution.institution(), actor: context.actor,
                                                                                asOf: try context.day()))
    }
}

/// An institution as a request gives it: the one reader of an institution
/// document, for `institution.register` and `ltc institution add FILE` alike.
public struct InstitutionParams: ParamsObject {
    @Param("id", "The institution's id: letters, digits, '-' and '_'.") public var id: InstitutionCode
    @Param("name", "Its name.") public var name: String
    @Param("type", "What it is.") public var type: Institution.Kind
    @Param("licence", "The business licence or institution registration code.") public var licence: String
    @Param("deliveries", "The kinds of service it can give (none for an assessment agency).") public var deliveries: [Institution.Delivery]
    @Param("capacity", "Beds or clients it can serve at once.", .range(0...Agreement.Terms.capacityLimit)) public var capacity: Int
    @Param("address", "Its address.") public var address: String
    @Param("district", "Its district.") public var district: String
    @Param("contact", "A telephone number or other contact.") public var contact: String
    @Param("principalId", "The legal representative's or principal's national ID: a person barred from LTCI work may not be one.", .text(.id))
    public var principalID: String?

    public init() {}

    /// The institution, its principal's ID checked.
    func institution() throws -> Institution {
        var institution = Institution(id: id.value, name: name, type: type, licence: licence, deliveries: deliveries.map(\.rawValue),
                                      capacity: capacity, address: address, district: district, contact: contact)
        institution.principal = try principalID.map { text throws(CaseError) in try NationalID(text) }
        return institution
    }
}

/// An institution's id: letters, digits, `-` and `_`, as agreement ids
/// (`AG-<institution>-<n>`) and the logs' CSV hold it.
public struct InstitutionCode: ParamValue {
    public let value: String

    public static var schema: JSONSchema { .string(minLength: 1, maxLength: TextKind.id.maxLength, pattern: "^[A-Za-z0-9_-]+$") }

    public init(param value: JSONValue) throws(ParamProblems) {
        guard let text = value.stringValue else { throw .wrongType(expected: "string", found: value) }
        if let problem = TextKind.id.problem(in: text) { throw .invalid(problem) }
        guard text.unicodeScalars.allSatisfy({ ("A"..."Z").contains($0) || ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_" }) else {
            throw .invalid("'\(text.prefix(40))' may hold letters, digits, '-' and '_' only")
        }
        self.value = text
    }
}

/// `institution.list`: the registered institutions, a page at a time.
public enum ListInstitutions: StoreOperation {
    public static let name = "institution.list"
    public static let summary = "The registered institutions, by id, a page at a time."
    public static let access = AccessRule.registered
    public static let effect = OperationEffect.reads
    public static let result = "{institutions: [...], next}"
    public static let example: JSONObject = ["actor": "administrator:wang"]

    public struct Input: Params {
        @ParamGroup public var page: PageParams<String>
        public init() {}
    }

    public static func run(_ input: Input, _ context: StoreContext) throws -> Listing<Institution> {
        Listing(try context.services.agreements.institutions(page: try input.page.request()))
    }
}

/// An institution just registered.
public struct InstitutionOutput: OperationOutput {
    public let institution: Institution
    public var json: JSONValue { institution.json }
    public var text: String { "registered institution \(institution.id) \(institution.name)" }
    public static var schema: JSONSchema { RecordSchemas.institution }
}

extension Institution: Listable {
    public static let listName = "institutions"
    public static var itemSchema: JSONSchema { RecordSchemas.institution }
    public static func cursorJSON(_ cursor: String) -> JSONValue { .string(cursor) }
    public var listJSON: JSONValue { json }

    public static func table(_ institutions: [Institution]) -> String {
        var table = TextTable()
        table.header([("ID", "编号"), ("TYPE", "类型"), ("DISTRICT", "区"), ("CAPACITY", "容量"), ("NAME", "名称")])
        for institution in institutions {
            table.append([institution.id, institution.type.rawValue, institution.district, String(institution.capacity), institution.name])
        }
        return table.rendered()
    }
}
