import LTCCore

/// The assessor registry.
public protocol AssessorRepository {
    func assessor(id: String) throws -> Assessor?
    /// Assessors by id, a page at a time.
    func list(page: PageRequest<String>) throws -> Page<Assessor, String>
    func insert(_ assessor: Assessor) throws
}
