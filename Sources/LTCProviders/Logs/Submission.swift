import LTCCore

/// One submission of service logs as stored: who sent it, on which date,
/// and what became of its lines (the counts of ``SubmissionReport``).
///
/// ```swift
/// let page = try intake.submissions(actor: try Actor("institution:I001"), page: try PageRequest())
/// page.items.first?.summary["accepted"]   // 97
/// ```
public struct Submission: Sendable, Equatable {
    public var id: Int
    /// The institution whose logs it held; `nil` for an administrator's file of several institutions.
    public var institution: String?
    public var actor: String
    public var asOf: CalendarDate
    /// When it was stored (UTC, `YYYY-MM-DD HH:MM:SS`).
    public var recordedAt: String
    /// `{received, accepted, rejected, unchanged, corrected, withdrawn}`.
    public var summary: JSONValue

    public init(id: Int, institution: String?, actor: String, asOf: CalendarDate, recordedAt: String, summary: JSONValue) {
        self.id = id
        self.institution = institution
        self.actor = actor
        self.asOf = asOf
        self.recordedAt = recordedAt
        self.summary = summary
    }

    public var json: JSONValue {
        ["id": .integer(id), "institution": institution.map { .string($0) } ?? .null, "actor": .string(actor),
         "asOf": .string(asOf.description), "recordedAt": .string(recordedAt), "summary": summary]
    }
}
