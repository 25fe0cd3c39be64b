import LTCCore
import LTCCases

/// Why an agreement is suspended or ended (医保办发〔2024〕21号): at the
/// provider's own request, which needs ``noticeMonths`` of notice, or by the
/// agency on a ground of the rules.
///
/// ```swift
/// ExitGround.voluntary.byProvider   // true: 3 months' notice
/// ```
public enum ExitGround: String, Sendable, CaseIterable {
    /// The provider asks to end (or suspend) the agreement.
    case voluntary
    /// The provider does not renew at the end of the term.
    case nonRenewal = "non-renewal"
    /// Inducing or colluding in impersonation or false documents.
    case impersonation
    /// Settling for another provider, or lending the qualification.
    case lendingQualification = "lending-qualification"
    /// Confirmed fraud.
    case fraud
    /// A penalty of the negative list (``Violation``).
    case violation
    /// Anything else, said in the reason.
    case other

    /// Months of notice a provider gives for its own suspension, termination or non-renewal.
    public static let noticeMonths = 3

    /// Whether the provider itself asks for it (and so gives notice).
    public var byProvider: Bool { self == .voluntary || self == .nonRenewal }

    /// The ground named `text`; an error listing the grounds otherwise.
    public init(named text: String) throws(CaseError) {
        guard let ground = ExitGround(rawValue: text) else {
            throw CaseError(.invalidInput, "'\(text)' is not a ground; use \(Self.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        self = ground
    }
}
