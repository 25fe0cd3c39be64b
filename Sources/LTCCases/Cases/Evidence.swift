import LTCCore

/// A file that shows an on-site visit took place as recorded: a photo, a
/// video, a signature (city practice adds video of the whole visit:
/// `../shared/domain/cn-ltc-2021.md`, procedure facts). The file stays
/// outside the database, in a folder ltc manages (``EvidenceVault``), under
/// its SHA-256 digest; the case keeps the digest, the size, who attached it
/// and when, so that a file changed or lost afterwards is found on read.
///
/// ```swift
/// let photo = Evidence(kind: .photo, digest: SHA256.hex(bytes), bytes: bytes.count, name: "bedside.jpg",
///                      assessmentID: 3, addedBy: "assessor:A01", addedOn: CalendarDate("2026-03-02")!)
/// ```
public struct Evidence: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        case photo, video, signature

        /// The kind named `text`; an error listing the kinds otherwise.
        public init(named text: String) throws(CaseError) {
            guard let kind = Kind(rawValue: text) else {
                throw CaseError(.invalidInput, "'\(text)' is not a kind of evidence; use \(Kind.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            self = kind
        }
    }

    /// What reading the file back found.
    public enum State: String, Sendable {
        /// Present, with the digest it was attached with.
        case intact
        /// Not in the folder.
        case missing
        /// Present, but its content is not what was attached.
        case altered
    }

    public var kind: Kind
    /// SHA-256 of the content, 64 hexadecimal digits: the file's name in the vault.
    public var digest: String
    public var bytes: Int
    /// The file's name as it was attached (for people; the vault names it by digest).
    public var name: String
    public var assessmentID: Int
    public var addedBy: String
    public var addedOn: CalendarDate

    public init(kind: Kind, digest: String, bytes: Int, name: String, assessmentID: Int, addedBy: String, addedOn: CalendarDate) {
        self.kind = kind
        self.digest = digest
        self.bytes = bytes
        self.name = name
        self.assessmentID = assessmentID
        self.addedBy = addedBy
        self.addedOn = addedOn
    }

    /// The most evidence one case keeps: a visit has a few photos, a video and signatures.
    public static let limitPerCase = 100
    /// The largest file accepted (a visit's video), in bytes: 512 MiB.
    public static let largestFile = 512 * 1024 * 1024

    public var json: JSONValue {
        [
            "kind": .string(kind.rawValue), "sha256": .string(digest), "bytes": .integer(bytes), "name": .string(name),
            "assessment": .integer(assessmentID), "addedBy": .string(addedBy), "addedOn": .string(addedOn.description),
        ]
    }

    /// The evidence with what reading its file back found (`state`).
    public func json(state: State) -> JSONValue {
        guard case .object(var fields) = json else { return json }
        fields.set("state", .string(state.rawValue))
        return .object(fields)
    }

    init?(json: JSONValue) {
        guard let kind = json["kind"]?.stringValue.flatMap(Kind.init(rawValue:)), let digest = json["sha256"]?.stringValue,
              let bytes = json["bytes"]?.intValue, let name = json["name"]?.stringValue, let assessment = json["assessment"]?.intValue,
              let by = json["addedBy"]?.stringValue, let on = json["addedOn"]?.stringValue.flatMap(CalendarDate.init) else { return nil }
        self.init(kind: kind, digest: digest, bytes: bytes, name: name, assessmentID: assessment, addedBy: by, addedOn: on)
    }
}
