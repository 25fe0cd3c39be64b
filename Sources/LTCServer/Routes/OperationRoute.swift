import LTCCore
import LTCOperations
import LTCProtocol

/// `POST /api/{method}`: one operation of the catalogue, its params the
/// body (a JSON object; empty for none), its result the body of a 200, its
/// failure the status ``ErrorClass`` gives it with the JSON-RPC error object.
/// The route `/openapi.json` describes, one path per operation.
enum OperationRoute {
    static func respond(_ name: String, _ request: ServerRequest, _ worker: Worker) -> ServerResponse {
        guard let entry = worker.catalogue.entry(named: name), let credential = request.credential else {
            return .error(RPCError(code: RPCErrorCode.methodNotFound, message: "Method not found: '\(name)'"), status: 404, operation: "-")
        }
        let params: JSONObject
        switch JSONBody.object(request.body) {
        case .success(let object): params = object
        case .failure(let error): return .error(error, status: 400, operation: entry.name)
        }
        do {
            let output = try entry.invoke(params, caller: credential.caller, in: worker.environment)
            var out = JSONOutput()
            output.encode(into: &out)
            return ServerResponse(status: 200, headers: [("Content-Type", "application/json")], body: out.bytes, operation: entry.name)
        } catch {
            return .failure(error, operation: entry.name)
        }
    }
}

/// A small body read as a JSON object: empty is `{}`.
enum JSONBody {
    static func object(_ body: RequestBody) -> Result<JSONObject, RPCError> {
        guard case .bytes(let bytes) = body else { return .failure(.invalidRequest("the body must be a JSON object")) }
        guard bytes.contains(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }) else { return .success([:]) }
        let value: JSONValue
        do {
            value = try JSONParser.parse(bytes)
        } catch {
            return .failure(.parseError(error))
        }
        guard case .object(let object) = value else {
            return .failure(.invalidParams([RPCParamProblem(param: "params", message: "give parameters by name, as a JSON object")]))
        }
        return .success(object)
    }
}
