import LTCCore

/// A person in the assessor registry (评估人员).
public struct Assessor: Sendable, Equatable {
    /// What qualifies an assessor for the professional seat of a team.
    public enum Qualification: String, Sendable, CaseIterable {
        /// Physician or nurse.
        case medical
        /// Certified care professional.
        case care
        /// Agency staff and others.
        case none

        public var isProfessional: Bool { self != .none }
    }

    public var id: String
    public var name: String
    public var qualification: Qualification
    /// The care institution that employs the assessor, if any: they may not assess its clients.
    public var employer: String?
    public var active: Bool
    /// The assessment agency (评估机构) the assessor works for, if recorded: a draw may take its pool only.
    public var agency: String? = nil
    /// The last day the assessor's certificate is valid, if it expires: after it they may not be assigned or assess.
    public var certificateUntil: CalendarDate? = nil
    /// In the expert pool (评估专家库) that decides objections (the scheme's `reviewExperts`).
    public var expert = false

    public init(id: String, name: String, qualification: Qualification, employer: String?, active: Bool = true) {
        self.id = id
        self.name = name
        self.qualification = qualification
        self.employer = employer
        self.active = active
    }

    /// Whether the certificate is valid on `day` (always, where none expires).
    public func isCertified(on day: CalendarDate) -> Bool {
        certificateUntil.map { day <= $0 } ?? true
    }

    public var json: JSONValue {
        var object: JSONObject = [
            "id": .string(id), "name": .string(name), "qualification": .string(qualification.rawValue),
            "employer": employer.map { .string($0) } ?? .null, "active": .bool(active),
        ]
        if let agency { object.set("agency", .string(agency)) }
        if let certificateUntil { object.set("certificateUntil", .string(certificateUntil.description)) }
        if expert { object.set("expert", .bool(true)) }
        return .object(object)
    }
}
