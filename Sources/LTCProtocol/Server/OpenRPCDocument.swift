import LTCCore
import LTCOperations

/// The interface as an OpenRPC 1.3 document, generated from the catalogue:
/// every method with its params and result as JSON Schema, the errors, and
/// who may call it (`x-access`), whether it writes (`x-effect`) and the
/// command that runs it (`x-command`). `ltc schema --openrpc` prints it.
///
/// The schemas use only what JSON Schema draft 7 (OpenRPC's) and 2020-12
/// (`rpc.describe`'s) share, so one schema serves both.
public enum OpenRPCDocument {
    public static func make(_ catalogue: OperationCatalogue) -> JSONValue {
        [
            "openrpc": "1.3.2",
            "info": [
                "title": "ltc",
                "version": .string("\(RPCServer.protocolVersion)"),
                "description": "Long-term care insurance: assessments, cases, benefits, designated institutions, service logs, settlement and supervision. JSON-RPC 2.0 over `ltc rpc` (one message per line); see docs/protocol.md.",
            ],
            "methods": .array(catalogue.entries.map(method)),
            "components": ["errors": .object(JSONObject(errors.map { JSONObject.Member($0.name, ["code": .integer($0.code), "message": .string($0.message)]) }))],
        ]
    }

    static func method(_ entry: CatalogueEntry) -> JSONValue {
        let required = Set(entry.params.filter(\.required).map(\.name))
        var object: JSONObject = [
            "name": .string(entry.name),
            "summary": .string(entry.summary),
            "paramStructure": "by-name",
            "params": .array(entry.params.map { param in
                ["name": .string(param.name), "summary": .string(param.summary), "required": .bool(required.contains(param.name)),
                 "schema": .object(param.schema.json)]
            }),
            "result": ["name": "result", "summary": .string(entry.result), "schema": .object(entry.resultSchema.json)],
            "errors": .array(errors.map { .object(["$ref": .string("#/components/errors/\($0.name)")]) }),
            "x-access": entry.access.json,
            "x-effect": .string(entry.effect.rawValue),
            "x-command": .string("ltc " + entry.command),
        ]
        if !entry.discussion.isEmpty { object.set("description", .string(entry.discussion)) }
        return .object(object)
    }

    /// The errors every method may answer, by name.
    static var errors: [(name: String, code: Int, message: String)] {
        [("parseError", RPCErrorCode.parseError, "Parse error"), ("invalidRequest", RPCErrorCode.invalidRequest, "Invalid request"),
         ("methodNotFound", RPCErrorCode.methodNotFound, "Method not found"), ("invalidParams", RPCErrorCode.invalidParams, "Invalid params"),
         ("internalError", RPCErrorCode.internalError, "Internal error"), ("otherDomainError", RPCErrorCode.otherDomainError, "A domain error of another kind")]
            + RPCErrorCode.domain.sorted { $0.value < $1.value }.map { ($0.key, $0.value, $0.key) }
    }
}
