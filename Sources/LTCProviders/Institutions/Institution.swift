import LTCCases
import LTCCore

/// A care institution known to the scheme, designated or not: what it is,
/// which kinds of service it can give, and how to reach it.
///
/// ```swift
/// let home = Institution(id: "I001", name: "阳光护理院", type: .nursingHome, licence: "91310000MA1K…",
///                        deliveries: [.institution], capacity: 120, address: "…", district: "静安", contact: "021-…")
/// ```
public struct Institution: Sendable, Equatable {
    /// 《长期护理保险护理服务机构定点管理办法（试行）》: elderly-care institutions,
    /// medical institutions, and other bodies with care in their business scope;
    /// and the designated assessment agencies (评估机构) of the 2023 draft
    /// assessment rules, which sign agreements too but give no care.
    public enum Kind: String, Sendable, CaseIterable {
        case nursingHome, homeCare, medicalCare, community, assessmentAgency
    }

    /// The kinds of service an institution can give.
    public enum Delivery: String, Sendable, CaseIterable {
        case home, family, community, institution, medical
    }

    public var id: String
    public var name: String
    public var type: Kind
    /// The business licence or institution registration code.
    public var licence: String
    /// The kinds of service it can give (``Delivery``: home, family, community, institution, medical).
    public var deliveries: [String]
    /// Beds or clients it can serve at once.
    public var capacity: Int
    public var address: String
    public var district: String
    public var contact: String
    /// The legal representative or principal (法定代表人/主要负责人), by
    /// national ID: a person barred from LTCI work may not be one (``PersonBar``).
    public var principal: NationalID?

    public init(id: String, name: String, type: Kind, licence: String, deliveries: [String], capacity: Int,
                address: String, district: String, contact: String) {
        self.id = id
        self.name = name
        self.type = type
        self.licence = licence
        self.deliveries = deliveries
        self.capacity = capacity
        self.address = address
        self.district = district
        self.contact = contact
    }

    /// As shown: the principal's national ID masked.
    public var json: JSONValue { encoded(principal: principal?.masked) }

    /// As stored: the principal's national ID in full, to match bars against.
    public var document: JSONValue { encoded(principal: principal?.value) }

    private func encoded(principal: String?) -> JSONValue {
        var object: JSONObject = [
            "id": .string(id), "name": .string(name), "type": .string(type.rawValue), "licence": .string(licence),
            "deliveries": .array(deliveries.map { .string($0) }), "capacity": .integer(capacity),
            "address": .string(address), "district": .string(district), "contact": .string(contact),
        ]
        if let principal { object.set("principalId", .string(principal)) }
        return .object(object)
    }

    /// Reads an institution from JSON, reporting each problem to `log`.
    public static func read(_ fields: JSONFields) -> Institution? {
        let id = fields.nonEmptyString("id")
        let name = fields.nonEmptyString("name")
        let typeText = fields.string("type")
        let type = typeText.flatMap(Kind.init(rawValue:))
        if let typeText, type == nil {
            fields.log.report(fields.path.appending("type"), "unknown type '\(typeText)'; accepted: \(Kind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let licence = fields.nonEmptyString("licence")
        let deliveries = fields.array("deliveries")?.compactMap { value, path -> String? in
            guard let text = value.stringValue, Delivery(rawValue: text) != nil else {
                fields.log.report(path, "expected one of \(Delivery.allCases.map(\.rawValue).joined(separator: ", ")), found \(value)")
                return nil
            }
            return text
        }
        let capacity = fields.int("capacity")
        if let capacity, capacity < 0 { fields.log.report(fields.path.appending("capacity"), "must not be negative") }
        let address = fields.nonEmptyString("address")
        let district = fields.nonEmptyString("district")
        let contact = fields.nonEmptyString("contact")
        if let id, !id.unicodeScalars.allSatisfy({ ("A"..."Z").contains($0) || ("a"..."z").contains($0) || ("0"..."9").contains($0) || "-_".unicodeScalars.contains($0) }) {
            fields.log.report(fields.path.appending("id"), "'\(id)' may hold letters, digits, '-' and '_' only")
        }
        var principal: NationalID?
        if fields.has("principalId"), let text = fields.string("principalId") {
            do { principal = try NationalID(text) } catch { fields.log.report(fields.path.appending("principalId"), error.message) }
        }
        guard let id, let name, let type, let licence, let deliveries, let capacity, let address, let district, let contact else { return nil }
        var institution = Institution(id: id, name: name, type: type, licence: licence, deliveries: deliveries, capacity: capacity,
                                      address: address, district: district, contact: contact)
        institution.principal = principal
        return institution
    }

    public static let fields = ["id", "name", "type", "licence", "deliveries", "capacity", "address", "district", "contact", "principalId"]
}
