import LTCCore
import LTCProviders

/// Violations, inspections and complaints, and performance assessments,
/// each a JSON document with the columns queries select on.
struct SQLSupervision<Database: SQLConnection>: SupervisionRepository {
    let database: Database

    private static func violation(_ row: Database.Row) throws -> Violation {
        let id = try RowReader(row, record: "violation").integer(0, "id")
        var violation = try RowReader(row, record: "violation").document(1, key: String(id), Violation.init(json:))
        violation.id = id
        return violation
    }

    func violations(institution: String) throws -> [Violation] {
        try database.query("SELECT id, document FROM violations WHERE institution = ? ORDER BY id", [.text(institution)], row: Self.violation)
    }

    func violations(caregiver: CaregiverKey) throws -> [Violation] {
        try database.query("SELECT id, document FROM violations WHERE institution = ? AND caregiver = ? ORDER BY id",
                           [.text(caregiver.institution), .text(caregiver.caregiver)], row: Self.violation)
    }

    func violations(person: Int) throws -> [Violation] {
        try database.query("SELECT id, document FROM violations WHERE person = ? ORDER BY id", [.integer(person)], row: Self.violation)
    }

    func list(institution: String?, page: PageRequest<Int>) throws -> Page<Violation, Int> {
        let rows = try database.query("""
            SELECT id, document FROM violations WHERE (CAST(?1 AS TEXT) IS NULL OR institution = ?1) AND id > ?2 ORDER BY id LIMIT ?3
            """, [SQLValue(institution), .integer(page.after ?? 0), .integer(page.limit + 1)], row: Self.violation)
        return Page(rows: rows, limit: page.limit, cursor: \.id)
    }

    func insert(_ violation: Violation) throws -> Int {
        try database.insertReturningID("INSERT INTO violations (institution, caregiver, person, document) VALUES (?, ?, ?, ?)",
                         [.text(violation.institution), SQLValue(violation.caregiver), SQLValue(violation.person),
                          .text(JSONWriter.string(violation.json))])
    }

    func update(_ violation: Violation) throws {
        try database.run("UPDATE violations SET caregiver = ?, person = ?, document = ? WHERE id = ?",
                         [SQLValue(violation.caregiver), SQLValue(violation.person), .text(JSONWriter.string(violation.json)), .integer(violation.id)])
    }

    private static func record(_ row: Database.Row) throws -> SupervisionRecord {
        let id = try RowReader(row, record: "supervision record").integer(0, "id")
        var record = try RowReader(row, record: "supervision record").document(1, key: String(id), SupervisionRecord.init(json:))
        record.id = id
        return record
    }

    func inspections(institution: String, minimumScore: Int) throws -> [SupervisionRecord] {
        try database.query("""
            SELECT id, document FROM supervision_records WHERE institution = ? AND kind = 'inspection' AND score >= ? ORDER BY id
            """, [.text(institution), .integer(minimumScore)], row: Self.record)
    }

    func records(institution: String, from: CalendarDate, to: CalendarDate) throws -> [SupervisionRecord] {
        try database.query("SELECT id, document FROM supervision_records WHERE institution = ? AND date >= ? AND date <= ? ORDER BY id",
                           [.text(institution), .text(from.description), .text(to.description)], row: Self.record)
    }

    func lastInspection(institution: String, onOrBefore day: CalendarDate) throws -> CalendarDate? {
        // The index by (institution, date), walked back from `day` to the first inspection.
        try database.query("""
            SELECT date FROM supervision_records WHERE institution = ? AND date <= ? AND kind = 'inspection' ORDER BY date DESC LIMIT 1
            """, [.text(institution), .text(day.description)]) { row in
            try RowReader(row, record: "inspection of \(institution)").value(0, "date") { CalendarDate($0) }
        }.first
    }

    func insert(_ record: SupervisionRecord) throws -> Int {
        try database.insertReturningID("INSERT INTO supervision_records (institution, kind, date, score, document) VALUES (?, ?, ?, ?, ?)",
                         [.text(record.institution), .text(record.kind.rawValue), .text(record.date.description), SQLValue(record.score),
                          .text(JSONWriter.string(record.json))])
    }

    func insert(_ draw: InspectionDraw) throws -> Int {
        // The id is in the document too: take the next one first, in this transaction.
        let id = (try database.query("SELECT COALESCE(MAX(id), 0) + 1 FROM inspection_draws") { $0.integer(0) ?? 1 }.first) ?? 1
        var stored = draw
        stored.id = id
        try database.run("INSERT INTO inspection_draws (id, drawn_on, document) VALUES (?, ?, ?)",
                         [.integer(id), .text(draw.drawnOn.description), .text(JSONWriter.string(stored.json))])
        return id
    }

    func draw(id: Int) throws -> InspectionDraw? {
        try database.query("SELECT document FROM inspection_draws WHERE id = ?", [.integer(id)]) {
            try RowReader($0, record: "inspection draw").document(0, "document", key: String(id), InspectionDraw.init(json:))
        }.first
    }

    private static func assessment(_ row: Database.Row) throws -> PerformanceAssessment {
        try RowReader(row, record: "performance assessment").document(0, "document", key: nil, PerformanceAssessment.init(json:))
    }

    func performanceAssessment(institution: String, from: CalendarDate, to: CalendarDate) throws -> PerformanceAssessment? {
        try database.query("SELECT document FROM performance_assessments WHERE institution = ? AND period_from = ? AND period_to = ?",
                           [.text(institution), .text(from.description), .text(to.description)], row: Self.assessment).first
    }

    func performanceAssessments(from: CalendarDate, to: CalendarDate) throws -> [PerformanceAssessment] {
        try database.query("""
            SELECT document FROM performance_assessments WHERE period_from <= ? AND period_to >= ? ORDER BY period_from, institution
            """, [.text(to.description), .text(from.description)], row: Self.assessment)
    }

    func insert(_ assessment: PerformanceAssessment) throws {
        try database.run("INSERT INTO performance_assessments (institution, period_from, period_to, document) VALUES (?, ?, ?, ?)",
                         [.text(assessment.institution), .text(assessment.from.description), .text(assessment.to.description),
                          .text(JSONWriter.string(assessment.json))])
    }
}
