import LTCCore
import LTCOperations

/// How `rpc.describe` lists an operation of the catalogue: the short listing
/// it has always given (`name`, `summary`, `params: [{name, type, required,
/// summary}]`, `result`, `example`), and beside it the contract in full: the
/// params and the result as JSON Schema (2020-12), who may call it, whether
/// it writes, and the command that runs it.
enum RPCDescription {
    static func method(_ entry: CatalogueEntry) -> JSONValue {
        var object: JSONObject = [
            "name": .string(entry.name),
            "summary": .string(entry.summary),
            "params": .array(entry.params.map(\.json)),
            "result": .string(entry.result),
            "example": .object(entry.example),
            "paramsSchema": .object(entry.paramsSchema.json),
            "resultSchema": .object(entry.resultSchema.json),
            "access": entry.access.json,
            "effect": .string(entry.effect.rawValue),
            "command": .string("ltc " + entry.command),
        ]
        if !entry.aliases.isEmpty { object.set("aliases", .array(entry.aliases.map { .string($0) })) }
        return .object(object)
    }

    /// `rpc.describe`'s own listing.
    static let describe: JSONValue = [
        "name": "rpc.describe",
        "summary": "Every method of this interface with its parameters, result and an example, and the contract in full (JSON Schema of params and result, access, effect, command).",
        "params": [],
        "result": "{protocol, version, methods: [{name, summary, params: [{name, type, required, summary}], result, example, paramsSchema, resultSchema, access, effect, command}], actors}",
        "example": [:],
        "effect": "computes",
    ]
}
