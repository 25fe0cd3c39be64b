import LTCCore

/// Beneficiaries' enrolments with institutions, with their care plans.
public protocol EnrolmentRepository {
    /// Each of these people's enrolments, by person, oldest first.
    func enrolments(people: Set<Int>) throws -> [Int: [Enrolment]]
    /// An institution's enrolments whose period overlaps `from...to`.
    func enrolments(institution: String, from: CalendarDate, to: CalendarDate) throws -> [Enrolment]
    /// The open enrolment of a case with an institution in a mode, if any.
    func openEnrolment(caseID: Int, institution: String, mode: String) throws -> Enrolment?
    /// Enrolments by id, optionally of one institution, a page at a time.
    func list(institution: String?, page: PageRequest<Int>) throws -> Page<Enrolment, Int>
    /// Stores a new enrolment and returns its id.
    func insert(_ enrolment: Enrolment) throws -> Int
    func update(_ enrolment: Enrolment) throws
}
