/// Where a case stands in its lifecycle.
public enum CaseState: String, Sendable, CaseIterable {
    /// 申请: opened, waiting for the eligibility check.
    case applied
    /// Passed the eligibility check; waiting for assessors.
    case eligible
    /// Failed the eligibility check (closed).
    case rejected
    /// Assessors assigned; waiting for the on-site assessment (first or periodic).
    case assessing
    /// Assessment recorded; waiting for the determination.
    case assessed
    /// 公示: the determination is published; objections may be lodged.
    case publicity
    /// An objection was lodged during publicity; waiting for new assessors.
    case objected
    /// 复评: re-assessment assessors assigned.
    case reassessing
    /// Re-assessment recorded; waiting for the final determination.
    case reassessed
    /// The grade is in force.
    case effective
    /// Benefits paused, e.g. during a hospital stay.
    case suspended
    /// Closed: death, leaving the scheme, recovery or withdrawal.
    case terminated

    public var isClosed: Bool { self == .rejected || self == .terminated }
}

/// What can be done to a case.
public enum CaseAction: String, Sendable, CaseIterable {
    case open, check, assign, assess, recognize, determine, object, confirm, reportChange, suspend, resume, terminate
}
