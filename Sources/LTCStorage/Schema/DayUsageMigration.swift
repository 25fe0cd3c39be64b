/// The SQL of the migration that keeps money per person and day, shared by
/// both engines (they speak the same SQL for it): each week of
/// `person_weeks` gets the allowed amount of each of its days (ISO weekday
/// columns `allowed_1`, Monday, to `allowed_7`), filled from the accepted
/// logs already stored, so that a scheme's daily cap is checked against the
/// week the checks read anyway; and an index that lists the adjustments a
/// month's statements carried, by institution. Never edited once released.
enum DayUsageMigration {
    static let name = "day-usage-and-adjustments"

    static let sql: String = {
        let days = 1...7
        let columns = days.map { "ALTER TABLE person_weeks ADD COLUMN allowed_\($0) BIGINT NOT NULL DEFAULT 0;" }.joined(separator: "\n")
        // A log's day number is its start minute / 1440; its week (days + 3) / 7 and its weekday (days + 3) % 7, Monday 0.
        let sums = days.map { "SUM(CASE WHEN (start / 1440 + 3) % 7 = \($0 - 1) THEN allowed ELSE 0 END) AS a\($0)" }.joined(separator: ", ")
        let sets = days.map { "allowed_\($0) = d.a\($0)" }.joined(separator: ", ")
        return """
            \(columns)
            UPDATE person_weeks SET \(sets)
            FROM (SELECT person, (start / 1440 + 3) / 7 AS week, \(sums)
                  FROM service_logs WHERE status = 'accepted' GROUP BY person, (start / 1440 + 3) / 7) AS d
            WHERE person_weeks.person = d.person AND person_weeks.week = d.week;
            CREATE INDEX settlement_adjustments_by_month ON settlement_adjustments(settled_month, institution, id);
            """
    }()
}
