import LTCCore
/// The basic medical insurance a person's LTCI cover rides on.
public enum InsuranceType: String, Sendable, CaseIterable {
    /// 职工基本医疗保险
    case employee
    /// 城乡居民基本医疗保险
    case resident
}

/// The group a person is insured in, as benefit tables price it: the
/// insurance type, and where the scheme has them a contribution tier
/// (Qingdao's residents pay at tier 1 or tier 2, and the fund pays 80 % or 75 %).
///
/// ```swift
/// let group = InsuredGroup(.resident, tier: 2)
/// group.description   // "resident tier 2"
/// ```
public struct InsuredGroup: Sendable, Hashable, CustomStringConvertible {
    public var insurance: InsuranceType
    /// The contribution tier, 1 to 9; `nil` where the person has none.
    public var tier: Int?

    public init(_ insurance: InsuranceType, tier: Int? = nil) {
        self.insurance = insurance
        self.tier = tier
    }

    public static let employee = InsuredGroup(.employee)
    public static let resident = InsuredGroup(.resident)

    /// The tiers accepted.
    public static let tiers = 1...9

    public var description: String { insurance.rawValue + (tier.map { " tier \($0)" } ?? "") }
}
