import LTCCases
import LTCCore
import LTCSchemes

/// The scheme each institution is settled under: that of its agreement
/// (《长期护理保险护理服务机构定点管理办法（试行）》: an institution serves
/// under the scheme it signed with), so that its statement's withholding
/// (`supervision.assessment.withholding`) and budget rules (`budget`) are its
/// own scheme's. An institution whose scheme has neither has nothing withheld
/// and no budget applied, whatever other schemes in force say (issue 29,
/// finding 10: settlement used to take the first scheme in force for all).
///
/// The agreement is the latest one in force on some day of the month, else
/// the institution's latest; its scheme is the version of that scheme's
/// region in force at the month's end, else the agreement's own.
///
/// ```swift
/// let schemes = try AgreementSchemes(institutions: ["I001"], month: YearMonth("2026-04")!, in: tx)
/// schemes["I001"]?.supervision?.assessment?.withholding   // nil under the Tianjin-style scheme
/// ```
struct AgreementSchemes {
    private var byInstitution: [String: Scheme] = [:]

    init(institutions: Set<String>, month: YearMonth, in tx: any ProviderTransaction) throws {
        guard !institutions.isEmpty else { return }
        let agreements = try tx.agreements.agreements(institutions: institutions)
        var regional: [String: Scheme] = [:]
        for institution in institutions {
            let theirs = agreements[institution] ?? []
            let inMonth = theirs.last { agreement in month.days.contains { agreement.terms(coveringDay: $0) != nil } }
            guard let agreement = inMonth ?? theirs.last else { continue }
            if regional[agreement.schemeID] == nil {
                let versions = try tx.schemes.regional(agreement.schemeID, from: month.firstDay, to: month.lastDay)
                regional[agreement.schemeID] = versions.first { $0.isInForce(on: month.lastDay) } ?? versions.first
            }
            byInstitution[institution] = regional[agreement.schemeID]
        }
    }

    /// The scheme an institution is settled under, if it has an agreement.
    subscript(institution: String) -> Scheme? { byInstitution[institution] }
}
