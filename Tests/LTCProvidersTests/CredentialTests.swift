import LTCCases
import LTCCore
import LTCProviders
import LTCTestSupport
import Testing

@Suite("Credentials: a token shown once, kept as a hash, and one answer for every token that does not let its caller in")
struct CredentialTests {
    let world: ProviderWorld
    /// Credentials on 7 December 2026, 09:00 in Shanghai.
    let credentials: CredentialService

    init() throws {
        world = try DeactivationTests.world()
        credentials = CredentialService(store: world.scratch.store, clock: clock("2026-12-07T01:00:00Z"))
    }

    /// The credential service at another instant (UTC).
    func at(_ instant: String) -> CredentialService { CredentialService(store: world.scratch.store, clock: clock(instant)) }

    @Test("The token is ltc_<id>_ and 256 random bits in hex; ltc keeps the SHA-256 of the secret, and no list or record shows token or hash")
    func shownOnce() throws {
        let issued = try credentials.issue(for: try Actor("institution:I001"), expires: day("2027-06-30"), note: "I001's care system", actor: admin, asOf: nil)
        let token = issued.token.text
        #expect(token.hasPrefix("ltc_C1_") && token.count == "ltc_C1_".count + 64)
        let secret = String(token.dropFirst("ltc_C1_".count))
        #expect(secret.allSatisfy { $0.isHexDigit && !$0.isUppercase })
        let stored = try #require(try world.scratch.store.read { try $0.credentials.credential(id: CredentialID(number: 1)) })
        #expect(stored == issued.credential)
        #expect(stored.secretHash == issued.token.secretHash && stored.secretHash.count == 64 && !stored.secretHash.contains(secret))
        #expect(stored.actor.description == "institution:I001" && stored.createdBy == admin && stored.createdAt == "2026-12-07T01:00:00Z")
        #expect(stored.expires == day("2027-06-30") && stored.note == "I001's care system" && stored.lastUsedAt == nil && stored.revoked == nil)
        // Never shown again: not by the list, not in the audit trail, not by printing the token itself.
        let listed = try credentials.list(for: nil, actor: admin, page: try PageRequest())
        let shown = JSONWriter.string(.array(listed.items.map(\.json)))
        #expect(!shown.contains(secret) && !shown.contains(stored.secretHash))
        let events = try world.scratch.store.read { try $0.audit.events(subject: "credential:C1") }
        #expect(events.map(\.action) == ["credential.issue"])
        #expect(!JSONWriter.string(.array(events.map(\.json))).contains(secret) && !JSONWriter.string(.array(events.map(\.json))).contains(stored.secretHash))
        #expect("\(issued.token)" == "ltc_C1_…")
        // Every token is new.
        let second = try credentials.issue(for: try Actor("institution:I001"), expires: nil, note: nil, actor: admin, asOf: nil)
        #expect(second.credential.id == CredentialID(number: 2) && second.token.text.dropFirst(7) != token.dropFirst(7))
    }

    @Test("A good token lets its actor in, carrying the credential's id for the audit trail")
    func letsIn() throws {
        let issued = try credentials.issue(for: try Actor("institution:I001"), expires: nil, note: nil, actor: admin, asOf: nil)
        let actor = try #require(try credentials.authenticate(issued.token.text))
        #expect(actor == (try Actor("institution:I001")) && actor.credential == issued.credential.id)
        // What the actor then does is audited under the credential.
        _ = try world.agreements.register(Caregiver(id: "C9", name: "护理员C9", institution: "I001", qualifications: ["caregiver"],
                                                    employment: [DatePeriod(from: day("2026-12-01"), to: nil)]),
                                          actor: actor, asOf: day("2026-12-07"))
        let event = try world.scratch.store.read { try $0.audit.events(subject: "caregiver:I001/C9") }.last
        #expect(event?.actor == "institution:I001" && event?.credential == "C1" && event?.json["credential"] == "C1")
        // An event of the command line names none, and its JSON reads as it always has.
        let plain = try world.scratch.store.read { try $0.audit.events(subject: "caregiver:I001/C1") }.last
        #expect(plain?.credential == nil && plain?.json["credential"] == nil)
    }

    @Test("A malformed, unknown, wrong, revoked or expired token, or one whose actor is deactivated, all get the same nil")
    func oneAnswer() throws {
        let i001 = try Actor("institution:I001")
        let good = try credentials.issue(for: i001, expires: nil, note: nil, actor: admin, asOf: nil).token.text
        let revoked = try credentials.issue(for: i001, expires: nil, note: nil, actor: admin, asOf: nil)
        _ = try credentials.revoke(revoked.credential.id, reason: "replaced", actor: admin, asOf: nil)
        let expiring = try credentials.issue(for: i001, expires: day("2026-12-07"), note: nil, actor: admin, asOf: nil).token.text
        let assessor = try credentials.issue(for: try Actor("assessor:A2"), expires: nil, note: nil, actor: admin, asOf: nil).token.text
        _ = try ActorRegistration(store: world.scratch.store, clock: clock("2026-12-07T01:00:00Z"))
            .deactivate(.assessor, id: "A2", from: day("2026-12-08"), reason: "left", actor: admin, asOf: nil)
        var wrongSecret = Array(good)
        wrongSecret[wrongSecret.count - 1] = wrongSecret.last == "0" ? "1" : "0"

        // Today every good one works: the expiring one on its last day, the assessor's before its deactivation.
        for token in [good, expiring, assessor] { #expect(try credentials.authenticate(token) != nil) }
        let refused = ["", "Bearer " + good, good.uppercased(), good + "0", String(good.dropLast()), String(wrongSecret),
                       "ltc_C99_" + String(good.suffix(64)), "ltc_C01_" + String(good.suffix(64)), revoked.token.text,
                       String(repeating: "x", count: 10_000)]
        for token in refused { #expect(try credentials.authenticate(token) == nil, "\(token.prefix(20))") }
        // Tomorrow the expired and the deactivated are refused too, alike.
        let tomorrow = at("2026-12-08T01:00:00Z")
        #expect(try tomorrow.authenticate(good) != nil)
        #expect(try tomorrow.authenticate(expiring) == nil)
        #expect(try tomorrow.authenticate(assessor) == nil)
    }

    @Test("A credential's last day ends at midnight in the scheme's zone (Shanghai), not UTC: refused by the token, the certificate and the operation's own check; revoked is refused whatever its last day")
    func lastDayInShanghai() throws {
        let i001 = try Actor("institution:I001")
        let expiring = try credentials.issue(for: i001, expires: day("2026-12-07"), note: nil, actor: admin, asOf: nil)
        let revoked = try credentials.issue(for: i001, expires: day("2027-12-31"), note: nil, actor: admin, asOf: nil)
        _ = try credentials.revoke(revoked.credential.id, reason: "replaced", actor: admin, asOf: nil)
        // 23:59:59 on its last day in Shanghai (15:59:59 UTC), then 00:00 and 00:30 the next day there (still the 7th in UTC).
        for (instant, lets) in [("2026-12-07T15:59:59Z", true), ("2026-12-07T16:00:00Z", false), ("2026-12-07T16:30:00Z", false)] {
            #expect(try (at(instant).authenticate(expiring.token.text) != nil) == lets, "\(instant)")
            #expect(try (at(instant).authenticate(certified: expiring.credential.id) != nil) == lets, "\(instant)")
            let registration = ActorRegistration(store: world.scratch.store, clock: clock(instant))
            if lets {
                try registration.require(i001.presenting(expiring.credential.id))
            } else {
                #expect(throws: CaseError.self, "\(instant)") { try registration.require(i001.presenting(expiring.credential.id)) }
            }
            #expect(try at(instant).authenticate(revoked.token.text) == nil)
            #expect(throws: CaseError.self) { try registration.require(i001.presenting(revoked.credential.id)) }
        }
    }

    @Test("A credential a verified client certificate maps to lets its actor in without the secret, under the same checks otherwise")
    func certified() throws {
        let i001 = try Actor("institution:I001")
        let kept = try credentials.issue(for: i001, expires: nil, note: "client certificate CN=I001", actor: admin, asOf: nil)
        let revoked = try credentials.issue(for: i001, expires: nil, note: nil, actor: admin, asOf: nil)
        _ = try credentials.revoke(revoked.credential.id, reason: "certificate lost", actor: admin, asOf: nil)
        let expiring = try credentials.issue(for: i001, expires: day("2026-12-07"), note: nil, actor: admin, asOf: nil)
        let actor = try #require(try credentials.authenticate(certified: kept.credential.id))
        #expect(actor == i001 && actor.credential == kept.credential.id)
        #expect(try credentials.authenticate(certified: revoked.credential.id) == nil)
        #expect(try credentials.authenticate(certified: CredentialID(number: 99)) == nil)
        #expect(try credentials.authenticate(certified: expiring.credential.id) != nil)
        #expect(try at("2026-12-08T01:00:00Z").authenticate(certified: expiring.credential.id) == nil)
        _ = try ActorRegistration(store: world.scratch.store, clock: clock("2026-12-07T01:00:00Z"))
            .deactivate(.institution, id: "I001", from: day("2026-12-07"), reason: "closed", actor: admin, asOf: nil)
        #expect(try credentials.authenticate(certified: kept.credential.id) == nil)
    }

    @Test("A deactivated institution's credentials stop at once, though none was revoked")
    func deactivatedAtOnce() throws {
        let token = try credentials.issue(for: try Actor("institution:I001"), expires: nil, note: nil, actor: admin, asOf: nil).token.text
        #expect(try credentials.authenticate(token) != nil)
        _ = try ActorRegistration(store: world.scratch.store, clock: clock("2026-12-07T01:00:00Z"))
            .deactivate(.institution, id: "I001", from: day("2026-12-07"), reason: "closed", actor: admin, asOf: nil)
        #expect(try credentials.authenticate(token) == nil)
        #expect(try world.scratch.store.read { try $0.credentials.credential(id: CredentialID(number: 1)) }?.revoked == nil)
    }

    @Test("The last use is recorded at most once a minute")
    func lastUse() throws {
        let token = try credentials.issue(for: try Actor("institution:I001"), expires: nil, note: nil, actor: admin, asOf: nil).token.text
        func lastUsed() throws -> String? { try world.scratch.store.read { try $0.credentials.credential(id: CredentialID(number: 1)) }?.lastUsedAt }
        for (instant, recorded) in [("2026-12-07T01:00:00Z", "2026-12-07T01:00:00Z"), ("2026-12-07T01:00:30Z", "2026-12-07T01:00:00Z"),
                                    ("2026-12-07T01:00:59Z", "2026-12-07T01:00:00Z"), ("2026-12-07T01:01:00Z", "2026-12-07T01:01:00Z"),
                                    ("2026-12-07T01:05:00Z", "2026-12-07T01:05:00Z")] {
            #expect(try at(instant).authenticate(token) != nil)
            #expect(try lastUsed() == recorded, "at \(instant)")
        }
        // A wrong token records nothing.
        #expect(try at("2026-12-07T02:00:00Z").authenticate(String(token.dropLast()) + "x") == nil)
        #expect(try lastUsed() == "2026-12-07T01:05:00Z")
    }

    @Test("Only administrators issue, list and revoke; each refusal is audited")
    func administratorsOnly() throws {
        let issued = try credentials.issue(for: try Actor("institution:I001"), expires: nil, note: nil, actor: admin, asOf: nil)
        for text in ["auditor:zhao", "assessor:A1", "institution:I001"] {
            let actor = try Actor(text)
            #expect(throws: CaseError.self, "\(text)") { try credentials.issue(for: actor, expires: nil, note: nil, actor: actor, asOf: nil) }
            #expect(throws: CaseError.self, "\(text)") { try credentials.list(for: nil, actor: actor, page: try PageRequest()) }
            #expect(throws: CaseError.self, "\(text)") { try credentials.revoke(issued.credential.id, reason: nil, actor: actor, asOf: nil) }
        }
        let refusals = try world.scratch.store.read { try $0.audit.events(subject: "credential:C1") }.filter { $0.outcome == .refused }
        #expect(refusals.map(\.action) == ["credential.revoke", "credential.revoke", "credential.revoke"])
        #expect(try credentials.authenticate(issued.token.text) != nil)
    }

    @Test("No credential for an unregistered or deactivated actor, or one already expired; a revocation is final")
    func refusals() throws {
        let unregistered = #expect(throws: CaseError.self) {
            try credentials.issue(for: try Actor("institution:I404"), expires: nil, note: nil, actor: admin, asOf: nil)
        }
        #expect(unregistered?.reason == .invalidInput && unregistered?.message.hasPrefix("no credential for institution:I404: ") == true)
        _ = try ActorRegistration(store: world.scratch.store, clock: clock("2026-12-07T01:00:00Z"))
            .deactivate(.assessor, id: "A2", from: day("2026-12-01"), reason: "left", actor: admin, asOf: nil)
        #expect(throws: CaseError.self) { try credentials.issue(for: try Actor("assessor:A2"), expires: nil, note: nil, actor: admin, asOf: nil) }
        let expired = #expect(throws: CaseError.self) {
            try credentials.issue(for: try Actor("assessor:A1"), expires: day("2026-12-06"), note: nil, actor: admin, asOf: nil)
        }
        #expect(expired?.message == "expires 2026-12-06 is before 2026-12-07: a credential's last day is today or later")
        let issued = try credentials.issue(for: try Actor("assessor:A1"), expires: nil, note: nil, actor: admin, asOf: nil)
        let revoked = try credentials.revoke(issued.credential.id, reason: "lost", actor: admin, asOf: nil)
        #expect(revoked.revoked == Credential.Revocation(at: "2026-12-07T01:00:00Z", by: admin))
        let twice = #expect(throws: CaseError.self) { try credentials.revoke(issued.credential.id, reason: nil, actor: admin, asOf: nil) }
        #expect(twice?.reason == .duplicate)
        #expect(throws: CaseError.self) { try credentials.revoke(CredentialID(number: 99), reason: nil, actor: admin, asOf: nil) }
        let event = try world.scratch.store.read { try $0.audit.events(subject: "credential:\(issued.credential.id)") }
            .first { $0.action == "credential.revoke" && $0.outcome == .done }
        #expect(event?.reason == "lost")
    }

    @Test("A list is paged by id, and may be one actor's")
    func list() throws {
        for text in ["institution:I001", "assessor:A1", "institution:I001"] {
            _ = try credentials.issue(for: try Actor(text), expires: nil, note: nil, actor: admin, asOf: nil)
        }
        let first = try credentials.list(for: nil, actor: admin, page: try PageRequest(limit: 2))
        #expect(first.items.map(\.id.description) == ["C1", "C2"] && first.next == CredentialID(number: 2))
        #expect(try credentials.list(for: nil, actor: admin, page: try PageRequest(after: first.next, limit: 2)).items.map(\.id.description) == ["C3"])
        let i001 = try credentials.list(for: try Actor("institution:I001"), actor: admin, page: try PageRequest())
        #expect(i001.items.map(\.id.description) == ["C1", "C3"])
    }
}
