import LTCOperations
import LTCCases
import LTCCore

/// How a process of `ltc rpc` trusts the actor of a request, as
/// `rpc.describe` tells an integrator under `actors`: the model in words,
/// the pinned actor if any, and who may do and read what (``AccessTable``).
///
/// ```swift
/// RPCServer(methods: methods, about: ["actors": ActorModel.json(pinned: try Actor("institution:I001"))])
/// ```
public enum ActorModel {
    public static func json(pinned: Actor?) -> JSONValue {
        let model = pinned.map { "This process acts only as \($0) (ltc rpc --actor): a request may leave out actor or name that one; another is refused." }
            ?? "This process trusts the actor each request names, as a library trusts its caller: the embedding system authenticates its users. Start ltc rpc --actor ROLE:ID to give one authenticated user a process of their own."
        let roles = AccessTable.rows.map { row -> JSONValue in
            var object: JSONObject = ["what": .string(row.what)]
            for role in AccessTable.roles { object.set(role.rawValue, .string(row.cell(role))) }
            return .object(object)
        }
        return [
            "model": .string(model),
            "pinned": pinned.map { .string($0.description) } ?? .null,
            "registered": "Every actor must be registered: administrators and auditors as staff (staff.add), assessors and institutions in their registries.",
            "roles": .array(roles),
        ]
    }
}
