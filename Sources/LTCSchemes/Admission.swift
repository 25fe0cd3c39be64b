import LTCCore

/// What a provider must show to be designated, checked at the agency's
/// review (the admission call restated in `../shared/domain/agreements.md`):
/// an independent legal person, a caregiver team mainly of qualified
/// carers, at least one LTCI administrator, at least 10 care beds for
/// institutional care, and a pledge of no violations in the last 2 years.
///
/// ```json
/// "admission": {"qualifiedCaregiverShare": 0.5, "minimumAdministrators": 1, "minimumBedsForInstitutionalCare": 10, "cleanYears": 2}
/// ```
public struct AdmissionSettings: Sendable, Equatable {
    /// The least share of the caregivers who hold a qualification ("mainly": more than half is read as 0.5).
    public var qualifiedCaregiverShare: Ratio
    public var minimumAdministrators: Int
    /// Beds for a provider applying for a mode delivered in an institution.
    public var minimumBedsForInstitutionalCare: Int
    /// Years before the application without a recorded violation (and pledged so).
    public var cleanYears: Int

    static func decode(_ fields: JSONFields, log: JSONProblemLog) -> AdmissionSettings? {
        guard let value = fields.object["qualifiedCaregiverShare"], let share = Ratio(json: value) else {
            log.report(fields.path.appending("qualifiedCaregiverShare"), "expected a share from 0 to 1")
            return nil
        }
        func count(_ key: String, _ range: ClosedRange<Int>) -> Int? {
            guard let number = fields.int(key) else { return nil }
            guard range.contains(number) else {
                log.report(fields.path.appending(key), "\(number) is outside \(range.lowerBound)–\(range.upperBound)")
                return nil
            }
            return number
        }
        guard let administrators = count("minimumAdministrators", 0...100), let beds = count("minimumBedsForInstitutionalCare", 0...10_000),
              let years = count("cleanYears", 0...20) else { return nil }
        return AdmissionSettings(qualifiedCaregiverShare: share, minimumAdministrators: administrators,
                                 minimumBedsForInstitutionalCare: beds, cleanYears: years)
    }
}
