import LTCCore

/// The assessor's drafts of an assessment (``AssessmentDraft``): kept as a
/// walk-through's answers are given, read back to resume it, and removed by
/// the assessment that completes it (``assess(caseID:formID:answers:conditions:assessedOn:place:actor:asOf:)``).
///
/// Only an assessor assigned to the case keeps a draft of it, and only they
/// read it back. Saving a draft is not audited: it decides nothing, and the
/// assessment it becomes is.
extension CaseService {
    /// Keeps `draft` as its assessor's draft of its case (the actor's), replacing any earlier one; its time is now.
    public func saveDraft(_ draft: AssessmentDraft, actor: Actor) throws {
        var draft = draft
        draft.assessor = actor.id
        draft.savedAt = work.clock.instant()
        try PlainText.require(draft.place ?? "", "place", as: .note)
        try store.write { tx in
            try Self.requireDraftable(caseID: draft.caseID, actor: actor, in: tx)
            try tx.drafts.save(draft)
        }
    }

    /// The actor's draft of case `caseID`, if one is kept.
    public func draft(caseID: Int, actor: Actor) throws -> AssessmentDraft? {
        try store.read { tx in
            try Self.requireDraftable(caseID: caseID, actor: actor, in: tx)
            return try tx.drafts.draft(caseID: caseID, assessor: actor.id)
        }
    }

    /// A draft is an assigned assessor's, of a case that exists.
    private static func requireDraftable(caseID: Int, actor: Actor, in tx: any CaseTransaction) throws {
        guard let record = try tx.cases.caseRecord(id: caseID) else { throw CaseError.notYours("case \(caseID)", refused: false) }
        try Access.require(actor, .recordAssessment(assigned: record.assessors, caseID: caseID))
    }
}
