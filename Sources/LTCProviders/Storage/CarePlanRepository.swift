import LTCCore

/// Care plans, every version of each case's kept (``CarePlan``).
public protocol CarePlanRepository {
    /// Every version of a case's plan, oldest first.
    func plans(caseID: Int) throws -> [CarePlan]
    /// The plans that bind or bound logs (in force or superseded) of these people, by person, oldest first.
    func binding(people: Set<Int>) throws -> [Int: [CarePlan]]
    func insert(_ plan: CarePlan) throws
    /// Stores a version again: its status, confirmation and days change; its content never does.
    func update(_ plan: CarePlan) throws
}
