import LTCAssessment
import LTCCore
import LTCSchemes

/// What makes a grade hold up: visit evidence kept by content, results of
/// other departments recognized through the scheme's mapping, a change of
/// condition reported, and determinations drawn at random for an audit
/// re-assessment (抽查复评), whose changed grades are findings against the
/// first assessors.
extension CaseService {
    // MARK: Visit evidence

    /// Attaches a photo, video or signature to the case's latest assessment
    /// while it waits for its determination. The content is kept in the
    /// evidence folder under its SHA-256 digest (``EvidenceVault``); the case
    /// keeps the digest, who attached it and when. Administrators and the
    /// assessors of that assessment may attach. The bytes come with the
    /// request (``EvidenceContent``): no caller names a file for ltc to read.
    public func attachEvidence(caseID: Int, content: EvidenceContent, name: String, kind: Evidence.Kind, actor: Actor,
                               asOf: CalendarDate?) throws -> Evidence {
        try PlainText.require(name, "name", as: .name)
        // Checked before the copy, and again in the change, which a copy in between cannot outrun;
        // who may attach is answered before how this store is set up.
        _ = try evidenceTarget(caseID: caseID, actor: actor)
        guard let vault else {
            throw CaseError(.invalidInput, "this store keeps no evidence folder: for PostgreSQL set LTC_EVIDENCE_DIR to a folder ltc may write")
        }
        let (digest, bytes) = try vault.keep(content, source: name)
        var attached: Evidence?
        let operation = Operation("case.evidence", subject: "case:\(caseID)", actor: actor, asOf: try context(caseID: caseID, asOf: asOf).1)
        try work.change(operation, on: store.transactions) { tx in
            guard var record = try tx.cases.caseRecord(id: caseID), let assessment = try tx.assessments.latest(caseID: caseID) else {
                throw CaseError(.notFound, "no case \(caseID) with an assessment")
            }
            try Self.requireEvidenceAllowed(record, assessment, actor: actor)
            guard !record.evidence.contains(where: { $0.assessmentID == assessment.id && $0.digest == digest }) else {
                throw CaseError(.duplicate, "this file (sha256 \(digest.prefix(12))…) is already attached to assessment \(assessment.id)")
            }
            guard record.evidence.count < Evidence.limitPerCase else { throw Self.evidenceFull(caseID) }
            let before = record.json
            let evidence = Evidence(kind: kind, digest: digest, bytes: bytes, name: name, assessmentID: assessment.id,
                                    addedBy: actor.description, addedOn: operation.asOf)
            record.evidence.append(evidence)
            try tx.cases.update(record)
            attached = evidence
            return Outcome((), before: before, after: record.json)
        }
        return attached!
    }

    /// The case's evidence, each file read back and checked against its digest.
    public func evidence(caseID: Int, actor: Actor) throws -> [(evidence: Evidence, state: Evidence.State)] {
        let view = try show(caseID: caseID, actor: actor)
        return view.record.evidence.map { ($0, vault?.check(digest: $0.digest, bytes: $0.bytes) ?? .missing) }
    }

    private func evidenceTarget(caseID: Int, actor: Actor) throws -> Case {
        try store.read { tx in
            // Whoever may not see the case learns nothing of it, not even that it exists (as case.get).
            let scope = Access.scope(of: actor)
            guard let record = try tx.cases.caseRecord(id: caseID) else {
                throw scope == .all ? CaseError(.notFound, "no case \(caseID)") : .notYours("case \(caseID)", refused: false)
            }
            guard try scope == .all || tx.cases.contains(caseID: caseID, in: scope) else { throw CaseError.notYours("case \(caseID)", refused: true) }
            guard let assessment = try tx.assessments.latest(caseID: caseID) else {
                throw CaseError(.transitionNotAllowed, "case \(caseID) has no assessment to attach evidence to")
            }
            try Self.requireEvidenceAllowed(record, assessment, actor: actor)
            // Before the copy too: a refused file would stay in the vault, and refusals could fill its disk.
            guard record.evidence.count < Evidence.limitPerCase else { throw Self.evidenceFull(caseID) }
            return record
        }
    }

    private static func evidenceFull(_ caseID: Int) -> CaseError {
        CaseError(.invalidInput, "case \(caseID) holds \(Evidence.limitPerCase) pieces of evidence, the most one case keeps")
    }

    /// Evidence goes with a visit waiting for its determination, from an administrator or one of its assessors.
    private static func requireEvidenceAllowed(_ record: Case, _ assessment: AssessmentRecord, actor: Actor) throws {
        try Access.require(actor, .attachEvidence(assessors: assessment.assessors, caseID: record.id))
        guard record.state == .assessed || record.state == .reassessed, assessment.round != .recognized else {
            throw CaseError(.transitionNotAllowed, "case \(record.id) is \(record.state.rawValue): evidence is attached to a visit that waits for its determination (assessed or reassessed)")
        }
    }

    /// Throws unless each kind of evidence the scheme requires is attached to
    /// `assessment` and its file is intact. A recognized result had no visit.
    func requireEvidence(of assessment: AssessmentRecord, record: Case, scheme: Scheme) throws {
        let required = scheme.assessment.evidenceRequired
        guard !required.isEmpty, assessment.round != .recognized else { return }
        let attached = record.evidence.filter { $0.assessmentID == assessment.id }
        var missing: [String] = []
        for kind in required {
            let intact = attached.contains { $0.kind.rawValue == kind && vault?.check(digest: $0.digest, bytes: $0.bytes) == .intact }
            if !intact { missing.append(kind) }
        }
        guard missing.isEmpty else {
            throw CaseError(.invalidInput, "scheme '\(scheme.id)' needs \(required.joined(separator: ", ")) from the visit before a determination; missing or not intact: \(missing.joined(separator: ", "))",
                            details: ["missing": .array(missing.map { .string($0) }), "assessment": .integer(assessment.id)])
        }
    }

    // MARK: Mutual recognition

    /// Recognizes another department's result (e.g. a civil-affairs
    /// GB/T 42195 assessment) in place of the on-site assessment, where the
    /// scheme's `recognition` maps that form's grade, and the result is
    /// recent enough. The case keeps what was recognized as its assessment
    /// (round `recognized`: the form, its grade, the issuer, the reference);
    /// the determination follows as after any assessment.
    public func recognize(caseID: Int, formID: String, grade sourceGrade: Int, assessedOn: CalendarDate, issuedBy: String,
                          reference: String, actor: Actor, asOf: CalendarDate?) throws -> (Case, AssessmentRecord) {
        try PlainText.require(issuedBy, "issued by", as: .name)
        try PlainText.require(reference, "reference", as: .name)
        var stored: AssessmentRecord?
        let record = try change(.recognize, caseID: caseID, actor: actor, asOf: asOf) { record, scheme, date, tx in
            let rules = scheme.assessment.recognition
            guard let rule = rules.first(where: { $0.form == formID }) else {
                throw CaseError(.invalidInput, "scheme '\(scheme.id)' recognizes results on \(rules.isEmpty ? "no other form" : rules.map(\.form).joined(separator: ", ")), not '\(formID)'")
            }
            let form = try forms.form(id: formID)
            guard let sourceLabel = form.grade(sourceGrade)?.label else {
                throw CaseError(.invalidInput, "\(formID) has no grade \(sourceGrade); its grades are \(form.grades.map { String($0.level) }.joined(separator: ", "))")
            }
            guard let grade = rule.grades[sourceGrade] else {
                throw CaseError(.invalidInput, "scheme '\(scheme.id)' recognizes grades \(rule.grades.keys.sorted().map(String.init).joined(separator: ", ")) of \(formID), not \(sourceGrade): assess the person on \(scheme.assessment.forms.joined(separator: ", "))")
            }
            guard assessedOn <= date else { throw CaseError(.invalidInput, "the result's date \(assessedOn) is after today (\(date))") }
            let oldest = date.adding(months: -rule.withinMonths)
            guard assessedOn >= oldest else {
                throw CaseError(.timing, "the result of \(assessedOn) is older than the \(rule.withinMonths) months scheme '\(scheme.id)' recognizes (from \(oldest))")
            }
            guard !issuedBy.allSatisfy(\.isWhitespace), !reference.allSatisfy(\.isWhitespace) else {
                throw CaseError(.invalidInput, "say who issued the result and its reference (document number)")
            }
            let own = try forms.form(id: scheme.assessment.forms[0])
            let label = own.grade(grade)?.label
            let result: JSONValue = [
                "grade": ["level": .integer(grade), "label": label.map { ["zh": .string($0.zh), "en": .string($0.en)] } ?? .null],
                "recognized": [
                    "form": .string(form.id), "formVersion": .string(form.version), "grade": .integer(sourceGrade),
                    "gradeLabel": ["zh": .string(sourceLabel.zh), "en": .string(sourceLabel.en)],
                    "source": ["zh": .string(rule.source.zh), "en": .string(rule.source.en)],
                    "issuedBy": .string(issuedBy), "reference": .string(reference), "assessedOn": .string(assessedOn.description),
                ],
            ]
            var assessment = AssessmentRecord(id: 0, caseID: caseID, round: .recognized, formID: form.id, formVersion: form.version, answers: [:],
                                              result: result, grade: grade, assessedOn: assessedOn, place: issuedBy, assessors: [],
                                              recordedBy: actor.description)
            assessment.id = try tx.assessments.insert(assessment)
            record.round = .recognized
            record.assessors = []
            record.deadline = Self.deadline(.conclusion, for: record, scheme: scheme)
            stored = assessment
        }
        return (record, stored!)
    }

    // MARK: Change of condition

    /// Records the person's report that their condition changed: a
    /// re-assessment is due before the grade's validity ends, its visit within
    /// the scheme's working days of the report. The grade must have been in
    /// force for the scheme's `conditionChangeAfterMonths`.
    public func reportChange(caseID: Int, reason: String, actor: Actor, asOf: CalendarDate?) throws -> Case {
        try change(.reportChange, caseID: caseID, actor: actor, asOf: asOf, reason: reason) { record, scheme, date, _ in
            guard !reason.allSatisfy(\.isWhitespace) else { throw CaseError(.invalidInput, "say what changed in the person's condition") }
            guard record.conditionChange == nil else {
                throw CaseError(.duplicate, "case \(caseID) has a change of condition reported on \(record.conditionChange!.reportedOn), waiting for its re-assessment")
            }
            let months = scheme.assessment.conditionChangeAfterMonths
            if let from = record.determination?.validFrom, date < from.adding(months: months) {
                throw CaseError(.timing, "the grade of case \(caseID) has been in force since \(from); scheme '\(scheme.id)' takes a change of condition after \(months) months, from \(from.adding(months: months))")
            }
            record.conditionChange = ConditionChange(reportedOn: date, reason: reason)
            if let days = scheme.assessment.visitWithinWorkingDays {
                record.deadline = CaseDeadline(kind: .visit, due: scheme.calendar.adding(workingDays: days, to: date))
            }
        }
    }

    // MARK: Audit re-assessment

    /// What an audit draw picked.
    public struct AuditDraw: Sendable {
        public var month: YearMonth
        public var seed: UInt64
        /// The determinations drawn from: cases whose grade in force was decided in the month, by id.
        public var pool: [Int]
        public var picked: [Int]

        public var json: JSONValue {
            ["month": .string(month.description), "seed": .string(String(seed)),
             "pool": .array(pool.map { .integer($0) }), "picked": .array(picked.map { .integer($0) })]
        }
    }

    /// The most determinations one audit draw reads: a month of a large city.
    public static let auditPoolLimit = 200_000

    /// Draws the scheme's share (`auditRate`, rounded up) of the grades
    /// decided in `month` and now in force for an audit re-assessment
    /// (抽查复评), with `seed` (a random one when `nil`). Each picked case is
    /// marked; its next assignment is the audit round, by assessors other
    /// than the first. The seed and the pool are kept in the audit trail.
    public func drawAudits(schemeID: String, month: YearMonth, seed: UInt64? = nil, actor: Actor, asOf: CalendarDate?) throws -> AuditDraw {
        try Access.require(actor, .transition(Lifecycle.transitions.first { $0.action == .assign }!))
        let seed = seed ?? UInt64.random(in: .min ... .max)
        let date = try store.read { try choice.day(asOf, in: $0.schemes) }
        let operation = Operation("case.auditDraw", subject: "scheme:\(schemeID)", actor: actor, asOf: date, reason: "month \(month), seed \(seed)")
        return try work.change(operation, on: store.transactions) { tx in
            guard let scheme = try tx.schemes.scheme(id: schemeID) else { throw CaseError(.notFound, "no scheme '\(schemeID)'") }
            guard let rate = scheme.assessment.auditRate else {
                throw CaseError(.invalidInput, "scheme '\(schemeID)' sets no auditRate: it draws no audit re-assessments")
            }
            guard month.lastDay < date else { throw CaseError(.timing, "\(month) is not over on \(date): draw its determinations from \(month.lastDay.adding(days: 1))") }
            var query = CaseQuery(scope: .all, state: .effective, schemeID: schemeID)
            query.determinedIn = month
            var pool: [Case] = []
            var page = PageRequest<Int>.largest()
            while true {
                let found = try tx.cases.list(query, page: page)
                pool += found.items.filter { $0.audit == nil && $0.conditionChange == nil }
                guard pool.count <= Self.auditPoolLimit else { throw CaseError(.invalidInput, "more than \(Self.auditPoolLimit) determinations in \(month)") }
                guard let next = found.next else { break }
                page = .largest(after: next)
            }
            let count = pool.isEmpty ? 0 : (pool.count * rate.basisPoints + 9_999) / 10_000
            var order = pool.map(\.id)
            var random = SplitMix64(seed: seed)
            if order.count > 1 {
                for index in stride(from: order.count - 1, to: 0, by: -1) { order.swapAt(index, Int(random.next() % UInt64(index + 1))) }
            }
            let picked = Array(order.prefix(count)).sorted()
            for var record in pool where picked.contains(record.id) {
                record.audit = AuditSelection(month: month, seed: seed, drawnOn: date)
                try tx.cases.update(record)
            }
            let draw = AuditDraw(month: month, seed: seed, pool: pool.map(\.id), picked: picked)
            return Outcome(draw, after: draw.json)
        }
    }

    /// Records a finding against each assessor of the assessment `audited`
    /// was decided from, if `audit` found another grade; whether it did.
    func recordFindings(audited: Determination, by audit: AssessmentRecord, on date: CalendarDate, in tx: any CaseTransaction) throws -> Bool {
        guard audit.grade != audited.grade else { return false }
        let first = try tx.assessments.assessments(caseID: audit.caseID).first { $0.id == audited.assessmentID }
        for assessor in first?.assessors ?? [] {
            _ = try tx.findings.insert(AssessorFinding(id: 0, assessor: assessor, caseID: audit.caseID, assessmentID: audited.assessmentID,
                                                       auditAssessmentID: audit.id, grade: audited.grade, auditedGrade: audit.grade, foundOn: date))
        }
        return true
    }

    /// Findings against assessors, of one or of all, a page at a time; for administrators and auditors.
    public func findings(assessor: String?, actor: Actor, page: PageRequest<Int>) throws -> Page<AssessorFinding, Int> {
        try Access.require(actor, .readAll)
        return try store.read { try $0.findings.findings(assessor: assessor, page: page) }
    }
}
