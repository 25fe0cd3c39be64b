import Foundation
import LTCAssessment
import LTCCases
import LTCCore
import LTCOperations
import LTCProviders
import LTCStorage
import Testing

@Suite("Credentials: issued, listed and revoked as processes; a token shown once and never stored; what a server will call")
struct CredentialCommandTests {
    let scratch = Scratch()

    /// A demo city on a new database.
    func demo(_ name: String) throws -> String {
        let db = scratch.database(name)
        let run = try ltc(["demo", "--db", db])
        try #require(run.status == 0, "\(run.stderr)")
        return db
    }

    /// `ltc ARGS --db DB --actor ACTOR`.
    func run(_ arguments: [String], _ db: String, as actor: String = "administrator:demo") throws -> Run {
        try ltc(arguments + ["--db", db, "--actor", actor])
    }

    @Test("credential issue prints the token once, on its last line; credential list never shows it or its hash; revoke is final")
    func issueListRevoke() throws {
        let db = try demo("credentials")
        let issued = try run(["credential", "issue", "--for", "institution:I001", "--expires", "2027-06-30", "--note", "I001's care system"], db)
        #expect(issued.status == 0, "\(issued.stderr)")
        let token = String(issued.stdout.split(separator: "\n").last ?? "")
        let read = try #require(CredentialToken(token), "\(issued.stdout)")
        #expect(read.credential.description == "C1" && issued.stdout.contains("issued credential C1 for institution:I001, working through 2027-06-30"))
        let second = try JSONParser.parse(try run(["credential", "issue", "--for", "assessor:A1", "--json"], db).stdout)
        #expect(second["id"] == "C2" && second["actor"] == "assessor:A1" && second["expires"] == .null && second["revoked"] == .null)
        let secondToken = try #require(second["token"]?.stringValue.flatMap(CredentialToken.init))

        let secrets = [token, secondToken.text].map { String($0.suffix(64)) }
        let hashes = [read.secretHash, secondToken.secretHash]
        for format in [[], ["--json"]] {
            let list = try run(["credential", "list"] + format, db)
            #expect(list.status == 0 && list.stdout.contains("C1") && list.stdout.contains("C2"))
            for secret in secrets + hashes { #expect(!list.stdout.contains(secret), "credential list \(format) shows a secret or hash") }
        }
        let listed = try JSONParser.parse(try run(["credential", "list", "--for", "institution:I001", "--json"], db).stdout)
        #expect(listed["credentials"]?.arrayValue?.map { $0["id"] } == ["C1"] && listed["credentials"]?.arrayValue?.first?["token"] == nil)

        // What is stored is the hash of the secret: never the token, anywhere in the database.
        let store = try StoreLocation(db).open()
        let stored = try (store as any ProviderStore).read { tx in try tx.credentials.credential(id: read.credential) }
        #expect(stored?.secretHash == read.secretHash)
        if !db.hasPrefix("postgresql:") {
            let files = try ["", "-wal"].compactMap { FileManager.default.fileExists(atPath: db + $0) ? try Data(contentsOf: URL(fileURLWithPath: db + $0)) : nil }
            for secret in secrets { #expect(!files.contains { $0.range(of: Data(secret.utf8)) != nil }, "the database holds a token") }
        }

        let revoked = try run(["credential", "revoke", "C1", "--reason", "the care system was replaced"], db)
        #expect(revoked.status == 0 && revoked.stdout.contains("credential C1 for institution:I001 revoked at "), "\(revoked.stderr)")
        let again = try run(["credential", "revoke", "C1"], db)
        #expect(again.status == 65 && again.stderr.contains("a revocation is final"))
        let after = try JSONParser.parse(try run(["credential", "list", "--json"], db).stdout)
        let credentials = after["credentials"]?.arrayValue ?? []
        #expect(credentials.count == 2 && credentials.first?["revoked"]?["by"] == "administrator:demo" && credentials.last?["revoked"] == .null)
    }

    @Test("Only an administrator issues, lists or revokes; an actor not registered gets no credential")
    func administratorsOnly() throws {
        let db = try demo("credential-access")
        try #require(try run(["staff", "add", "audit1", "--role", "auditor"], db).status == 0)
        for (arguments, actor) in [(["credential", "list"], "auditor:audit1"), (["credential", "issue", "--for", "institution:I001"], "institution:I001"),
                                   (["credential", "revoke", "C1"], "assessor:A1")] {
            let refused = try run(arguments, db, as: actor)
            #expect(refused.status == 77, "\(arguments) as \(actor): \(refused.stderr)")
        }
        let nobody = try run(["credential", "issue", "--for", "institution:I404"], db)
        #expect(nobody.status == 65 && nobody.stderr.contains("no credential for institution:I404"))
    }

    @Test("What a server does: a token lets its actor in through the catalogue, pinned, every audit event naming the credential; a revoked, wrong or deactivated-actor token is the same nil")
    func serverPath() throws {
        let db = try demo("credential-server")
        func token(for actor: String) throws -> String {
            String(try run(["credential", "issue", "--for", actor], db).stdout.split(separator: "\n").last ?? "")
        }
        let i001 = try token(for: "institution:I001"), revoked = try token(for: "institution:I001"), a2 = try token(for: "assessor:A2")
        try #require(try run(["credential", "revoke", "C2"], db).status == 0)
        try #require(try run(["assessor", "deactivate", "A2", "--from", "2026-01-01", "--reason", "left the agency"], db).status == 0)

        let forms = try FormCatalog.load()
        let environment = OperationEnvironment(forms: forms) { StoreServices(store: try StoreLocation(db).open(), forms: forms, clock: SystemClock()) }
        let credentials = try environment.services().credentials
        var wrong = Array(i001)
        wrong[wrong.count - 1] = wrong.last == "0" ? "1" : "0"
        for presented in [revoked, a2, String(wrong), "", "Bearer " + i001] { #expect(try credentials.authenticate(presented) == nil) }

        let actor = try #require(try credentials.authenticate(i001))
        #expect(actor.description == "institution:I001" && actor.credential?.description == "C1")
        let register = try #require(OperationCatalogue.standard().entry(named: "caregiver.register"))
        let params: JSONObject = ["institution": "I001", "id": "C9", "name": "护理员九", "qualifications": ["caregiver"], "from": "2026-12-01"]
        _ = try register.invoke(params, caller: .credential(actor), in: environment)
        var elsewhere = params
        elsewhere.set("institution", "I002")
        #expect(throws: CaseError.self) { try register.invoke(elsewhere, caller: .credential(actor), in: environment) }
        var asAdministrator = params
        asAdministrator.set("actor", "administrator:demo")
        let pinned = #expect(throws: CaseError.self) { try register.invoke(asAdministrator, caller: .credential(actor), in: environment) }
        #expect(pinned?.message.contains("(credential C1)") == true)

        let store = try StoreLocation(db).open()
        let events = try (store as any ProviderStore).read { tx in
            try tx.audit.events(subject: "caregiver:I001/C9") + tx.audit.events(subject: "caregiver:I002/C9")
        }
        #expect(events.map(\.outcome) == [.done, .refused] && events.allSatisfy { $0.credential == "C1" })
        let demoEvents = try (store as any ProviderStore).read { tx in try tx.audit.events(subject: "caregiver:I001/C1") }
        #expect(!demoEvents.isEmpty && demoEvents.allSatisfy { $0.credential == nil })
    }
}
