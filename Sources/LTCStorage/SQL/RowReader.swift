import LTCCore

/// Reads the columns of a row as a record's fields, and says which record
/// and which column when one does not read back (a damaged row).
///
/// ```swift
/// let reader = RowReader(row, record: "case")
/// let id = try reader.integer(0, "id")
/// let document = try reader.json(1, "document", of: "case \(id)")
/// ```
struct RowReader<Row: SQLRow> {
    let row: Row
    /// What the row is, e.g. `person`, `service log`.
    let record: String

    init(_ row: Row, record: String) {
        self.row = row
        self.record = record
    }

    func text(_ column: Int32, _ name: String) throws(StorageError) -> String {
        guard let text = row.text(column) else { throw StorageError.damaged(record, column: name, value: nil) }
        return text
    }

    func integer(_ column: Int32, _ name: String) throws(StorageError) -> Int {
        guard let number = row.integer(column) else { throw StorageError.damaged(record, column: name, value: row.text(column)) }
        return number
    }

    func optionalText(_ column: Int32) -> String? { row.text(column) }

    func optionalInteger(_ column: Int32) -> Int? { row.integer(column) }

    /// A column that must read as `T`, through `make`.
    func value<T>(_ column: Int32, _ name: String, _ make: (String) -> T?) throws(StorageError) -> T {
        let text = row.text(column)
        guard let text, let value = make(text) else { throw StorageError.damaged(record, column: name, value: text) }
        return value
    }

    /// A JSON document column read back as `T`; `key` names the record in the message.
    func document<T>(_ column: Int32, _ name: String = "document", key: String? = nil, _ make: (JSONValue) -> T?) throws(StorageError) -> T {
        let text = row.text(column)
        let what = key.map { "\(record) \($0)" } ?? record
        guard let text, let json = try? JSONParser.parse(text), let value = make(json) else {
            throw StorageError.damaged(what, column: name, value: text)
        }
        return value
    }
}
