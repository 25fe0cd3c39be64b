import LTCCore

/// Designation agreements, with all their versions and periods.
public protocol AgreementRepository {
    func agreement(id: String) throws -> Agreement?
    /// An institution's agreements, oldest first.
    func agreements(institution: String) throws -> [Agreement]
    /// The agreements of these institutions, by institution, oldest first.
    func agreements(institutions: Set<String>) throws -> [String: [Agreement]]
    /// Agreements by id, optionally of one institution, a page at a time.
    func list(institution: String?, page: PageRequest<String>) throws -> Page<Agreement, String>
    func insert(_ agreement: Agreement) throws
    func update(_ agreement: Agreement) throws
}
