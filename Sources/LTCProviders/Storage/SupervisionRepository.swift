import LTCCore

/// Violations, inspections and complaints, and performance assessments.
public protocol SupervisionRepository {
    /// An institution's violations, oldest first.
    func violations(institution: String) throws -> [Violation]
    /// The violations naming a caregiver.
    func violations(caregiver: CaregiverKey) throws -> [Violation]
    /// The violations naming an insured person.
    func violations(person: Int) throws -> [Violation]
    /// Violations by id, optionally of one institution, a page at a time.
    func list(institution: String?, page: PageRequest<Int>) throws -> Page<Violation, Int>
    /// Stores a violation and returns its number.
    func insert(_ violation: Violation) throws -> Int
    func update(_ violation: Violation) throws

    /// An institution's inspections scoring at least `minimumScore`.
    func inspections(institution: String, minimumScore: Int) throws -> [SupervisionRecord]
    /// An institution's inspections and complaints dated in `from...to`.
    func records(institution: String, from: CalendarDate, to: CalendarDate) throws -> [SupervisionRecord]
    /// The date of an institution's latest on-site inspection dated on or
    /// before `day`, if any: read backwards from `day` by date, so it costs
    /// the records since that inspection, not the institution's history.
    func lastInspection(institution: String, onOrBefore day: CalendarDate) throws -> CalendarDate?
    /// Stores an inspection or complaint and returns its number.
    func insert(_ record: SupervisionRecord) throws -> Int
    /// Stores a random inspection draw; it is kept as drawn.
    func insert(_ draw: InspectionDraw) throws -> Int
    func draw(id: Int) throws -> InspectionDraw?

    /// The assessment of an institution for exactly this period, if any.
    func performanceAssessment(institution: String, from: CalendarDate, to: CalendarDate) throws -> PerformanceAssessment?
    /// The assessments whose period overlaps `from...to`.
    func performanceAssessments(from: CalendarDate, to: CalendarDate) throws -> [PerformanceAssessment]
    /// Stores an assessment; one per institution and period.
    func insert(_ assessment: PerformanceAssessment) throws
}
