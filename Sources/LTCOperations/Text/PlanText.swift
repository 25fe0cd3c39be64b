import LTCProviders

/// Care plans as people read them on a terminal.
public enum PlanText {
    /// A plan in a few lines: its standing, needs and items.
    public static func text(_ plan: CarePlan) -> String {
        var standing = "\(plan.status.rawValue)"
        if let from = plan.from { standing += " from \(from)" + (plan.until.map { " to \($0)" } ?? "") }
        if let confirmation = plan.confirmation { standing += ", agreed by \(confirmation.by) on \(confirmation.on)" }
        var lines = ["case \(plan.caseID) plan v\(plan.version) \(standing): grade \(plan.grade) in \(plan.mode), care-need level \(plan.needLevel)",
                     "  needs: " + (plan.needs.isEmpty ? "none" : plan.needs.joined(separator: ", ")),
                     "  made \(plan.madeOn) by \(plan.madeBy): \(plan.reason)"]
        for item in plan.items {
            lines.append("  \(item.code)\t\(item.perWeek) a week" + (item.perDay.map { ", at most \($0) a day" } ?? "") + (item.minutes.map { ", \($0) min" } ?? ""))
        }
        if plan.items.isEmpty { lines.append("  no items") }
        return lines.joined(separator: "\n")
    }

    /// What a plan set by hand changes of the version it replaces: each item
    /// dropped, added or changed, so that nothing goes silently (`plan set
    /// --item S01=2 --item S02=1` drops the S04 it does not name).
    public static func change(from old: CarePlan, to new: CarePlan) -> String {
        let weekly = { (plan: CarePlan) in plan.items.map { "\($0.code)×\($0.perWeek)" }.joined(separator: " ") }
        var notes: [String] = []
        for item in old.items where new.item(item.code) == nil { notes.append("\(item.code) dropped") }
        for item in new.items {
            guard let before = old.item(item.code) else {
                notes.append("\(item.code) added")
                continue
            }
            if before.perWeek != item.perWeek { notes.append("\(item.code) \(before.perWeek) → \(item.perWeek) a week") }
            if before.perDay != item.perDay { notes.append("\(item.code) at most \(before.perDay.map(String.init) ?? "—") → \(item.perDay.map(String.init) ?? "—") a day") }
        }
        return "  replaces v\(old.version) (\(old.status.rawValue)): \(weekly(old)) → \(weekly(new))"
            + (notes.isEmpty ? "; the same items" : "; " + notes.joined(separator: ", "))
            + (new.status == .proposed ? "; waiting for the person's agreement (ltc plan confirm)" : "")
    }

    /// The plan in force, whether a review is due, and a proposal waiting.
    public static func text(_ view: CarePlanService.View, caseID: Int) -> String {
        var lines: [String] = []
        if let plan = view.inForce { lines.append(text(plan)) } else { lines.append("case \(caseID): no care plan in force") }
        if let review = view.review {
            if review.isDue { lines.append("review due: " + review.reasons.joined(separator: "; ")) }
            else if let dueOn = review.dueOn { lines.append("next review by \(dueOn)") }
        }
        if let proposal = view.proposal { lines.append(text(proposal)) }
        return lines.joined(separator: "\n")
    }
}
