import LTCCore
import LTCOperations

/// `POST /logs`: a submission of service logs, the CSV or JSON Lines file
/// the body, read by intake from the temporary file it was written to (an
/// ``Attachment``), a block at a time. The answer is the submission report.
///
/// A retried upload is safe by its content: sending the same logs again
/// stores nothing twice (each is unchanged), and a changed log is a correction.
enum LogsRoute {
    static func respond(_ request: ServerRequest, _ worker: Worker, metrics: ServerMetrics) -> ServerResponse {
        guard case .spooled(let file) = request.body, let credential = request.credential,
              let entry = worker.catalogue.entry(named: SubmitLogs.name) else {
            return .refusal(415, "the logs are the body", operation: SubmitLogs.name)
        }
        do {
            // The credential was checked when the upload began (Authentication); logs.submit checks it again in the
            // submission's own transaction, since the body may have taken a minute.
            let output = try entry.invoke([:], attachments: ["logs": file.attachment(name: "upload")], caller: credential.caller, in: worker.environment)
            let report = output.json
            metrics.submitted(accepted: report["accepted"]?.intValue ?? 0, rejected: report["rejected"]?.intValue ?? 0)
            return .json(report, operation: entry.name)
        } catch {
            return .failure(error, operation: entry.name)
        }
    }
}
