import LTCCases
import LTCCore

/// What a rejection may tell an institution about the person a log names.
/// An institution learns only what concerns its own clients: the people
/// whose case it may read (as `case.get` does, ``CaseScope``): the case
/// names the institution, or the person is, was or will be enrolled with
/// it under that case.
///
/// For anyone else, the rules a log meets before its enrolment with the
/// institution is confirmed (B01 to E01 in ``MonitoringCheck/inOrder``: T02
/// and T03 among them, whose very code says the person had benefits that
/// day) give one rejection, E01 "person 4 is not a client of I001 on
/// 2026-04-06", in the same words whether the person does not exist, has no
/// case, is suspended, has died or is enrolled elsewhere. The stored log
/// keeps those words, since the institution reads it later (`logs.list`,
/// whoever asks); the rule and particulars found are ``Rejection/withheld``,
/// and only the answer to a sender who reads every case (an administrator
/// sending for the institution) shows them, as found.
///
/// ```swift
/// ClientDisclosure.disclosed(Rejection(.afterCaseEnded, "case 6 …"), by: .afterCaseEnded, of: log, person: state)
/// // E01 "person 6 is not a client of I001 on 2026-11-21", withheld B03 "case 6 …", unless I001 may read case 6
/// ```
enum ClientDisclosure {
    /// The rules whose rejection tells something of the beneficiary's case:
    /// from B01 to E01, in the list's order.
    static let aboutTheBeneficiary: Set<MonitoringRule> = {
        let rules = MonitoringCheck.inOrder.map(\.rule)
        return Set(rules[rules.firstIndex(of: .unknownBeneficiary)!...rules.firstIndex(of: .notEnrolled)!])
    }()

    /// `rejection`, found by the rule `step` (the late check finds F01 too),
    /// as the log's institution may be told it.
    static func disclosed(_ rejection: Rejection, by step: MonitoringRule, of log: ServiceLog, person: IntakeWorkspace.PersonState?) -> Rejection {
        guard aboutTheBeneficiary.contains(step), !isClient(person, of: log.institution) else { return rejection }
        var told = Rejection(.notEnrolled, "person \(log.person) is not a client of \(log.institution) on \(log.day)")
        told.withheld = Rejection.Withheld(rule: rejection.rule, detail: rejection.detail)
        return told
    }

    /// Whether `institution` may read the case `person`'s logs are paid under.
    static func isClient(_ person: IntakeWorkspace.PersonState?, of institution: String) -> Bool {
        guard let person, let record = person.record else { return false }
        return record.institution == institution || person.enrolments.contains { $0.institution == institution && $0.caseID == record.id }
    }
}

extension Rejection {
    /// The rule and detail as `sender` reads them in the answer to its
    /// submission: those withheld from the institution when the sender reads
    /// every case (an administrator), else those stored.
    func told(to sender: Actor) -> Withheld {
        if let withheld, Access.scope(of: sender) == .all { return withheld }
        return Withheld(rule: rule, detail: detail)
    }
}
