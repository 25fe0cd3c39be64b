import LTCCases
import LTCCore

/// People barred from LTCI work, by national ID.
public protocol BarRepository {
    /// Stores a bar and returns its id.
    func insert(_ bar: PersonBar) throws -> Int
    /// The bars on one person, oldest first.
    func bars(nationalID: NationalID) throws -> [PersonBar]
    /// Every bar, by id, a page at a time.
    func list(page: PageRequest<Int>) throws -> Page<PersonBar, Int>
}
