import LTCCases
import LTCCore
import LTCSchemes

/// What a case's day statuses (``Entitlement/dayStatuses(case:schemes:month:)``)
/// depend on, and nothing else: the scheme, the grades in force and their
/// dates, suspensions, service modes and how a continuity bonus is taken, the insured group, subsidies chosen instead of LTCI, and
/// the day the case ended.
/// Two cases with equal bases have the same statuses in every month, so a
/// month of one can be reused for the other: a city's beneficiaries fall into
/// far fewer bases than there are people. When ``Entitlement/status(of:_:_:_:)``
/// reads something more of a case, it belongs here too.
///
/// ```swift
/// Entitlement.Basis(record) == Entitlement.Basis(other)   // same statuses, month by month
/// ```
extension Entitlement {
    public struct Basis: Hashable, Sendable {
        struct Grade: Hashable {
            var grade: Int
            var validFrom: CalendarDate?
            var validUntil: CalendarDate?
        }

        struct Period: Hashable {
            var from: CalendarDate
            var until: CalendarDate?
            var name: String
        }

        var scheme: String
        /// The insured group, which picks the table's row where groups are priced apart.
        var insured: InsuredGroup?
        /// The grade in force first, then the earlier ones, as `determination(on:)` reads them.
        var grades: [Grade]
        var suspensions: [Period]
        var modes: [Period]
        var exclusive: [Period]
        var bonusChoices: [BonusChoicePeriod]
        var ended: Period?

        public init(_ record: Case) {
            scheme = record.schemeID
            insured = record.insured
            grades = ([record.determination].compactMap { $0 } + record.pastDeterminations.reversed()).map {
                Grade(grade: $0.grade, validFrom: $0.validFrom, validUntil: $0.validUntil)
            }
            suspensions = record.suspensions.map { Period(from: $0.from, until: $0.until, name: "") }
            modes = record.modes.map { Period(from: $0.from, until: nil, name: $0.mode) }
            ended = record.endedOn.map { Period(from: $0, until: nil, name: record.closedReason ?? "") }
            bonusChoices = record.bonusChoices
            exclusive = record.subsidies.filter { $0.choice == .subsidy }.map { Period(from: $0.from, until: $0.until, name: $0.subsidy) }
        }
    }
}
