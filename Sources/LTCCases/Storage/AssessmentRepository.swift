/// Recorded assessments; each belongs to a case and is never changed.
public protocol AssessmentRepository {
    /// A case's assessments, oldest first.
    func assessments(caseID: Int) throws -> [AssessmentRecord]
    /// A case's newest assessment.
    func latest(caseID: Int) throws -> AssessmentRecord?
    /// Stores an assessment and returns its id; its assessors join the case's scope for them.
    func insert(_ assessment: AssessmentRecord) throws -> Int
}
