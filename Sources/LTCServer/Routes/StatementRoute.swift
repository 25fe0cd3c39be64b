import LTCCore
import LTCOperations
import LTCProtocol

/// `GET /statements/{month}`: the caller's statements of a settled month
/// (an institution its own), as `settlement.get` gives them: JSON, or CSV
/// (one row per statement) when `Accept` asks for `text/csv`. 404 while the
/// month is not settled.
enum StatementRoute {
    static func respond(_ month: String, _ request: ServerRequest, _ worker: Worker) -> ServerResponse {
        guard let credential = request.credential, let entry = worker.catalogue.entry(named: GetSettlement.name) else {
            return .refusal(401, "a valid bearer credential is required", operation: GetSettlement.name)
        }
        let accept = request.headers["Accept"].joined(separator: ",")
        let csv = accept.contains("text/csv")
        if !csv && !accept.isEmpty && !accept.contains("json") && !accept.contains("*/*") {
            return .refusal(406, "statements are application/json or text/csv", operation: entry.name)
        }
        do {
            let settled = try entry.invoke(["month": .string(month)], caller: credential.caller, in: worker.environment).json
            guard settled != .null else {
                return .error(.init(code: RPCErrorCode.domain["notFound"] ?? 1010, message: "\(month) is not settled"), status: 404, operation: entry.name)
            }
            guard csv else { return .json(settled, operation: entry.name) }
            return ServerResponse(status: 200, headers: [("Content-Type", "text/csv; charset=utf-8")],
                                  body: Array(Self.csv(settled["statements"]?.arrayValue ?? []).utf8), operation: entry.name)
        } catch {
            return .failure(error, operation: entry.name)
        }
    }

    /// One row per statement, a column per member (the first statement's,
    /// in its order); a member that is an object or a list is its JSON.
    static func csv(_ statements: [JSONValue]) -> String {
        guard let first = statements.first?.objectValue else { return "\n" }
        let columns = first.map(\.key)
        var lines = [columns.map(CSVText.cell).joined(separator: ",")]
        for statement in statements {
            lines.append(columns.map { CSVText.cell(statement[$0]) }.joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
