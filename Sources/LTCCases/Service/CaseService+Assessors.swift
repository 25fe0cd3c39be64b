import LTCAssessment
import LTCCore
import LTCSchemes

/// Who assesses a case: assessors named with a reason, or drawn at random
/// with a kept seed, checked for certificates and conflicts of interest.
extension CaseService {
    /// Assigns the assessors of the next round (the first assessment, a review
    /// of a grade in force, or the re-assessment (复评) after an objection)
    /// by name: the exception to a random draw
    /// (``drawAssessors(caseID:seed:actor:asOf:)``), so it needs a reason,
    /// which the audit trail keeps.
    public func assign(caseID: Int, assessors ids: [String], reason: String, actor: Actor, asOf: CalendarDate?) throws -> Case {
        guard !reason.allSatisfy(\.isWhitespace) else {
            throw CaseError(.invalidInput, "assessors named by hand need a reason (a random draw does not): say why they were chosen")
        }
        try PlainText.require(reason, "reason", as: .note)
        return try change(.assign, caseID: caseID, actor: actor, asOf: asOf, reason: reason) { record, scheme, date, tx in
            try assignTeam(ids, to: &record, scheme: scheme, on: date, in: tx)
            record.draw = nil
        }
    }

    /// Draws the assessors of the next round at random (随机抽取) from the
    /// registry's active assessors (none deactivated on the day) free of a
    /// conflict of interest (for a re-assessment, other than the first
    /// round's), with `seed` (a random one when `nil`); the seed and the pool
    /// are kept with the case (``AssessorDraw``) so that the draw can be
    /// replayed and audited.
    /// - Parameter agency: draw only from this assessment agency's assessors.
    public func drawAssessors(caseID: Int, seed: UInt64? = nil, agency: String? = nil, actor: Actor, asOf: CalendarDate?) throws -> Case {
        let seed = seed ?? UInt64.random(in: .min ... .max)
        return try change(.assign, caseID: caseID, actor: actor, asOf: asOf, reason: "drawn with seed \(seed)") { record, scheme, date, tx in
            var registry: [Assessor] = []
            var page = PageRequest<String>.largest()
            while true {
                let found = try tx.assessors.list(page: page)
                registry += found.items
                guard let next = found.next else { break }
                page = .largest(after: next)
            }
            let earlier = try excluded(from: record, in: tx)
            let deactivated = try tx.deactivations.deactivations(of: Set(registry.map { Actor(role: .assessor, id: $0.id) }))
                .filter { $0.value.isInForce(on: date) }
            var pool: [Assessor] = []
            for assessor in registry where assessor.active && !earlier.contains(assessor.id) && assessor.isCertified(on: date)
                && deactivated[Actor(role: .assessor, id: assessor.id)] == nil && (agency == nil || assessor.agency == agency) {
                guard try agencyAllows(assessor, on: date, in: tx) else { continue }
                do {
                    try requireNoConflict(assessor, record, scheme: scheme, on: date, in: tx)
                    pool.append(assessor)
                } catch let error as CaseError where error.reason == .conflictOfInterest {
                    continue
                }
            }
            let rules = scheme.assessment
            let team = try AssessorDraw.choose(from: pool, seed: seed, count: rules.assessorCount, qualified: rules.qualifiedAssessors,
                                               experts: record.state == .objected ? rules.reviewExperts : 0)
            try assignTeam(team, to: &record, scheme: scheme, on: date, in: tx)
            record.draw = AssessorDraw(seed: seed, pool: pool.map(\.id).sorted())
        }
    }

    /// Makes `ids` the team of the case's next round, under the scheme's
    /// rules: the number of assessors, the qualified among them, each active
    /// (not deactivated on the day) and free of a conflict of interest, and
    /// for a re-assessment none of the first round's.
    private func assignTeam(_ ids: [String], to record: inout Case, scheme: Scheme, on date: CalendarDate, in tx: any CaseTransaction) throws {
        let caseID = record.id
        let rules = scheme.assessment
        guard ids.count == rules.assessorCount, Set(ids).count == ids.count else {
            throw CaseError(.assessorRule, "the scheme needs \(rules.assessorCount) different assessors; given: \(ids.joined(separator: ", "))")
        }
        var team: [Assessor] = []
        for id in ids {
            guard let assessor = try tx.assessors.assessor(id: id), assessor.active else {
                throw CaseError(.assessorRule, "\(id) is not an active assessor in the registry")
            }
            if let deactivation = try tx.deactivations.deactivation(of: Actor(role: .assessor, id: id)), deactivation.isInForce(on: date) {
                throw CaseError(.assessorRule, "assessor \(id) was deactivated from \(deactivation.from): they may not be assigned")
            }
            guard assessor.isCertified(on: date) else {
                throw CaseError(.assessorRule, "the certificate of assessor \(id) expired on \(assessor.certificateUntil!): they may not be assigned")
            }
            guard try agencyAllows(assessor, on: date, in: tx) else {
                throw CaseError(.assessorRule, "the agency of assessor \(id), \(assessor.agency ?? "?"), has no agreement in force on \(date): its assessors may not be assigned")
            }
            try requireNoConflict(assessor, record, scheme: scheme, on: date, in: tx)
            team.append(assessor)
        }
        let professionals = team.filter(\.qualification.isProfessional).count
        guard professionals >= rules.qualifiedAssessors else {
            throw CaseError(.assessorRule, "at least \(rules.qualifiedAssessors) assessor(s) need a medical or care qualification; \(professionals) of \(ids.joined(separator: ", ")) have one")
        }
        let repeated = ids.filter(try excluded(from: record, in: tx).contains)
        guard repeated.isEmpty else {
            let what = record.state == .objected ? "a re-assessment needs assessors other than those of the assessment objected to"
                                                 : "an audit re-assessment needs assessors other than those of the grade audited"
            throw CaseError(.assessorRule, "\(what); \(repeated.joined(separator: ", ")) assessed it")
        }
        if record.state == .objected {
            let experts = team.filter(\.expert).count
            guard experts >= rules.reviewExperts else {
                throw CaseError(.assessorRule, "an objection goes to experts: the scheme needs \(rules.reviewExperts) from the expert pool; \(experts) of \(ids.joined(separator: ", ")) are")
            }
        }
        switch record.state {
        case .objected: record.round = .reassessment
        case .effective: record.round = record.audit != nil ? .audit : .review
        default: record.round = .initial
        }
        record.assessors = ids
        record.assignedOn = date
    }

    /// The assessors who may not take the next round: after an objection,
    /// those of the assessment objected to; on audit, those of the assessment
    /// the grade in force was decided from.
    func excluded(from record: Case, in tx: any CaseTransaction) throws -> Set<String> {
        switch record.state {
        case .objected:
            return Set(try tx.assessments.latest(caseID: record.id)?.assessors ?? [])
        case .effective where record.audit != nil:
            guard let decided = record.determination?.assessmentID else { return [] }
            return Set(try tx.assessments.assessments(caseID: record.id).first { $0.id == decided }?.assessors ?? [])
        default:
            return []
        }
    }

    /// Whether the assessor's agency may send them on `day`: a registered
    /// assessment agency needs an agreement in force; an agency the store does
    /// not keep (or none) is not checked.
    func agencyAllows(_ assessor: Assessor, on day: CalendarDate, in tx: any CaseTransaction) throws -> Bool {
        guard let agency = assessor.agency, let ties else { return true }
        switch try ties.agencyStanding(agency, on: day, in: tx) {
        case .designated, .unregistered: return true
        case .notDesignated, .notAnAgency: return false
        }
    }
}
