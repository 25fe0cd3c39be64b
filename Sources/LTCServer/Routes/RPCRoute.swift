import LTCProtocol

/// `POST /rpc`: JSON-RPC 2.0, a request or a batch in the body, answered as
/// `ltc rpc` answers the same line, acting as the credential's actor. Every
/// JSON-RPC answer is a 200, errors included (a refusal is the error 1012);
/// a body of notifications only is a 204 (docs/protocol.md).
enum RPCRoute {
    static func respond(_ request: ServerRequest, _ worker: Worker) -> ServerResponse {
        guard case .bytes(let bytes) = request.body, let credential = request.credential else {
            return .refusal(415, "a JSON-RPC request is a JSON body", operation: "rpc")
        }
        let answer = bytes.withUnsafeBufferPointer { worker.rpc.respond(to: $0, caller: credential.caller) }
        guard let answer else { return ServerResponse(status: 204, operation: "rpc") }
        return ServerResponse(status: 200, headers: [("Content-Type", "application/json")], body: answer, operation: "rpc")
    }
}
