import LTCCore
import LTCProtocol

/// `POST /rpc`: JSON-RPC 2.0, a request or a batch in the body, answered as
/// `ltc rpc` answers the same line, acting as the credential's actor. Every
/// JSON-RPC answer is a 200, errors included (a refusal is the error 1012);
/// a body of notifications only is a 204 (docs/protocol.md).
///
/// A batch is as many requests as it holds: at most `batchLimit` (more is
/// 413, nothing run), and each after the first takes its own place in the
/// credential's rate (429 with `Retry-After` when they do not fit), so a
/// batch cannot do what its requests sent one by one could not. Each
/// request's operation asks again whether the credential still lets its
/// actor in (`ActorRegistration`), so a revocation stops the rest of a batch.
enum RPCRoute {
    static func respond(_ request: ServerRequest, _ worker: Worker, limiter: RateLimiter, batchLimit: Int) -> ServerResponse {
        guard case .bytes(let bytes) = request.body, let credential = request.credential else {
            return .refusal(415, "a JSON-RPC request is a JSON body", operation: "rpc")
        }
        // JSON's blanks are all at or below the space: the first byte above it says whether this is a batch.
        if bytes.first(where: { $0 > 0x20 }) == UInt8(ascii: "["),
           let batch = try? bytes.withUnsafeBufferPointer({ try JSONParser.parse($0) }).arrayValue, batch.count > 1 {
            guard batch.count <= batchLimit else {
                return .refusal(413, "a batch holds at most \(batchLimit) requests; this one holds \(batch.count)", operation: "rpc")
            }
            if let wait = limiter.admit(credential.id, cost: Double(batch.count - 1)) {
                return .refusal(429, "a batch of \(batch.count) requests is more than this credential's rate allows now (at most \(limiter.rate) a second); try again in \(wait) s",
                                operation: "rpc", headers: [("Retry-After", String(wait))])
            }
        }
        let answer = bytes.withUnsafeBufferPointer { worker.rpc.respond(to: $0, caller: credential.caller) }
        guard let answer else { return ServerResponse(status: 204, operation: "rpc") }
        return ServerResponse(status: 200, headers: [("Content-Type", "application/json")], body: answer, operation: "rpc")
    }
}
