import LTCCore
import LTCProviders

extension SQLValue {
    /// Caregivers as one JSON array of `[institution, caregiver]` pairs, for
    /// ``SQLDialect/pairIn(_:_:_:)``, which both engines answer from the
    /// `(institution, caregiver, …)` key.
    static func list(_ caregivers: some Sequence<CaregiverKey>) -> SQLValue {
        .text(JSONWriter.string(.array(caregivers.map { .array([.string($0.institution), .string($0.caregiver)]) })))
    }
}
