/// The migration that chains the audit trail (``AuditChain`` in LTCCases):
/// `event_chain` holds one link per event, in the order events were
/// chained (`position`), with the hash of the event before and its own;
/// `event_queue` holds the events recorded and not chained yet. A link is
/// never changed or removed, as an event is not. The events already stored
/// are queued and chained by the migration, oldest first. Never edited
/// once released.
enum AuditChainMigration {
    static let name = "audit-chain"

    static func tables(integer: String) -> String {
        """
        CREATE TABLE event_chain (
            position \(integer) PRIMARY KEY,
            seq \(integer) NOT NULL UNIQUE,
            previous TEXT NOT NULL,
            hash TEXT NOT NULL
        );
        CREATE TABLE event_queue (
            seq \(integer) PRIMARY KEY
        );
        INSERT INTO event_queue (seq) SELECT seq FROM events;
        """
    }

    static let sqlite = tables(integer: "INTEGER") + """
        CREATE TRIGGER event_chain_is_append_only_update BEFORE UPDATE ON event_chain
            BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
        CREATE TRIGGER event_chain_is_append_only_delete BEFORE DELETE ON event_chain
            BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
        """

    static let postgresql = tables(integer: "BIGINT") + """
        CREATE TRIGGER event_chain_is_append_only BEFORE UPDATE OR DELETE ON event_chain
            FOR EACH ROW EXECUTE FUNCTION ltc_refuse('the audit trail is append-only');
        CREATE TRIGGER event_chain_is_not_truncated BEFORE TRUNCATE ON event_chain
            FOR EACH STATEMENT EXECUTE FUNCTION ltc_refuse('the audit trail is append-only');
        """
}
