/// The assessors' drafts of assessments (``AssessmentDraft``): at most one
/// per case and assessor, replaced as answers are given, removed by the
/// assessment that completes it.
public protocol AssessmentDraftRepository {
    /// The draft of `assessor` for case `caseID`, if one is kept.
    func draft(caseID: Int, assessor: String) throws -> AssessmentDraft?
    /// Stores the draft, replacing the one of its case and assessor.
    func save(_ draft: AssessmentDraft) throws
    /// Removes the draft of `assessor` for case `caseID`, if any.
    func remove(caseID: Int, assessor: String) throws
}
