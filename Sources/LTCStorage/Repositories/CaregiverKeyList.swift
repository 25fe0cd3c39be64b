import LTCCore
import LTCProviders

extension SQLValue {
    /// Caregivers as one JSON array of `[institution, caregiver]` pairs, for
    /// `(institution, caregiver) IN (SELECT value ->> 0, value ->> 1 FROM json_each(?))`,
    /// which SQLite answers from the `(institution, caregiver, …)` key.
    static func list(_ caregivers: some Sequence<CaregiverKey>) -> SQLValue {
        .text(JSONWriter.string(.array(caregivers.map { .array([.string($0.institution), .string($0.caregiver)]) })))
    }
}
