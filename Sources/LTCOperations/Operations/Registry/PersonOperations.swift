import LTCCases
import LTCCore
import LTCSchemes

/// `person.add`: an insured person registered.
public enum AddPerson: StoreOperation {
    public static let name = "person.add"
    public static let summary = "Register an insured person."
    public static let access = AccessRule.permission(.manageRegisters)
    public static let effect = OperationEffect.writes
    public static let result = "the person, ID number masked"
    public static let example: JSONObject = ["actor": "administrator:wang", "name": "陈老伯", "nationalId": "11010519491231002X", "insurance": "employee", "enrolledOn": "2015-07-01"]

    public struct Input: Params {
        @Param("name", "Full name.") public var name: String
        @Param("nationalId", "National ID number (18 characters, GB 11643).", .text(.id)) public var nationalID: String
        @Param("insurance", "The insured group: employee or resident.") public var insurance: InsuranceType
        @Param("tier", "The contribution tier, where the scheme has tiers (1–9).", .range(1...9)) public var tier: Int?
        @Param("enrolledOn", "Date of enrolment in the insurance (YYYY-MM-DD).") public var enrolledOn: CalendarDate
        public init() {}
    }

    public static func run(_ input: Input, _ context: StoreContext) throws -> PersonOutput {
        let person = try context.services.registry.addPerson(name: input.name, nationalID: input.nationalID, insurance: input.insurance, tier: input.tier,
                                                             enrolledOn: input.enrolledOn, actor: context.actor, asOf: context.asOf)
        return PersonOutput(person: person, fullID: false, registered: true)
    }
}

/// `person.import`: many people registered from JSON Lines, all or none.
public enum ImportPeople: StoreOperation {
    public static let name = "person.import"
    public static let summary = "Register many people from JSON Lines, all or none."
    public static let discussion = #"Each line: {"name": "…", "nationalId": "…", "insurance": "employee", "enrolledOn": "YYYY-MM-DD"}. Every line is checked first; one bad line refuses the whole file, naming every bad line."#
    public static let access = AccessRule.permission(.manageRegisters)
    public static let effect = OperationEffect.writes
    public static let result = "{imported}"
    public static let example: JSONObject = ["actor": "administrator:wang",
                                             "people": #"{"name":"李阿婆","nationalId":"110105194805120028","insurance":"resident","enrolledOn":"2016-01-01"}"#]

    public struct Input: Params {
        @Param("people", "The people as JSON Lines: one {name, nationalId, insurance, enrolledOn} a line.") public var people: TextDocument
        public init() {}
    }

    public static func run(_ input: Input, _ context: StoreContext) throws -> ImportOutput {
        var rows: [RegistryService.PersonRow] = []
        var problems: [String] = []
        let text = String(decoding: try input.people.bytes(), as: UTF8.self)
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() where !line.allSatisfy(\.isWhitespace) {
            do {
                let value = try JSONParser.parse(String(line))
                let fields = ["name", "nationalId", "insurance", "enrolledOn"].map { value[$0]?.stringValue }
                guard value.objectValue?.count == 4, fields.allSatisfy({ $0 != nil }) else {
                    problems.append("line \(index + 1): expected an object with the strings name, nationalId, insurance and enrolledOn")
                    continue
                }
                rows.append(.init(line: index + 1, name: fields[0]!, nationalID: fields[1]!, insurance: fields[2]!, enrolledOn: fields[3]!))
            } catch {
                problems.append("line \(index + 1): not valid JSON: \(error)")
            }
        }
        guard problems.isEmpty else {
            throw InputError(source: input.people.source, message: "\(problems.count) lines refused, nothing imported: " + problems.prefix(20).joined(separator: "; "))
        }
        let progress = input.people.progress
        let count = try context.services.registry.importPeople(rows, actor: context.actor, asOf: context.asOf) { progress?($0, 0) }
        return ImportOutput(imported: count)
    }
}

/// `person.get`: one insured person.
public enum GetPerson: StoreOperation {
    public static let name = "person.get"
    public static let summary = "One insured person."
    public static let command = "person show"
    public static let access = AccessRule.registered
    public static let effect = OperationEffect.reads
    public static let result = "the person"
    public static let example: JSONObject = ["actor": "administrator:wang", "person": 1]

    public struct Input: Params {
        @Param("person", "The person's id.") public var person: Int
        @Param("showId", "Return the full ID number (administrators and auditors; default: masked).", default: false) public var showID: Bool
        public init() {}
    }

    public static func run(_ input: Input, _ context: StoreContext) throws -> PersonOutput {
        if input.showID { try Access.require(context.actor, .readNationalIDs) }
        return PersonOutput(person: try context.services.registry.person(id: input.person, actor: context.actor), fullID: input.showID, registered: false)
    }
}

/// `person.list`: the people the actor may see, a page at a time.
public enum ListPeople: StoreOperation {
    public static let name = "person.list"
    public static let summary = "The insured people the actor may see, by id, a page at a time."
    public static let access = AccessRule.registered
    public static let effect = OperationEffect.reads
    public static let result = "{people: [...], next}"
    public static let example: JSONObject = ["actor": "administrator:wang", "limit": 50]

    public struct Input: Params {
        @Param("showId", "Return full ID numbers (administrators and auditors; default: masked).", default: false) public var showID: Bool
        @ParamGroup public var page: PageParams<Int>
        public init() {}
    }

    public static func run(_ input: Input, _ context: StoreContext) throws -> Listing<ListedPerson> {
        if input.showID { try Access.require(context.actor, .readNationalIDs) }
        let page = try context.services.registry.people(actor: context.actor, page: try input.page.request())
        return Listing(items: page.items.map { ListedPerson(person: $0, fullID: input.showID) }, next: page.next)
    }
}

/// A person as a result: the ID number masked unless asked for in full.
public struct PersonOutput: OperationOutput {
    public let person: InsuredPerson
    public let fullID: Bool
    /// Whether the person was just registered (the text says so).
    public let registered: Bool
    public var json: JSONValue { person.json(fullID: fullID) }
    public var text: String { (registered ? "registered " : "") + CaseText.person(person, fullID: fullID) }
    public static var schema: JSONSchema { RecordSchemas.person }
}

/// A person in a listing.
public struct ListedPerson: Listable {
    public let person: InsuredPerson
    public let fullID: Bool
    public static let listName = "people"
    public static var itemSchema: JSONSchema { RecordSchemas.person }
    public static func cursorJSON(_ cursor: Int) -> JSONValue { .integer(cursor) }
    public var listJSON: JSONValue { person.json(fullID: fullID) }
    public static func table(_ people: [ListedPerson]) -> String { CaseText.people(people.map(\.person), fullID: people.first?.fullID ?? false) }
}

/// How many records an import stored.
public struct ImportOutput: OperationOutput {
    public let imported: Int
    public var json: JSONValue { ["imported": .integer(imported)] }
    public var text: String { "imported \(imported) people" }
    public static var schema: JSONSchema { .object(["imported": .integer(minimum: 0)], required: ["imported"]) }
}
