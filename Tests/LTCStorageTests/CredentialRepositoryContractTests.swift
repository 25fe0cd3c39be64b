import LTCCases
import LTCCore
import LTCProviders
import LTCTestSupport
import Testing

/// What every engine's credentials, and the credential of an audit event, must do.
@Suite("The credential repository keeps its contract")
struct CredentialRepositoryContractTests {
    static let wang = try! Actor("administrator:wang")

    static func credential(_ actor: String, hash: String = String(repeating: "ab", count: 32), expires: String? = nil) throws -> Credential {
        Credential(id: CredentialID(number: 0), actor: try Actor(actor), secretHash: hash, createdAt: "2026-12-07T01:00:00Z", createdBy: wang,
                   expires: expires.map(day), note: "a system")
    }

    @Test("a credential is found by id and listed by id or by actor; only its last use moves, and its revocation once", arguments: TestStore.Engine.available)
    func credentials(engine: TestStore.Engine) throws {
        let world = try ContractWorld(engine)
        let ids = try world.write { tx throws in
            [try tx.credentials.insert(try Self.credential("institution:I-A", expires: "2027-06-30")),
             try tx.credentials.insert(try Self.credential("assessor:A1")),
             try tx.credentials.insert(try Self.credential("institution:I-A"))]
        }
        #expect(ids.map(\.description) == ["C1", "C2", "C3"])
        try world.read { tx throws in
            var expected = try Self.credential("institution:I-A", expires: "2027-06-30")
            expected.id = ids[0]
            #expect(try tx.credentials.credential(id: ids[0]) == expected)
            #expect(try tx.credentials.credential(id: CredentialID(number: 9)) == nil)
            let first = try tx.credentials.list(actor: nil, page: try page(limit: 2))
            #expect(first.items.map(\.id) == Array(ids.prefix(2)) && first.next == ids[1])
            #expect(try tx.credentials.list(actor: nil, page: try page(after: first.next, limit: 2)).items.map(\.id) == [ids[2]])
            #expect(try tx.credentials.list(actor: try Actor("institution:I-A"), page: try page(limit: 5)).items.map(\.id) == [ids[0], ids[2]])
            #expect(try tx.credentials.list(actor: try Actor("institution:I-B"), page: try page(limit: 5)).items.isEmpty)
        }
        try world.write { tx throws in
            try tx.credentials.recordUse(ids[0], at: "2026-12-07T01:00:00Z", unlessUsedAfter: "2026-12-07T00:59:00Z")
            try tx.credentials.recordUse(ids[0], at: "2026-12-07T01:00:30Z", unlessUsedAfter: "2026-12-06T00:59:30Z")
            try tx.credentials.revoke(ids[1], Credential.Revocation(at: "2026-12-07T02:00:00Z", by: Self.wang))
            // Revoked already: the first revocation stands.
            try tx.credentials.revoke(ids[1], Credential.Revocation(at: "2026-12-08T02:00:00Z", by: try Actor("administrator:li")))
            try tx.credentials.recordUse(ids[1], at: "2026-12-07T03:00:00Z", unlessUsedAfter: "2026-12-07T02:59:00Z")
        }
        try world.read { tx throws in
            #expect(try tx.credentials.credential(id: ids[0])?.lastUsedAt == "2026-12-07T01:00:00Z")
            let revoked = try tx.credentials.credential(id: ids[1])
            #expect(revoked?.revoked == Credential.Revocation(at: "2026-12-07T02:00:00Z", by: Self.wang) && revoked?.lastUsedAt == "2026-12-07T03:00:00Z")
        }
        for sql in ["UPDATE credentials SET secret_hash = 'x'", "UPDATE credentials SET actor = 'administrator:wang'",
                    "UPDATE credentials SET expires = '2099-12-31'", "UPDATE credentials SET revoked_at = NULL, revoked_by = NULL WHERE id = 2",
                    "DELETE FROM credentials WHERE id = 2"] {
            #expect(throws: (any Error).self, "\(sql)") { try world.raw(sql) }
        }
        try world.raw("UPDATE credentials SET revoked_at = '2026-12-09T00:00:00Z', revoked_by = 'administrator:wang' WHERE id = 3")
    }

    @Test("an audit event keeps the credential its request came with, and one without reads back without", arguments: TestStore.Engine.available)
    func auditCredential(engine: TestStore.Engine) throws {
        let world = try ContractWorld(engine)
        var presented = Contract.event(subject: "caregiver:I-A/C9", action: "caregiver.register")
        presented.credential = "C12"
        try world.write { tx throws in
            try tx.audit.append(presented)
            try tx.audit.append(Contract.event(subject: "caregiver:I-A/C9", action: "caregiver.register", outcome: .refused))
        }
        let events = try world.read { tx throws in try tx.audit.events(subject: "caregiver:I-A/C9") }
        #expect(events.map(\.credential) == ["C12", nil])
    }
}
