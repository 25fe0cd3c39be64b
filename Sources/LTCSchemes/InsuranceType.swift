import LTCCore
/// The basic medical insurance a person's LTCI cover rides on.
public enum InsuranceType: String, Sendable, CaseIterable {
    /// 职工基本医疗保险
    case employee
    /// 城乡居民基本医疗保险
    case resident
}
