import LTCCases
import LTCCore

/// Caregivers registered by real name with their institution.
public protocol CaregiverRepository {
    func caregiver(institution: String, id: String) throws -> Caregiver?
    /// These caregivers, those of them that are registered.
    func caregivers(_ keys: Set<CaregiverKey>) throws -> [CaregiverKey: Caregiver]
    /// Caregivers of one institution, or of all, by institution then id, a page at a time.
    func list(institution: String?, page: PageRequest<CaregiverKey>) throws -> Page<Caregiver, CaregiverKey>
    /// Every registration of the person with this national ID, at any institution.
    func caregivers(nationalID: NationalID) throws -> [Caregiver]
    /// Every registration of the people with these national IDs, at any institution.
    func caregivers(nationalIDs: Set<NationalID>) throws -> [Caregiver]
    /// Registers a caregiver, or replaces the record of one registered before.
    func upsert(_ caregiver: Caregiver) throws
}

/// A caregiver's identity: their id is unique within their institution.
public struct CaregiverKey: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var institution: String
    public var caregiver: String

    public init(institution: String, caregiver: String) {
        self.institution = institution
        self.caregiver = caregiver
    }

    public static func < (lhs: CaregiverKey, rhs: CaregiverKey) -> Bool {
        (lhs.institution, lhs.caregiver) < (rhs.institution, rhs.caregiver)
    }

    /// `INSTITUTION/ID`, as credit subjects and cursors write it.
    public var description: String { "\(institution)/\(caregiver)" }

    /// Reads `INSTITUTION/ID`.
    public init?(_ text: String) {
        let parts = text.split(separator: "/", maxSplits: 1).map(String.init)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { return nil }
        self.init(institution: parts[0], caregiver: parts[1])
    }
}
