import LTCCore

/// Insured people (参保人).
public protocol PersonRepository {
    func person(id: Int) throws -> InsuredPerson?
    func person(nationalID: NationalID) throws -> InsuredPerson?
    /// Which of these national ID numbers are registered already (for a bulk import's check).
    func registered(_ nationalIDs: [NationalID]) throws -> Set<NationalID>
    /// People in `scope` (those with a case in it), by id, a page at a time.
    func list(scope: CaseScope, page: PageRequest<Int>) throws -> Page<InsuredPerson, Int>
    /// Stores a new person and returns the id the store gave them.
    func insert(_ person: InsuredPerson) throws -> Int
    func update(_ person: InsuredPerson) throws
}
