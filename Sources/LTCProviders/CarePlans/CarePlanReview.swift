import LTCCases
import LTCCore

/// Whether a plan in force is due for review, and why: a plan is reviewed
/// when the person is re-assessed to another grade or changes mode, when a
/// change of condition is reported after it took effect, and at the
/// scheme's interval (`benefits.carePlans.reviewMonths`). A plan due for
/// review still binds until the next one is agreed: care goes on meanwhile.
///
/// ```swift
/// let review = CarePlanReview(plan: plan, record: record, reviewMonths: 6, on: day)
/// review.reasons   // ["the grade is now 4; the plan was made for grade 3"]
/// ```
public struct CarePlanReview: Sendable, Equatable {
    /// The day the interval makes the plan due.
    public var dueOn: CalendarDate?
    /// Why the plan is due now; empty: not due.
    public var reasons: [String]

    public init(plan: CarePlan, record: Case, reviewMonths: Int?, on day: CalendarDate) {
        reasons = []
        dueOn = zip(plan.from, reviewMonths).map { $0.adding(months: $1) }
        if let grade = record.determination(on: day)?.grade, grade != plan.grade {
            reasons.append("the grade is now \(grade); the plan was made for grade \(plan.grade)")
        }
        if let mode = record.mode(on: day), mode != plan.mode {
            reasons.append("the mode is now \(mode); the plan was made for \(plan.mode)")
        }
        if let change = record.conditionChange, let from = plan.from, change.reportedOn >= from {
            reasons.append("a change of condition was reported on \(change.reportedOn)")
        }
        if let dueOn, dueOn <= day {
            reasons.append("the scheme reviews plans every \(reviewMonths!) months: due on \(dueOn)")
        }
    }

    public var isDue: Bool { !reasons.isEmpty }

    public var json: JSONValue {
        ["due": .bool(isDue), "dueOn": dueOn.map { .string($0.description) } ?? .null, "reasons": .array(reasons.map(JSONValue.string))]
    }
}

private func zip<A, B>(_ a: A?, _ b: B?) -> (A, B)? {
    guard let a, let b else { return nil }
    return (a, b)
}
