import LTCAssessment
import LTCCases
import LTCCore

/// Cases, people and assessors as people read them on a terminal.
public enum CaseText {
    public static func person(_ person: InsuredPerson, fullID: Bool) -> String {
        "person \(person.id)  \(person.name)  \(fullID ? person.nationalID.value : person.nationalID.masked)  born \(person.birthDate)  \(person.group), enrolled \(person.enrolledOn)  \(person.status.rawValue)"
    }

    public static func people(_ people: [InsuredPerson], fullID: Bool) -> String {
        var table = TextTable()
        table.header([("ID", "编号"), ("NAME", "姓名"), ("NATIONAL ID", "身份证号"), ("BORN", "出生"), ("INSURANCE", "险种"), ("ENROLLED", "参保"), ("STATUS", "状态")])
        for person in people {
            table.append([String(person.id), person.name, fullID ? person.nationalID.value : person.nationalID.masked,
                          person.birthDate.description, person.insurance.rawValue, person.enrolledOn.description, person.status.rawValue])
        }
        return table.rendered()
    }

    public static func assessors(_ assessors: [Assessor]) -> String {
        var table = TextTable()
        table.header([("ID", "编号"), ("NAME", "姓名"), ("QUALIFICATION", "资质"), ("EMPLOYER", "雇主"), ("ACTIVE", "在岗")])
        for assessor in assessors {
            table.append([assessor.id, assessor.name, assessor.qualification.rawValue, assessor.employer ?? "—", assessor.active ? "yes" : "no"])
        }
        return table.rendered()
    }

    public static func staff(_ staff: [StaffMember]) -> String {
        var table = TextTable()
        table.header([("ID", "编号"), ("ROLE", "角色"), ("NAME", "姓名"), ("SINCE", "自")])
        for member in staff {
            table.append([member.id, member.role.rawValue, member.name ?? "—", member.addedOn.description])
        }
        return table.rendered()
    }

    /// - Parameter enrolled: the institutions each case is enrolled with, by
    ///   case id, shown where known; else the case's own institution field.
    public static func cases(_ cases: [Case], enrolled: [Int: [String]] = [:]) -> String {
        var table = TextTable()
        table.header([("CASE", "案件"), ("PERSON", "参保人"), ("STATE", "状态"), ("GRADE", "等级"), ("VALID UNTIL", "有效至"), ("INSTITUTION", "机构"), ("SCHEME", "方案")])
        for record in cases {
            let institutions = enrolled[record.id].map { $0.joined(separator: ", ") } ?? record.institution ?? "—"
            table.append([String(record.id), String(record.personID), record.state.rawValue,
                          record.determination.map { "\($0.grade) \($0.gradeLabel)" } ?? "—",
                          record.determination?.validUntil?.description ?? "—", institutions, record.schemeID])
        }
        return table.rendered()
    }

    public static func summary(_ record: Case) -> String {
        var line = "case \(record.id): \(record.state.rawValue)"
        if let pending = record.pending, let ends = record.publicityEnds {
            line += "; grade \(pending.grade) \(pending.gradeLabel) published until \(ends)"
        }
        if let determination = record.determination {
            line += "; grade \(determination.grade) \(determination.gradeLabel) in force \(determination.validFrom?.description ?? "?") to \(determination.validUntil?.description ?? "?")"
            if !determination.benefitsEligible { line += " (below the scheme's minimum grade for benefits)" }
        }
        if let reason = record.closedReason { line += "; closed: \(reason)" }
        let next = Lifecycle.transitions(from: record.state).map(\.action.rawValue)
        if !next.isEmpty { line += "\nnext: \(next.joined(separator: ", "))" }
        return line
    }

    /// `subsidy elderly-disability 150.00 a month from 2026-01-01 until 2026-12-31 (chosen: ltci)`.
    public static func subsidy(_ held: HeldSubsidy) -> String {
        "subsidy \(held.subsidy) \(held.monthly.grouped) a month from \(held.from)" + (held.until.map { " until \($0)" } ?? "")
            + (held.choice.map { " (chosen: \($0.rawValue))" } ?? "")
    }

    public static func show(_ view: CaseService.CaseView, fullID: Bool, today: CalendarDate) -> String {
        let record = view.record
        var lines = [summary(record), CaseText.person(view.person, fullID: fullID)]
        lines.append("scheme \(record.schemeID); opened \(record.openedOn); disabled since \(record.disabledSince); institution \(record.institution ?? "none")")
        if let deadline = record.deadline {
            lines.append("\(deadline.kind.rawValue) due by \(deadline.due)" + (deadline.isOverdue(on: today) ? ": OVERDUE 已逾期 (today is \(today))" : ""))
        }
        if let away = record.residence {
            lines.append("lives in \(away.region) since \(away.from) (异地居住): assessments commissioned to \(away.agency)")
        }
        if !record.assessors.isEmpty { lines.append("assessors (\(record.round?.rawValue ?? "")): \(record.assessors.joined(separator: ", "))") }
        if let eligibility = record.eligibility {
            lines.append("")
            lines.append("Eligibility on \(eligibility.checkedOn): \(eligibility.passed ? "passed" : "failed")")
            var table = TextTable()
            for rule in eligibility.rules { table.append([rule.passed ? "pass" : "FAIL", rule.id, rule.requirement, rule.found]) }
            lines.append(table.rendered(indent: "  "))
        }
        if !record.modes.isEmpty {
            lines.append("")
            lines.append("Service modes 服务方式")
            for (index, period) in record.modes.enumerated() {
                let until = index + 1 < record.modes.count ? " until \(record.modes[index + 1].from.adding(days: -1))" : ""
                lines.append("  \(period.mode) from \(period.from)\(until)")
            }
        }
        if !record.subsidies.isEmpty {
            lines.append("")
            lines.append("Other subsidies 其他补贴")
            for held in record.subsidies { lines.append("  " + subsidy(held)) }
        }
        if !record.suspensions.isEmpty {
            lines.append("")
            lines.append("Suspensions 暂停")
            for suspension in record.suspensions {
                lines.append("  from \(suspension.from)" + (suspension.until.map { ", benefits again from \($0)" } ?? ", open") + ": \(suspension.reason)")
            }
        }
        if !view.assessments.isEmpty {
            lines.append("")
            lines.append("Assessments")
            for assessment in view.assessments {
                lines.append("  #\(assessment.id) \(assessment.round.rawValue) \(assessment.assessedOn) at \(assessment.place): \(assessment.formID) \(assessment.formVersion), grade \(assessment.grade); assessors \(assessment.assessors.joined(separator: ", ")); recorded by \(assessment.recordedBy)")
            }
        }
        lines.append("")
        lines.append("Timeline")
        var timeline = TextTable()
        // Each recorded assessment is one done `case.assess`, in the same order: shown at its visit's date.
        let assessing = view.events.filter { $0.action == "case.assess" && $0.outcome == .done }
        let visits = assessing.count == view.assessments.count
            ? Dictionary(uniqueKeysWithValues: zip(assessing.map(\.sequence), view.assessments.map(\.assessedOn))) : [:]
        for event in view.events {
            var what = event.action

            if let before = event.before?["state"]?.stringValue, let after = event.after?["state"]?.stringValue, before != after {
                what += "  \(before) → \(after)"
            } else if let after = event.after?["state"]?.stringValue, event.before == nil {
                what += "  → \(after)"
            }
            let visit = visits[event.sequence]
            if visit != nil { what += "  (the visit; recorded \(event.asOf))" }
            timeline.append([(visit ?? event.asOf).description, event.actor, event.outcome == .refused ? "REFUSED" : "done", what, event.reason ?? ""])
        }
        lines.append(timeline.rendered(indent: "  "))
        return lines.joined(separator: "\n")
    }

    public static func viewJSON(_ view: CaseService.CaseView, fullID: Bool) -> JSONValue {
        [
            "case": view.record.json,
            "person": view.person.json(fullID: fullID),
            "assessments": .array(view.assessments.map(\.json)),
            "timeline": .array(view.events.map(\.json)),
        ]
    }

    public static func transitions() -> String {
        var table = TextTable()
        table.header([("ACTION", "动作"), ("FROM", "起"), ("TO", "止"), ("ROLE", "角色"), ("MEANING", "含义")])
        for transition in Lifecycle.transitions {
            table.append([transition.action.rawValue, transition.from?.rawValue ?? "—", transition.to.map(\.rawValue).joined(separator: " | "),
                          transition.role.rawValue, transition.meaning])
        }
        return table.rendered()
    }
}
