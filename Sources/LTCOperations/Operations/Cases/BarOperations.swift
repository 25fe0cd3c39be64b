import LTCCases
import LTCCore
import LTCProviders

/// `bar.add`: a person barred from LTCI work, by national ID.
public enum BarPerson: StoreOperation {
    public static let name = "bar.add"
    public static let summary = "Bar a person from LTCI work, by national ID: a principal 60 months; staff 3–12; staff-serious 12–36. Their caregiver employment ends the day before."
    public static let discussion = "The 2024 rules bar a principal 60 months; other responsible staff 3–12 months, 12–36 in serious cases. "
        + "The bar follows the national ID: no caregiver registration or principal role anywhere while it runs, "
        + "and the person's caregiver employment at every institution ends the day before it starts."
    public static let access = AccessRule.permission(.supervise)
    public static let effect = OperationEffect.writes
    public static let result = "the bar, ID masked, with endedEmployment"
    public static let example: JSONObject = ["actor": "administrator:wang", "nationalId": "11010519491231002X", "name": "赵某", "role": "principal",
                                             "months": 60, "from": "2026-06-01", "institution": "I001", "reason": "fraud confirmed"]

    public struct Input: Params {
        @Param("nationalId", "The person's national ID.", .text(.id)) public var nationalID: String
        @Param("name", "Full name.") public var name: String
        @Param("role", "principal, staff or staff-serious.") public var role: PersonBar.Role
        @Param("months", "How many months.") public var months: Int
        @Param("from", "The first day of the bar.") public var from: CalendarDate
        @Param("institution", "The institution whose case led to it.", .text(.id)) public var institution: String
        @Param("reason", "The violation that led to it.", .text(.note)) public var reason: String
        public init() {}
    }

    public static func run(_ input: Input, _ context: StoreContext) throws -> BarOutput {
        BarOutput(outcome: try context.services.supervision.bar(
            nationalID: input.nationalID, name: input.name, role: input.role, months: input.months, from: input.from,
            institution: input.institution, reason: input.reason, actor: context.actor, asOf: try context.day()))
    }
}

/// `bar.list`: every bar, IDs masked.
public enum ListBars: StoreOperation {
    public static let name = "bar.list"
    public static let summary = "Every bar on a person, by id, a page at a time (IDs masked)."
    public static let access = AccessRule.permission(.readAll)
    public static let effect = OperationEffect.reads
    public static let result = "{bars: [...], next}"
    public static let example: JSONObject = ["actor": "administrator:wang"]

    public struct Input: Params {
        @ParamGroup public var page: PageParams<Int>
        public init() {}
    }

    public static func run(_ input: Input, _ context: StoreContext) throws -> Listing<PersonBar> {
        Listing(try context.services.supervision.bars(actor: context.actor, page: try input.page.request()))
    }
}

/// A bar just recorded, and the employment it ended.
public struct BarOutput: OperationOutput {
    public let outcome: SupervisionService.BarOutcome
    public var json: JSONValue { outcome.json }
    public var text: String {
        let bar = outcome.bar
        return (["bar \(bar.id): \(bar.name) \(bar.nationalID.masked) barred as \(bar.role.rawValue) from \(bar.from) to \(bar.until)"]
                + outcome.endedEmployment.map { "  employment of caregiver \($0) ends \(bar.from.adding(days: -1))" }).joined(separator: "\n")
    }
    public static var schema: JSONSchema { RecordSchemas.barOutcome }
}

extension PersonBar: Listable {
    public static let listName = "bars"
    public static var itemSchema: JSONSchema { RecordSchemas.personBar }
    public static func cursorJSON(_ cursor: Int) -> JSONValue { .integer(cursor) }
    public var listJSON: JSONValue { json }

    public static func table(_ bars: [PersonBar]) -> String {
        guard !bars.isEmpty else { return "no bars" }
        var table = TextTable()
        table.header([("BAR", "编号"), ("NAME", "姓名"), ("NATIONAL ID", "身份证号"), ("ROLE", "身份"), ("FROM", "起"), ("UNTIL", "止"),
                      ("INSTITUTION", "机构"), ("REASON", "原因")])
        for bar in bars {
            table.append([String(bar.id), bar.name, bar.nationalID.masked, bar.role.rawValue, bar.from.description, bar.until.description,
                          bar.institution, bar.reason])
        }
        return table.rendered()
    }
}
