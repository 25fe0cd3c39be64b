/// The migration that keeps a person's month of hours and visits in the
/// usage ledger (issue 29, item 9): `usage_months` gets the minutes of
/// hour-priced and the visits of visit-priced accepted services, so that a
/// benefit row's hours or visits a month (`hoursPerMonth`, `visitsPerMonth`)
/// are checked across institutions against the row the checks read anyway.
/// Open months are filled from the accepted logs already stored, each item
/// counted by its unit in the stored schemes' catalogues; settled months are
/// closed (their triggers refuse the change) and no log is checked against
/// their quantities again. Each engine reads the schemes' JSON in its own
/// dialect. Never edited once released.
enum MonthQuantityMigration {
    static let name = "month-quantities"

    /// The accepted logs of a `usage_months` row whose item is counted by `unit`, summed by `measure`.
    private static func sum(_ measure: String, unit: String, items: String, month: String) -> String {
        """
        COALESCE((SELECT \(measure) FROM service_logs l
                  WHERE l.status = 'accepted' AND l.person = usage_months.person AND \(month) = usage_months.month
                    AND l.grade = usage_months.grade AND l.mode = usage_months.mode
                    AND l.item IN (\(items.replacingOccurrences(of: "UNIT", with: unit)))), 0)
        """
    }

    /// `month`: the month of a log's start (a local minute), in the engine's SQL.
    private static func fill(items: String, month: String) -> String {
        """
        UPDATE usage_months SET minutes = \(sum("SUM(l.\"end\" - l.start)", unit: "hour", items: items, month: month)),
                                visits = \(sum("COUNT(*)", unit: "visit", items: items, month: month))
        WHERE month NOT IN (SELECT month FROM settlements);
        """
    }

    static let sqlite = """
        ALTER TABLE usage_months ADD COLUMN minutes INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE usage_months ADD COLUMN visits INTEGER NOT NULL DEFAULT 0;
        """ + fill(items: """
            SELECT json_extract(c.value, '$.code') FROM schemes s, json_each(s.document, '$.benefits.catalogue') c
            WHERE json_extract(c.value, '$.unit') = 'UNIT'
            """, month: "strftime('%Y-%m', l.start * 60, 'unixepoch')")

    static let postgresql = """
        ALTER TABLE usage_months ADD COLUMN minutes BIGINT NOT NULL DEFAULT 0, ADD COLUMN visits BIGINT NOT NULL DEFAULT 0;
        """ + fill(items: """
            SELECT c ->> 'code' FROM schemes s, jsonb_array_elements(COALESCE(s.document::jsonb -> 'benefits' -> 'catalogue', '[]'::jsonb)) c
            WHERE c ->> 'unit' = 'UNIT'
            """, month: "to_char(to_timestamp(l.start * 60) AT TIME ZONE 'UTC', 'YYYY-MM')")
}
