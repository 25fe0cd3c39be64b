import LTCCore

/// Cases, with the queries that requests make of them.
public protocol CaseRepository {
    func caseRecord(id: Int) throws -> Case?
    /// The person's case that is not closed, if any (a person has at most one).
    func openCase(person: Int) throws -> Case?
    /// Every case of a person, oldest first (a person has few).
    func cases(person: Int) throws -> [Case]
    /// Per person, the newest case that is not rejected: the case benefits follow.
    func benefitCases(people: Set<Int>) throws -> [Int: Case]
    /// Whether the person has a case in `scope`.
    func hasCase(person: Int, in scope: CaseScope) throws -> Bool
    /// Whether the case is in `scope`.
    func contains(caseID: Int, in scope: CaseScope) throws -> Bool
    /// The cases the query selects, by id, a page at a time.
    func list(_ query: CaseQuery, page: PageRequest<Int>) throws -> Page<Case, Int>
    /// Stores a new case and returns its id.
    func insert(_ record: Case) throws -> Int
    /// Replaces a stored case; the assessors it names join its scope for them.
    func update(_ record: Case) throws
}

/// Which cases a listing selects.
public struct CaseQuery: Sendable, Equatable {
    /// Whose cases: everyone's, an institution's clients, an assessor's.
    public var scope: CaseScope
    /// Only cases in this state.
    public var state: CaseState?
    /// Only open cases whose grade in force ends on or before this day (re-assessment due).
    public var gradeEndsBy: CalendarDate?
    /// Only cases of this scheme.
    public var schemeID: String?
    /// Only cases whose next deadline (the visit, the conclusion) passed before this day.
    public var overdueOn: CalendarDate?
    /// Only cases that hold other subsidies (for settlement's deductions).
    public var holdingSubsidies = false
    /// Only cases whose grade in force was decided in this month (the audit draw's population).
    public var determinedIn: YearMonth?

    public init(scope: CaseScope, state: CaseState? = nil, gradeEndsBy: CalendarDate? = nil, schemeID: String? = nil, overdueOn: CalendarDate? = nil) {
        self.scope = scope
        self.state = state
        self.gradeEndsBy = gradeEndsBy
        self.schemeID = schemeID
        self.overdueOn = overdueOn
    }
}
