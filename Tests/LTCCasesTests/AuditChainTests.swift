import LTCCases
import LTCCore
import Testing

/// The hash an audit event is chained with is a contract: every chain
/// stored was made with it. Its bytes are pinned here, and the digest was
/// computed apart from ltc (Python's hashlib over the documented encoding).
@Suite("An audit event's hash is over a fixed encoding of what is stored")
struct AuditChainTests {
    let record = AuditRecord(sequence: 7, recordedAt: "2026-03-02T08:00:00Z", asOf: "2026-03-02", actor: "administrator:王", subject: "case:1",
                             action: "case.check", outcome: "done", reason: nil, before: #"{"state":"applied"}"#, after: #"{"state":"eligible"}"#,
                             credential: "C12")

    @Test("each column by name, its UTF-8 byte count first, none as a dash, after the previous hash")
    func encoding() {
        let text = String(decoding: AuditChain.encoding(of: record, previous: AuditChain.genesis), as: UTF8.self)
        #expect(text == """
            ltc-audit-event-1
            previous=\(String(repeating: "0", count: 64))
            seq=1:7
            recorded_at=20:2026-03-02T08:00:00Z
            as_of=10:2026-03-02
            actor=17:administrator:王
            subject=6:case:1
            action=10:case.check
            outcome=4:done
            reason=-
            before=19:{"state":"applied"}
            after=20:{"state":"eligible"}
            credential=3:C12

            """)
        #expect(AuditChain.hash(of: record, previous: AuditChain.genesis) == "e92cc8e0bdb826635ed43f4693f200acb01417c56171491811eb6a31c182d85b")
    }

    @Test("a column moved into another, emptied, or the previous hash changed, hashes otherwise")
    func sensitive() {
        let hash = AuditChain.hash(of: record, previous: AuditChain.genesis)
        var moved = record
        (moved.subject, moved.action) = ("case:1case.check", "")
        var emptied = record
        emptied.credential = ""
        #expect(Set([hash, AuditChain.hash(of: moved, previous: AuditChain.genesis), AuditChain.hash(of: emptied, previous: AuditChain.genesis),
                     AuditChain.hash(of: record, previous: hash)]).count == 4)
    }

    @Test("a head is its position and hash, read back as printed; anything else is not one",
          arguments: ["0:" + String(repeating: "a", count: 64), "1:" + String(repeating: "A", count: 64), "1:abc", "x:" + String(repeating: "a", count: 64), "1"])
    func head(text: String) {
        #expect(ChainHead(text) == nil)
        let head = ChainHead(position: 812, hash: String(repeating: "9f", count: 32))
        #expect(ChainHead(head.description) == head)
    }

    @Test("the walk takes links in order and names the first that does not follow")
    func walk() {
        func link(_ position: Int, _ sequence: Int, after previous: String) -> ChainLink {
            var stored = record
            stored.sequence = sequence
            return ChainLink(position: position, sequence: sequence, previous: previous, hash: AuditChain.hash(of: stored, previous: previous), record: stored)
        }
        let first = link(1, 1, after: AuditChain.genesis), second = link(2, 2, after: first.hash), third = link(3, 3, after: second.hash)
        var walk = ChainWalk()
        #expect(walk.check(first) == nil && walk.check(second) == nil && walk.check(third) == nil)
        #expect(walk.checked == 3 && walk.head == ChainHead(position: 3, hash: third.hash))

        var skipping = ChainWalk()
        _ = skipping.check(first)
        #expect(skipping.check(link(3, 3, after: second.hash))?.kind == .deleted)
        var forked = ChainWalk()
        _ = forked.check(first)
        #expect(forked.check(link(2, 3, after: "f" + String(repeating: "0", count: 63)))?.kind == .broken)
    }
}
