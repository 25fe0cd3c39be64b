import LTCCore

/// Findings against assessors from audit re-assessments, kept as found.
public protocol FindingRepository {
    /// Stores a finding and returns its id.
    func insert(_ finding: AssessorFinding) throws -> Int
    /// The findings, by id, of one assessor or of all, a page at a time.
    func findings(assessor: String?, page: PageRequest<Int>) throws -> Page<AssessorFinding, Int>
}
