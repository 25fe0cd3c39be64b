import LTCCases
import LTCCore
import LTCSchemes

/// `scheme.load`: a scheme validated and stored.
public enum LoadScheme: StoreOperation {
    public static let name = "scheme.load"
    public static let summary = "Validate a scheme document and store it."
    public static let discussion = "The scheme is a scheme file's content (format ltc-scheme/1), or the name of a built-in example scheme: \(BuiltInSchemes.names.joined(separator: ", "))."
    public static let access = AccessRule.permission(.manageSchemes)
    public static let effect = OperationEffect.writes
    public static let result = "{id, name, region, timeZone, effectiveFrom, effectiveTo}"
    public static let example: JSONObject = ["actor": "administrator:wang", "scheme": "hours-home-care-2026"]

    public struct Input: Params {
        @Param("scheme", "The scheme, as in a scheme file (format ltc-scheme/1), or a built-in example's name.")
        public var scheme: SchemeDocument
        public init() {}
    }

    public static func run(_ input: Input, _ context: StoreContext) throws -> SchemeOutput {
        SchemeOutput(scheme: try context.services.registry.load(try input.scheme.scheme(), actor: context.actor, asOf: context.asOf))
    }
}

/// `scheme.list`: the stored schemes, a page at a time.
public enum ListSchemes: StoreOperation {
    public static let name = "scheme.list"
    public static let summary = "The stored schemes, by id, a page at a time."
    public static let access = AccessRule.registered
    public static let effect = OperationEffect.reads
    public static let result = "{schemes: [...], next}"
    public static let example: JSONObject = ["actor": "administrator:wang"]

    public struct Input: Params {
        @ParamGroup public var page: PageParams<String>
        public init() {}
    }

    public static func run(_ input: Input, _ context: StoreContext) throws -> Listing<Scheme> {
        Listing(try context.services.registry.schemes(page: try input.page.request()))
    }
}

/// A scheme as stored: its id, name, region, zone and dates.
public struct SchemeOutput: OperationOutput {
    public let scheme: Scheme
    public var json: JSONValue { scheme.summaryJSON }
    public var text: String {
        "loaded scheme \(scheme.id): \(scheme.name.zh) / \(scheme.name.en), \(scheme.region), \(scheme.effectiveFrom) to \(scheme.effectiveTo)"
    }
    public static var schema: JSONSchema { RecordSchemas.schemeSummary }
}

extension Scheme: Listable {
    public static let listName = "schemes"
    public static var itemSchema: JSONSchema { RecordSchemas.schemeSummary }
    public static func cursorJSON(_ cursor: String) -> JSONValue { .string(cursor) }
    public var listJSON: JSONValue { summaryJSON }

    public static func table(_ schemes: [Scheme]) -> String {
        var table = TextTable()
        table.header([("ID", "编号"), ("REGION", "地区"), ("FROM", "起"), ("TO", "止"), ("NAME", "名称")])
        for scheme in schemes {
            table.append([scheme.id, scheme.region, scheme.effectiveFrom.description, scheme.effectiveTo.description, scheme.name.bilingual])
        }
        return table.rendered()
    }
}
