import LTCCases
import LTCCore
import LTCProviders
import LTCSchemes

extension SQLiteCaseStore: ProviderStore {
    public func writeProviders<T>(_ body: (any ProviderStoreWriter) throws -> T) throws -> T {
        try database.transaction { try body(SQLiteCaseTransaction(database: database)) }
    }

    public func readProviders<T>(_ body: (any ProviderStoreReader) throws -> T) throws -> T {
        try body(SQLiteCaseTransaction(database: database))
    }
}

extension SQLiteCaseTransaction: ProviderStoreWriter {
    private func document<T>(_ row: SQLiteRow, _ column: Int32, _ what: String, _ make: (JSONValue) -> T?) throws -> T {
        guard let text = row.text(column), let json = try? JSONParser.parse(text), let value = make(json) else {
            throw StorageError(code: 0, message: "a stored \(what) is damaged")
        }
        return value
    }

    func benefitCases() throws -> [Case] {
        try database.query("SELECT id, document FROM cases WHERE state != 'rejected' ORDER BY id") { row in
            var record = try caseRecord(row)
            record.eligibility = nil
            record.assessors = []
            record.closedReason = nil
            record.pending = nil
            return record
        }
    }

    // MARK: Institutions, agreements, caregivers, enrolments

    func institutions() throws -> [Institution] {
        try database.query("SELECT document FROM institutions ORDER BY id") { try document($0, 0, "institution", Self.institution) }
    }

    func institution(id: String) throws -> Institution? {
        try database.query("SELECT document FROM institutions WHERE id = ?", [.text(id)]) { try document($0, 0, "institution", Self.institution) }.first
    }

    private static func institution(_ json: JSONValue) -> Institution? {
        let log = JSONProblemLog()
        guard let fields = log.fields(of: json, at: .root, accepting: Institution.fields) else { return nil }
        return Institution.read(fields)
    }

    func insert(_ institution: Institution) throws {
        try database.run("INSERT INTO institutions (id, document) VALUES (?, ?)", [.text(institution.id), .text(JSONWriter.string(institution.json))])
    }

    func update(_ institution: Institution) throws {
        try database.run("UPDATE institutions SET document = ? WHERE id = ?", [.text(JSONWriter.string(institution.json)), .text(institution.id)])
    }

    func agreements() throws -> [Agreement] {
        try database.query("SELECT document FROM agreements ORDER BY id") { try document($0, 0, "agreement", Agreement.init(json:)) }
    }

    func agreement(id: String) throws -> Agreement? {
        try database.query("SELECT document FROM agreements WHERE id = ?", [.text(id)]) { try document($0, 0, "agreement", Agreement.init(json:)) }.first
    }

    func insert(_ agreement: Agreement) throws {
        try database.run("INSERT INTO agreements (id, institution, document) VALUES (?, ?, ?)",
                         [.text(agreement.id), .text(agreement.institution), .text(JSONWriter.string(agreement.json))])
    }

    func update(_ agreement: Agreement) throws {
        try database.run("UPDATE agreements SET document = ? WHERE id = ?", [.text(JSONWriter.string(agreement.json)), .text(agreement.id)])
    }

    func caregivers() throws -> [Caregiver] {
        try database.query("SELECT document FROM caregivers ORDER BY institution, id") { try document($0, 0, "caregiver", Caregiver.init(json:)) }
    }

    func upsert(_ caregiver: Caregiver) throws {
        try database.run("INSERT INTO caregivers (institution, id, document) VALUES (?, ?, ?) ON CONFLICT (institution, id) DO UPDATE SET document = excluded.document",
                         [.text(caregiver.institution), .text(caregiver.id), .text(JSONWriter.string(caregiver.json))])
    }

    func enrolments() throws -> [Enrolment] {
        try database.query("SELECT id, document FROM enrolments ORDER BY id") { row in
            var enrolment = try document(row, 1, "enrolment", Enrolment.init(json:))
            enrolment.id = row.integer(0) ?? enrolment.id
            return enrolment
        }
    }

    func insert(_ enrolment: Enrolment) throws -> Int {
        try database.run("INSERT INTO enrolments (person_id, case_id, institution, document) VALUES (?, ?, ?, ?)",
                         [.integer(enrolment.personID), .integer(enrolment.caseID), .text(enrolment.institution), .text(JSONWriter.string(enrolment.json))])
        return try database.query("SELECT last_insert_rowid()") { $0.integer(0) ?? 0 }.first ?? 0
    }

    func update(_ enrolment: Enrolment) throws {
        try database.run("UPDATE enrolments SET document = ? WHERE id = ?", [.text(JSONWriter.string(enrolment.json)), .integer(enrolment.id)])
    }

    // MARK: Logs

    private static let logColumns = """
        institution, log_id, version, person, caregiver, item, mode, start, end, location, status, rule, detail, \
        billed, allowed, fund, submission, settled_month, settled_fund, sampled
        """

    private func storedLog(_ row: SQLiteRow) throws -> StoredLog {
        guard let institution = row.text(0), let logID = row.text(1), let version = row.integer(2), let person = row.integer(3),
              let caregiver = row.text(4), let item = row.text(5), let mode = row.text(6), let start = row.integer(7),
              let end = row.integer(8), let status = row.text(10).flatMap(StoredLog.Status.init), let submission = row.integer(16) else {
            throw StorageError(code: 0, message: "a stored service log is damaged")
        }
        let log = ServiceLog(logID: logID, institution: institution, caregiver: caregiver, person: person, item: item,
                             start: LocalMinute(minutes: start), end: LocalMinute(minutes: end), mode: mode,
                             location: row.text(9).flatMap { GeoPoint(text: Substring($0)) })
        var money: AcceptedService?
        if let billed = row.integer(13), let allowed = row.integer(14), let fund = row.integer(15) {
            money = AcceptedService(billed: Money(fen: billed), allowed: Money(fen: allowed), fund: Money(fen: fund))
        }
        return StoredLog(log: log, version: version, status: status, rule: row.text(11).flatMap(MonitoringRule.init), detail: row.text(12),
                         money: money, submission: submission, settledMonth: row.text(17).flatMap(YearMonth.init),
                         settledFund: row.integer(18).map(Money.init(fen:)), sampled: row.integer(19) == 1)
    }

    func logs(in month: YearMonth, excludingSubmission submission: Int) throws -> [StoredLog] {
        try database.query("SELECT \(Self.logColumns) FROM service_logs WHERE month = ? AND submission != ? ORDER BY id",
                           [.text(month.description), .integer(submission)], row: storedLog)
    }

    func logCounts() throws -> [String: Int] {
        Dictionary(uniqueKeysWithValues: try database.query("SELECT institution, COUNT(*) FROM service_logs GROUP BY institution") {
            ($0.text(0) ?? "", $0.integer(1) ?? 0)
        })
    }

    func logs(institution: String, ids: [String]) throws -> [String: StoredLog] {
        var found: [String: StoredLog] = [:]
        // In chunks, to stay within SQLite's limit on bound parameters.
        for start in stride(from: 0, to: ids.count, by: 500) {
            let chunk = Array(ids[start..<min(start + 500, ids.count)])
            let marks = Array(repeating: "?", count: chunk.count).joined(separator: ", ")
            for stored in try database.query("SELECT \(Self.logColumns) FROM service_logs WHERE institution = ? AND log_id IN (\(marks))",
                                              [.text(institution)] + chunk.map(SQLValue.text), row: storedLog) {
                found[stored.log.logID] = stored
            }
        }
        return found
    }

    func insertSubmission(institution: String?, actor: String, asOf: CalendarDate, summary: JSONValue) throws -> Int {
        try database.run("INSERT INTO submissions (institution, actor, as_of, summary) VALUES (?, ?, ?, ?)",
                         [institution.map(SQLValue.text) ?? .null, .text(actor), .text(asOf.description), .text(JSONWriter.string(summary))])
        return try database.query("SELECT last_insert_rowid()") { $0.integer(0) ?? 0 }.first ?? 0
    }

    func store(_ logs: [StoredLog], replacing: [StoredLog]) throws {
        for old in replacing {
            try database.run("INSERT INTO service_log_history (institution, log_id, version, document, replaced_in) VALUES (?, ?, ?, ?, ?)",
                             [.text(old.log.institution), .text(old.log.logID), .integer(old.version), .text(JSONWriter.string(old.log.json)),
                              .integer(logs.first?.submission ?? 0)])
            try database.run("DELETE FROM service_logs WHERE institution = ? AND log_id = ?", [.text(old.log.institution), .text(old.log.logID)])
        }
        let sql = "INSERT INTO service_logs (\(Self.logColumns), month) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        try database.runRows(sql, count: logs.count) { index, row in
            let stored = logs[index], log = stored.log
            row.bind(1, log.institution); row.bind(2, log.logID); row.bind(3, stored.version); row.bind(4, log.person)
            row.bind(5, log.caregiver); row.bind(6, log.item); row.bind(7, log.mode); row.bind(8, log.start.value)
            row.bind(9, log.end.value); row.bind(10, log.location?.text); row.bind(11, stored.status.rawValue)
            row.bind(12, stored.rule?.code); row.bind(13, stored.detail); row.bind(14, stored.money?.billed.fen)
            row.bind(15, stored.money?.allowed.fen); row.bind(16, stored.money?.fund.fen); row.bind(17, stored.submission)
            row.bind(18, stored.settledMonth?.description); row.bind(19, stored.settledFund?.fen)
            row.bind(20, stored.sampled ? 1 : 0)
            row.bind(21, YearMonth(containing: log.day).description)
        }
    }

    // MARK: Supervision

    func violations() throws -> [Violation] {
        try database.query("SELECT id, document FROM violations ORDER BY id") { row in
            var violation = try document(row, 1, "violation", Violation.init(json:))
            violation.id = row.integer(0) ?? violation.id
            return violation
        }
    }

    func insert(_ violation: Violation) throws -> Int {
        try database.run("INSERT INTO violations (institution, document) VALUES (?, ?)",
                         [.text(violation.institution), .text(JSONWriter.string(violation.json))])
        return database.lastInsertedRowID
    }

    func update(_ violation: Violation) throws {
        try database.run("UPDATE violations SET document = ? WHERE id = ?", [.text(JSONWriter.string(violation.json)), .integer(violation.id)])
    }

    func activity(institution: String, from: CalendarDate, to: CalendarDate, timelyDays: Int) throws -> InstitutionActivity {
        var activity = InstitutionActivity()
        try database.query("""
            SELECT COUNT(*), SUM(l.status = 'rejected'), SUM(CASE WHEN l.status = 'accepted' THEN l."end" - l.start ELSE 0 END),
                   SUM(CAST(julianday(s.as_of) - 2440587.5 AS INTEGER) - l.start / 1440 <= ?)
            FROM service_logs l JOIN submissions s ON s.id = l.submission
            WHERE l.institution = ? AND l.start >= ? AND l.start < ?
            """, [.integer(timelyDays), .text(institution), .integer(from.dayNumber * 1440), .integer((to.dayNumber + 1) * 1440)]) { row in
            activity.received = row.integer(0) ?? 0
            activity.rejected = row.integer(1) ?? 0
            activity.acceptedMinutes = row.integer(2) ?? 0
            activity.timely = row.integer(3) ?? 0
        }
        return activity
    }

    func performanceAssessments() throws -> [PerformanceAssessment] {
        try database.query("SELECT document FROM performance_assessments ORDER BY period_from, institution") {
            try document($0, 0, "performance assessment", PerformanceAssessment.init(json:))
        }
    }

    func insert(_ assessment: PerformanceAssessment) throws {
        try database.run("INSERT INTO performance_assessments (institution, period_from, period_to, document) VALUES (?, ?, ?, ?)",
                         [.text(assessment.institution), .text(assessment.from.description), .text(assessment.to.description),
                          .text(JSONWriter.string(assessment.json))])
    }

    func monthByPersonAndMode(_ month: YearMonth) throws -> [(person: Int, mode: String, logs: Int, allowed: Money, fund: Money)] {
        try database.query("""
            SELECT person, mode, COUNT(*), SUM(allowed), SUM(fund) FROM service_logs
            WHERE month = ? AND status = 'accepted' GROUP BY person, mode ORDER BY person, mode
            """, [.text(month.description)]) { row in
            (row.integer(0) ?? 0, row.text(1) ?? "", row.integer(2) ?? 0, Money(fen: row.integer(3) ?? 0), Money(fen: row.integer(4) ?? 0))
        }
    }

    func monthRejections(_ month: YearMonth) throws -> [(institution: String, received: Int, rejected: Int)] {
        try database.query("""
            SELECT institution, COUNT(*), SUM(status = 'rejected') FROM service_logs WHERE month = ? GROUP BY institution
            """, [.text(month.description)]) { row in
            (row.text(0) ?? "", row.integer(1) ?? 0, row.integer(2) ?? 0)
        }
    }

    func supervisionRecords() throws -> [SupervisionRecord] {
        try database.query("SELECT id, document FROM supervision_records ORDER BY id") { row in
            var record = try document(row, 1, "supervision record", SupervisionRecord.init(json:))
            record.id = row.integer(0) ?? record.id
            return record
        }
    }

    func insert(_ record: SupervisionRecord) throws -> Int {
        try database.run("INSERT INTO supervision_records (institution, kind, document) VALUES (?, ?, ?)",
                         [.text(record.institution), .text(record.kind.rawValue), .text(JSONWriter.string(record.json))])
        return database.lastInsertedRowID
    }

    // MARK: Settlement

    func insert(_ adjustment: SettlementAdjustment) throws {
        try database.run("INSERT INTO settlement_adjustments (institution, log_id, service_month, amount, reason) VALUES (?, ?, ?, ?, ?)",
                         [.text(adjustment.institution), .text(adjustment.logID), .text(adjustment.serviceMonth.description),
                          .integer(adjustment.amount.fen), .text(adjustment.reason)])
    }

    func openAdjustments() throws -> [SettlementAdjustment] {
        try database.query("SELECT institution, log_id, service_month, amount, reason FROM settlement_adjustments WHERE settled_month IS NULL ORDER BY id") { row in
            guard let institution = row.text(0), let logID = row.text(1), let month = row.text(2).flatMap(YearMonth.init),
                  let amount = row.integer(3), let reason = row.text(4) else { throw StorageError(code: 0, message: "a stored adjustment is damaged") }
            return SettlementAdjustment(institution: institution, logID: logID, serviceMonth: month, amount: Money(fen: amount), reason: reason)
        }
    }

    func unsettledTotals(month: YearMonth) throws -> [Statement] {
        try database.query("""
            SELECT institution, COUNT(*), SUM(billed), SUM(allowed), SUM(fund) FROM service_logs
            WHERE month = ? AND status = 'accepted' GROUP BY institution ORDER BY institution
            """, [.text(month.description)]) { row in
            let billed = Money(fen: row.integer(2) ?? 0), allowed = Money(fen: row.integer(3) ?? 0), fund = Money(fen: row.integer(4) ?? 0)
            return Statement(institution: row.text(0) ?? "?", logs: row.integer(1) ?? 0, billed: billed, allowed: allowed, fund: fund,
                             personal: allowed - fund, overCap: billed - allowed)
        }
    }

    func settlement(month: YearMonth) throws -> SettlementRun? {
        try database.query("SELECT document FROM settlements WHERE month = ?", [.text(month.description)]) {
            try document($0, 0, "settlement", SettlementRun.init(json:))
        }.first
    }

    func settledMonths() throws -> [YearMonth] {
        try database.query("SELECT month FROM settlements ORDER BY month") { $0.text(0).flatMap(YearMonth.init) }.compactMap { $0 }
    }

    func insert(_ run: SettlementRun) throws {
        let month = run.month.description
        try database.run("INSERT INTO settlements (month, settled_on, document) VALUES (?, ?, ?)",
                         [.text(month), .text(run.settledOn.description), .text(JSONWriter.string(run.json))])
        try database.run("UPDATE settlement_adjustments SET settled_month = ? WHERE settled_month IS NULL", [.text(month)])
    }
}
