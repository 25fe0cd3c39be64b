import LTCCases
import LTCCore

/// Links the queued audit events into the chain (``AuditChain``), oldest
/// number first, each after the last link: its hash over the event as
/// stored and the hash before it. Whoever calls it must be the only one
/// chaining: SQLite's writer (one at a time, inside the write transaction
/// that recorded the event), or on PostgreSQL a transaction of its own,
/// after the write commits, holding the chain's advisory lock and reading
/// the latest links (READ COMMITTED): a SERIALIZABLE write that read the
/// chain's end would conflict with every other writer.
struct SQLAuditChain<Database: SQLConnection> {
    let database: Database

    /// Events chained per round: memory stays bounded when a migration chains a long trail.
    static var batch: Int { 500 }

    func seal() throws {
        var position = 0, previous = AuditChain.genesis
        if let tail = try database.query("SELECT position, hash FROM event_chain ORDER BY position DESC LIMIT 1", row: { row in
            (try RowReader(row, record: "audit chain").integer(0, "position"), try RowReader(row, record: "audit chain").text(1, "hash"))
        }).first {
            (position, previous) = tail
        }
        while true {
            let queued = try database.query("""
                SELECT q.seq, \(SQLAuditTrail<Database>.recordColumns("e")) FROM event_queue q LEFT JOIN events e ON e.seq = q.seq ORDER BY q.seq LIMIT ?
                """, [.integer(Self.batch)]) { row in
                (try RowReader(row, record: "audit queue").integer(0, "seq"), try SQLAuditTrail<Database>.record(row, from: 1))
            }
            guard !queued.isEmpty else { return }
            var links: [(position: Int, sequence: Int, previous: String, hash: String)] = []
            // An event gone before it was chained cannot be: it leaves the queue unchained.
            for case let (sequence, record?) in queued {
                let hash = AuditChain.hash(of: record, previous: previous)
                position += 1
                links.append((position, sequence, previous, hash))
                previous = hash
            }
            try database.runRows("INSERT INTO event_chain (position, seq, previous, hash) VALUES (?, ?, ?, ?)", rows: links) { link, row in
                row.bind(1, link.position); row.bind(2, link.sequence); row.bind(3, link.previous); row.bind(4, link.hash)
            }
            try database.run("DELETE FROM event_queue WHERE \(Database.dialect.integerIn("seq"))", [.list(queued.map(\.0))])
            if queued.count < Self.batch { return }
        }
    }
}
