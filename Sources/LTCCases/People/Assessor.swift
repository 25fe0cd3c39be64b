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

    public init(id: String, name: String, qualification: Qualification, employer: String?, active: Bool = true) {
        self.id = id
        self.name = name
        self.qualification = qualification
        self.employer = employer
        self.active = active
    }

    public var json: JSONValue {
        [
            "id": .string(id), "name": .string(name), "qualification": .string(qualification.rawValue),
            "employer": employer.map { .string($0) } ?? .null, "active": .bool(active),
        ]
    }
}
