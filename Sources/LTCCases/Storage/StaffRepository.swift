import LTCCore

/// The staff registry: administrators and auditors.
public protocol StaffRepository {
    func member(id: String) throws -> StaffMember?
    /// Whether any staff is registered (the first administrator registers themselves).
    func isEmpty() throws -> Bool
    /// Staff by id, a page at a time.
    func list(page: PageRequest<String>) throws -> Page<StaffMember, String>
    func insert(_ member: StaffMember) throws
}
