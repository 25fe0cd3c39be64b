import LTCCases
import LTCCore
import LTCProviders

/// `credential.issue`: a credential for a registered actor, its token shown once.
public enum IssueCredential: StoreOperation {
    public static let name = "credential.issue"
    public static let summary = "Issue a credential for a registered actor: a random token (256 bits) shown once, in this result only."
    public static let discussion = "ltc keeps only the SHA-256 of the token's secret: a token lost cannot be shown again (revoke it and issue another). The token, ltc_<id>_<64 hex digits>, lets a network front door act as the actor; it stops working when revoked, after its last day, or once the actor is deactivated."
    public static let access = AccessRule.permission(.manageAccess)
    public static let effect = OperationEffect.writes
    public static let result = "the credential with its token: {id, actor, createdAt, createdBy, expires, note, lastUsedAt, revoked, token}"
    public static let example: JSONObject = ["actor": "administrator:wang", "for": "institution:I001", "expires": "2027-06-30", "note": "I001's care system"]

    public struct Input: Params {
        @Param("for", "The actor the credential acts as: a registered institution, assessor or staff member, not deactivated.")
        public var holder: Actor
        @Param("expires", "The last day it works; without it, until revoked.") public var expires: CalendarDate?
        @Param("note", "What it is for: the system that will hold it.", .text(.note)) public var note: String?
        public init() {}
    }

    public static func run(_ input: Input, _ context: StoreContext) throws -> IssuedCredentialOutput {
        IssuedCredentialOutput(issued: try context.services.credentials.issue(
            for: input.holder, expires: input.expires, note: input.note, actor: context.actor, asOf: context.asOf))
    }
}

/// `credential.list`: the credentials, a page at a time, never a token or a hash.
public enum ListCredentials: StoreOperation {
    public static let name = "credential.list"
    public static let summary = "The credentials, by id, a page at a time: never a token or its hash."
    public static let access = AccessRule.permission(.manageAccess)
    public static let effect = OperationEffect.reads
    public static let result = "{credentials: [{id, actor, createdAt, createdBy, expires, note, lastUsedAt, revoked}], next}"
    public static let example: JSONObject = ["actor": "administrator:wang"]

    public struct Input: Params {
        @Param("for", "Only this actor's credentials.") public var holder: Actor?
        @ParamGroup public var page: PageParams<CredentialID>
        public init() {}
    }

    public static func run(_ input: Input, _ context: StoreContext) throws -> Listing<Credential> {
        Listing(try context.services.credentials.list(for: input.holder, actor: context.actor, page: try input.page.request()))
    }
}

/// `credential.revoke`: a credential stops working, at once and for good.
public enum RevokeCredential: StoreOperation {
    public static let name = "credential.revoke"
    public static let summary = "Revoke a credential: no request gets in with it from now on. Final."
    public static let access = AccessRule.permission(.manageAccess)
    public static let effect = OperationEffect.writes
    public static let result = "the credential, revoked"
    public static let example: JSONObject = ["actor": "administrator:wang", "credential": "C1", "reason": "the care system was replaced"]

    public struct Input: Params {
        @Param("credential", "The credential's id, e.g. C12.") public var credential: CredentialID
        @Param("reason", "Why, for the audit trail.", .text(.note)) public var reason: String?
        public init() {}
    }

    public static func run(_ input: Input, _ context: StoreContext) throws -> CredentialOutput {
        CredentialOutput(credential: try context.services.credentials.revoke(input.credential, reason: input.reason, actor: context.actor,
                                                                             asOf: context.asOf))
    }
}

/// A credential's id as a param: `C12`.
extension CredentialID: ParamValue {
    public static var schema: JSONSchema { .string(maxLength: 19, pattern: "^C[1-9][0-9]{0,17}$") }

    public init(param value: JSONValue) throws(ParamProblems) {
        guard let text = value.stringValue else { throw .wrongType(expected: "string", found: value) }
        guard let id = CredentialID(text) else { throw .invalid("'\(text.prefix(40))' is not a credential id: C and its number, e.g. C12") }
        self = id
    }
}

/// A credential just issued: the one result that holds its token.
public struct IssuedCredentialOutput: OperationOutput {
    public let issued: IssuedCredential

    public var json: JSONValue {
        guard case .object(var object) = issued.credential.json else { return issued.credential.json }
        object.set("token", .string(issued.token.text))
        return .object(object)
    }

    /// The token on the last line, alone, so that `| tail -1` takes it.
    public var text: String {
        let credential = issued.credential
        return """
            issued credential \(credential.id) for \(credential.actor)\(credential.expires.map { ", working through \($0)" } ?? ", working until revoked")
            its token, shown this once (ltc keeps only its hash; keep it where the system that presents it can read it):
            \(issued.token.text)
            """
    }

    public static var schema: JSONSchema {
        RecordSchemas.credential(with: [("token", JSONSchema.string().describing("The token: shown in this result only, never again."))])
    }
}

/// A credential, as stored: never its token or hash.
public struct CredentialOutput: OperationOutput {
    public let credential: Credential
    public var json: JSONValue { credential.json }
    public var text: String {
        "credential \(credential.id) for \(credential.actor)" + (credential.revoked.map { " revoked at \($0.at) by \($0.by)" } ?? "")
    }
    public static var schema: JSONSchema { RecordSchemas.credential() }
}

extension Credential: Listable {
    public static let listName = "credentials"
    public static var itemSchema: JSONSchema { RecordSchemas.credential() }
    public static func cursorJSON(_ cursor: CredentialID) -> JSONValue { .string(cursor.description) }
    public var listJSON: JSONValue { json }

    public static func table(_ credentials: [Credential]) -> String {
        var table = TextTable()
        table.header([("ID", "编号"), ("FOR", "主体"), ("CREATED", "签发"), ("EXPIRES", "到期"), ("LAST USED", "最近使用"), ("REVOKED", "撤销"), ("NOTE", "备注")])
        for credential in credentials {
            table.append([credential.id.description, credential.actor.description, credential.createdAt, credential.expires?.description ?? "—",
                          credential.lastUsedAt ?? "—", credential.revoked?.at ?? "—", credential.note ?? ""])
        }
        return table.rendered()
    }
}
