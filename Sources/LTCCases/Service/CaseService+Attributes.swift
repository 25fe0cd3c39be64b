import LTCAssessment
import LTCCore
import LTCSchemes

/// What changes about a case besides its state: the service mode, the
/// continuity bonus, residence, other subsidies, the letter's delivery.
extension CaseService {
    // MARK: Service modes and other subsidies

    /// Chooses the case's service mode: the first choice from `asOf`; a change
    /// from the day the scheme says (the same day, or the next month's first).
    public func setMode(caseID: Int, mode: String, actor: Actor, asOf: CalendarDate?) throws -> Case {
        try attribute("case.mode", caseID: caseID, actor: actor, asOf: asOf, reason: mode) { record, scheme, date in
            guard let benefits = scheme.benefits else { throw CaseError(.invalidInput, "scheme '\(scheme.id)' defines no benefits and no service modes") }
            guard benefits.mode(mode) != nil else {
                throw CaseError(.invalidInput, "scheme '\(scheme.id)' has no service mode '\(mode)'; its modes: \(benefits.modes.map(\.id).joined(separator: ", "))")
            }
            let from = record.modes.isEmpty || benefits.modeChange == .sameDay ? date : YearMonth(containing: date).adding(months: 1).firstDay
            record.modes.removeAll { $0.from >= from }
            record.modes.append(ModePeriod(from: from, mode: mode))
        }
    }

    /// Records how the person takes the bonus for continuous care (more
    /// hours or cash), from the first day of the next month: a month's bonus
    /// is decided on its first day (Shanghai, grades 5–6 in home care).
    public func chooseBonus(caseID: Int, choice: ContinuityStep.Choice, actor: Actor, asOf: CalendarDate?) throws -> Case {
        try attribute("case.bonus", caseID: caseID, actor: actor, asOf: asOf, reason: choice.rawValue) { record, scheme, date in
            guard scheme.benefits?.table.contains(where: { !$0.continuityBonus.isEmpty }) == true else {
                throw CaseError(.invalidInput, "scheme '\(scheme.id)' has no bonus for continuous care: there is nothing to choose")
            }
            let from = YearMonth(containing: date).adding(months: 1).firstDay
            record.bonusChoices.removeAll { $0.from >= from }
            if record.bonusChoice(on: from) != choice { record.bonusChoices.append(BonusChoicePeriod(from: from, choice: choice)) }
        }
    }

    /// Records where the beneficiary lives: another region than the scheme's
    /// (异地), with the assessment agency there that assessments are
    /// commissioned to; or the scheme's own region, which clears it.
    public func setResidence(caseID: Int, region: String, agency: String?, actor: Actor, asOf: CalendarDate?) throws -> Case {
        try attribute("case.residence", caseID: caseID, actor: actor, asOf: asOf, reason: region) { record, scheme, date in
            let region = region.trimmingCharacters(in: .whitespaces)
            guard !region.isEmpty else { throw CaseError(.invalidInput, "name the region the person lives in") }
            if region == scheme.region {
                guard agency == nil else {
                    throw CaseError(.invalidInput, "\(region) is the scheme's own region: assessments there are not commissioned, so give no agency")
                }
                record.residence = nil
                return
            }
            guard let agency = agency?.trimmingCharacters(in: .whitespaces), !agency.isEmpty else {
                throw CaseError(.invalidInput, "\(region) is outside the scheme's region (\(scheme.region)): name the assessment agency there that assessments are commissioned to")
            }
            record.residence = Residence(region: region, agency: agency, from: date)
        }
    }

    /// Records another benefit the person holds, as the scheme's subsidy list names it.
    public func addSubsidy(caseID: Int, subsidy: String, monthly: Money, from: CalendarDate, until: CalendarDate?,
                           choice: HeldSubsidy.Choice?, actor: Actor, asOf: CalendarDate?) throws -> Case {
        try attribute("case.subsidy", caseID: caseID, actor: actor, asOf: asOf, reason: subsidy) { record, scheme, _ in
            guard let kind = scheme.benefits?.subsidy(subsidy) else {
                throw CaseError(.invalidInput, "scheme '\(scheme.id)' has no subsidy '\(subsidy)'; its subsidies: \(scheme.benefits?.subsidies.map(\.id).joined(separator: ", ") ?? "none")")
            }
            guard monthly >= .zero else { throw CaseError(.invalidInput, "the monthly amount must not be negative") }
            if let until, until < from { throw CaseError(.invalidInput, "the subsidy ends (\(until)) before it starts (\(from))") }
            if kind.interaction == .exclusive && choice == nil {
                throw CaseError(.invalidInput, "'\(subsidy)' excludes LTCI: record the person's choice, ltci or subsidy")
            }
            if kind.interaction != .exclusive && choice != nil {
                throw CaseError(.invalidInput, "'\(subsidy)' is \(kind.interaction.rawValue): there is no choice to record")
            }
            record.subsidies.append(HeldSubsidy(subsidy: subsidy, monthly: monthly, from: from, until: until, choice: choice))
        }
    }

    /// Records the delivery of the conclusion letter of the grade decided
    /// last (under publicity, or in force): the day and the way.
    public func recordLetterDelivery(caseID: Int, on delivered: CalendarDate, how: LetterDelivery.Method, actor: Actor, asOf: CalendarDate?) throws -> Case {
        try attribute("case.letter", caseID: caseID, actor: actor, asOf: asOf, reason: how.rawValue) { record, _, date in
            guard let decided = (record.pending ?? record.determination)?.decidedOn else {
                throw CaseError(.invalidInput, "case \(caseID) has no conclusion yet: a letter follows the determination")
            }
            guard delivered >= decided, delivered <= date else {
                throw CaseError(.invalidInput, "the letter cannot be delivered on \(delivered): the conclusion was decided on \(decided), and today is \(date)")
            }
            record.letterDelivered = LetterDelivery(on: delivered, how: how)
        }
    }

    /// Changes a case's attributes (not its state) in one audited transaction; refused on a closed case.
    private func attribute(_ action: String, caseID: Int, actor: Actor, asOf: CalendarDate?, reason: String,
                           _ body: (inout Case, Scheme, CalendarDate) throws -> Void) throws -> Case {
        let (scheme, date) = try context(caseID: caseID, asOf: asOf)
        return try work.change(Operation(action, subject: "case:\(caseID)", actor: actor, asOf: date, reason: reason), on: store.transactions) { tx in
            guard var record = try tx.cases.caseRecord(id: caseID), let scheme else { throw CaseError(.notFound, "no case \(caseID)") }
            try Access.require(actor, .manageCases)
            guard !record.state.isClosed else { throw CaseError(.transitionNotAllowed, "case \(caseID) is \(record.state.rawValue)") }
            let before = record.json
            try body(&record, scheme, date)
            try tx.cases.update(record)
            return Outcome(record, before: before, after: record.json)
        }
    }
}
