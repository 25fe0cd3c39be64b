import LTCCore

/// The case lifecycle as data: every allowed transition, the role that may
/// take it, and what it means. `ltc case transitions` prints it; an action
/// not listed for the current state is refused with the allowed ones named.
///
/// ```swift
/// Lifecycle.transitions(from: .publicity).map(\.action)   // [.object, .confirm, .terminate]
/// ```
///
/// The path follows the national procedure: application → acceptance review
/// → on-site assessment by two assessors → determination → publicity (公示)
/// → in force; an objection during publicity leads to re-assessment (复评),
/// whose result is final; a grade in force is re-assessed when it falls due.
public enum Lifecycle {
    public struct Transition: Sendable, Equatable {
        public var action: CaseAction
        public var from: CaseState?
        public var to: [CaseState]
        public var role: Actor.Role
        public var meaning: String

        public var json: JSONValue {
            [
                "action": .string(action.rawValue),
                "from": from.map { .string($0.rawValue) } ?? .null,
                "to": .array(to.map { .string($0.rawValue) }),
                "role": .string(role.rawValue),
                "meaning": .string(meaning),
            ]
        }
    }

    public static let transitions: [Transition] = [
        Transition(action: .open, from: nil, to: [.applied], role: .administrator, meaning: "accept an application"),
        Transition(action: .check, from: .applied, to: [.eligible, .rejected], role: .administrator,
                   meaning: "check eligibility: every rule passes, or the case is rejected"),
        Transition(action: .assign, from: .eligible, to: [.assessing], role: .administrator, meaning: "assign the assessors"),
        Transition(action: .assign, from: .effective, to: [.assessing], role: .administrator,
                   meaning: "re-assessment due or ordered: assign assessors; the grade stays in force meanwhile"),
        Transition(action: .assign, from: .objected, to: [.reassessing], role: .administrator,
                   meaning: "assign re-assessment (复评) assessors, none of those before"),
        Transition(action: .assess, from: .assessing, to: [.assessed], role: .assessor, meaning: "record the on-site assessment"),
        Transition(action: .assess, from: .reassessing, to: [.reassessed], role: .assessor, meaning: "record the re-assessment"),
        Transition(action: .recognize, from: .eligible, to: [.assessed], role: .administrator,
                   meaning: "recognize another department's result in place of an assessment, where the scheme maps its grades (评估结果互认)"),
        Transition(action: .determine, from: .assessed, to: [.publicity, .effective], role: .administrator,
                   meaning: "determine the grade and publish it for the publicity period; an audit that finds the same grade leaves it in force"),
        Transition(action: .determine, from: .reassessed, to: [.effective], role: .administrator,
                   meaning: "determine the final grade from the re-assessment; in force at once"),
        Transition(action: .object, from: .publicity, to: [.objected], role: .administrator,
                   meaning: "record the applicant's objection, within the publicity period"),
        Transition(action: .confirm, from: .publicity, to: [.effective], role: .administrator,
                   meaning: "put the grade in force once the publicity period has passed"),
        Transition(action: .reportChange, from: .effective, to: [.effective], role: .administrator,
                   meaning: "record the person's report of a changed condition: a re-assessment is due before the grade's validity ends"),
        Transition(action: .suspend, from: .effective, to: [.suspended], role: .administrator,
                   meaning: "pause benefits, e.g. for a hospital stay"),
        Transition(action: .resume, from: .suspended, to: [.effective], role: .administrator, meaning: "end a suspension"),
    ] + CaseState.allCases.filter { !$0.isClosed }.map {
        Transition(action: .terminate, from: $0, to: [.terminated], role: .administrator,
                   meaning: "close the case: death, leaving the scheme, recovery or withdrawal")
    }

    /// Opening a case: the one transition from no state.
    public static var opening: Transition { transitions[0] }

    public static func transitions(from state: CaseState?) -> [Transition] {
        transitions.filter { $0.from == state }
    }

    /// A transition of `action`, whatever state it is taken from: each action
    /// is one role's in every state (a test holds the table to it), so who may
    /// take it is known before the case's state is read.
    public static func anyTransition(of action: CaseAction) -> Transition? {
        transitions.first { $0.action == action }
    }

    /// The transition for `action` from `state`, or an error naming the state and the allowed actions.
    public static func transition(_ action: CaseAction, from state: CaseState, caseID: Int) throws(CaseError) -> Transition {
        let allowed = transitions(from: state)
        guard let transition = allowed.first(where: { $0.action == action }) else {
            let names = allowed.map(\.action.rawValue)
            throw CaseError(.transitionNotAllowed,
                            "case \(caseID) is \(state.rawValue): '\(action.rawValue)' is not allowed; allowed: \(names.isEmpty ? "none (closed)" : names.joined(separator: ", "))",
                            details: ["case": .integer(caseID), "state": .string(state.rawValue), "action": .string(action.rawValue),
                                      "allowed": .array(names.map { .string($0) })])
        }
        return transition
    }
}
