import LTCCases
import LTCCore

/// `case.evidence`: a file attached to the case's latest visit, kept by its SHA-256.
public enum AttachEvidence: StoreOperation {
    public static let name = "case.evidence"
    public static let summary = "Attach a photo, video or signature (its bytes, base64 in the params) to the case's latest visit, kept by its SHA-256."
    public static let discussion = "Administrators and the assessors of the visit attach evidence while it waits for its determination (assessed or reassessed). "
        + "The bytes come with the request, never as a path: base64 in file (8 MiB at most), the body of POST /cases/{id}/evidence over HTTP, or the command line's --file (a regular file). "
        + "They are kept in the evidence folder under their SHA-256: DB.evidence beside an SQLite file; for PostgreSQL, LTC_EVIDENCE_DIR."
    public static let command = "case evidence add"
    public static let access = AccessRule.record(roles: [.administrator, .assessor], rule: "administrators, and the assessors of the visit")
    public static let effect = OperationEffect.writes
    public static let result = "the evidence: {kind, sha256, bytes, name, assessment, addedBy, addedOn}"
    public static let example: JSONObject = ["actor": "assessor:A01", "case": 1, "file": "/9j/4AAQSkZJRgABAQ==", "kind": "photo", "name": "bedside.jpg"]

    public struct Input: Params {
        @Param("case", "The case id.") public var caseID: Int
        @Param("file", "The bytes, in base64 (at most 8 MiB; larger over HTTP).") public var file: EvidenceFile
        @Param("kind", "photo, video or signature.") public var kind: Evidence.Kind
        @Param("name", "A name for people (default: the file's, or evidence).", .text(.name)) public var name: String?
        public init() {}
    }

    public static func run(_ input: Input, _ context: StoreContext) throws -> EvidenceOutput {
        EvidenceOutput(caseID: input.caseID, evidence: try context.services.cases.attachEvidence(
            caseID: input.caseID, content: input.file.content, name: input.name ?? input.file.name, kind: input.kind, actor: context.actor,
            asOf: context.asOf))
    }
}

/// `case.evidenceList`: the case's evidence, each file read back and checked.
public enum ListEvidence: StoreOperation {
    public static let name = "case.evidenceList"
    public static let summary = "The case's evidence, each file read back and checked against its digest (intact, missing, altered)."
    public static let command = "case evidence list"
    public static let access = AccessRule.registered
    public static let effect = OperationEffect.reads
    public static let result = "{evidence: [{..., state}]}"
    public static let example: JSONObject = ["actor": "administrator:wang", "case": 1]

    public struct Input: Params {
        @Param("case", "The case id.") public var caseID: Int
        public init() {}
    }

    public static func run(_ input: Input, _ context: StoreContext) throws -> EvidenceListOutput {
        let items = try context.services.cases.evidence(caseID: input.caseID, actor: context.actor)
        return EvidenceListOutput(caseID: input.caseID, items: items.map { EvidenceListOutput.Item(evidence: $0.evidence, state: $0.state) })
    }
}

/// A piece of evidence just attached.
public struct EvidenceOutput: OperationOutput {
    public let caseID: Int
    public let evidence: Evidence
    public var json: JSONValue { evidence.json }
    public var text: String {
        "case \(caseID): \(evidence.kind.rawValue) \(evidence.name) attached to assessment \(evidence.assessmentID), sha256 \(evidence.digest)"
    }
    public static var schema: JSONSchema { RecordSchemas.evidence }
}

/// A case's evidence, each with what reading its file back found.
public struct EvidenceListOutput: OperationOutput {
    public struct Item: Sendable {
        public let evidence: Evidence
        public let state: Evidence.State
    }

    public let caseID: Int
    public let items: [Item]

    public var json: JSONValue { ["evidence": .array(items.map { $0.evidence.json(state: $0.state) })] }
    public var text: String {
        guard !items.isEmpty else { return "case \(caseID): no evidence" }
        var table = TextTable(rightAligned: [3])
        table.header([("KIND", "类型"), ("NAME", "文件"), ("ASSESSMENT", "评估"), ("BYTES", "大小"), ("SHA-256", "摘要"), ("STATE", "状态"),
                      ("ADDED BY", "添加人"), ("ON", "日期")])
        for item in items {
            let evidence = item.evidence
            table.append([evidence.kind.rawValue, evidence.name, String(evidence.assessmentID), String(evidence.bytes), String(evidence.digest.prefix(16)) + "…",
                          item.state.rawValue, evidence.addedBy, evidence.addedOn.description])
        }
        return table.rendered()
    }
    public static var schema: JSONSchema { .object(["evidence": .array(RecordSchemas.checkedEvidence)], required: ["evidence"]) }
}
