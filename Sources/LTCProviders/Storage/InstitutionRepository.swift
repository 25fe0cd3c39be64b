import LTCCore

/// The registry of care institutions.
public protocol InstitutionRepository {
    func institution(id: String) throws -> Institution?
    /// These institutions, by id (those not registered are left out).
    func institutions(ids: Set<String>) throws -> [String: Institution]
    /// Institutions by id, a page at a time.
    func list(page: PageRequest<String>) throws -> Page<Institution, String>
    func insert(_ institution: Institution) throws
    func update(_ institution: Institution) throws
}
