import LTCCore
import LTCOperations

/// `POST /cases/{id}/evidence?kind=photo&name=bedside.jpg`: the evidence's
/// bytes as the body, hashed and kept by `case.evidence`. No caller names a
/// path on the server.
enum EvidenceRoute {
    static func respond(_ caseID: String, _ request: ServerRequest, _ worker: Worker) -> ServerResponse {
        guard case .spooled(let file) = request.body, let credential = request.credential,
              let entry = worker.catalogue.entry(named: AttachEvidence.name) else {
            return .refusal(415, "the evidence is the body", operation: AttachEvidence.name)
        }
        var params: JSONObject = ["case": Int(caseID).map { .integer($0) } ?? .string(caseID)]
        if let kind = request.query["kind"] { params.set("kind", .string(kind)) }
        if let name = request.query["name"] { params.set("name", .string(name)) }
        do {
            let output = try entry.invoke(params, attachments: ["file": file.attachment(name: "upload")], caller: credential.caller, in: worker.environment)
            return .json(output.json, status: 201, operation: entry.name)
        } catch {
            return .failure(error, operation: entry.name)
        }
    }
}
