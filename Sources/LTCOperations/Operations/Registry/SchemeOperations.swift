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

/// `scheme.get`: a scheme whole, stored or built in.
public enum GetScheme: StoreOperation {
    public static let name = "scheme.get"
    public static let summary = "A scheme whole: the stored scheme of that id, else the built-in example of that name; as text, readably (its forms and eligibility, modes, items, benefits by group, grade and mode, and its limits)."
    public static let discussion = "The result is the scheme file (format ltc-scheme/1) with stored: whether it is the stored scheme or a built-in one not loaded here."
    public static let command = "scheme show"
    public static let access = AccessRule.registered
    public static let effect = OperationEffect.reads
    public static let result = "{stored, scheme: the scheme file}"
    public static let example: JSONObject = ["actor": "institution:I001", "scheme": "hours-home-care-2026"]

    public struct Input: Params {
        @Param("scheme", "The scheme's id, or a built-in example's name.", .text(.id)) public var scheme: String
        public init() {}
    }

    public static func run(_ input: Input, _ context: StoreContext) throws -> SchemeDetailOutput {
        if let stored = try context.services.registry.storedScheme(id: input.scheme) { return SchemeDetailOutput(scheme: stored, stored: true) }
        guard let builtIn = try BuiltInSchemes.scheme(named: input.scheme) else {
            _ = try context.services.registry.scheme(id: input.scheme)   // says which are stored
            throw CaseError(.noSchemeInForce, "no scheme '\(input.scheme)'")
        }
        return SchemeDetailOutput(scheme: builtIn, stored: false)
    }
}

/// A scheme whole, and whether it is the stored one.
public struct SchemeDetailOutput: OperationOutput {
    public let scheme: Scheme
    public let stored: Bool
    public var json: JSONValue { ["stored": .bool(stored), "scheme": scheme.document] }
    public var text: String { SchemeText.show(scheme, stored: stored) }
    public static var schema: JSONSchema {
        .object(["stored": JSONSchema.boolean.describing("Whether it is the scheme stored here; false: a built-in example not loaded."),
                 "scheme": JSONSchema.openObject().describing("The scheme file (docs/schemes.md).")], required: ["stored", "scheme"])
    }
}
