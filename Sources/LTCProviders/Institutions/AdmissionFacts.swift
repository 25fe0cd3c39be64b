import LTCCore
import LTCSchemes

/// What a provider declares when it applies for an agreement, for the
/// admission criteria of the scheme (``AdmissionSettings``) to be checked at review.
///
/// ```swift
/// let facts = AdmissionFacts(legalPerson: true, caregivers: 20, qualifiedCaregivers: 14, administrators: 1, beds: 0, pledgedClean: true)
/// ```
public struct AdmissionFacts: Sendable, Equatable {
    /// An independent legal person (独立法人).
    public var legalPerson: Bool
    public var caregivers: Int
    /// Of them, those holding a qualification (长期照护师 and the like).
    public var qualifiedCaregivers: Int
    /// Staff who administer LTCI.
    public var administrators: Int
    /// Long-term care beds.
    public var beds: Int
    /// The pledge of no violations in the scheme's clean years.
    public var pledgedClean: Bool

    public init(legalPerson: Bool, caregivers: Int, qualifiedCaregivers: Int, administrators: Int, beds: Int, pledgedClean: Bool) {
        self.legalPerson = legalPerson
        self.caregivers = caregivers
        self.qualifiedCaregivers = qualifiedCaregivers
        self.administrators = administrators
        self.beds = beds
        self.pledgedClean = pledgedClean
    }

    public var json: JSONValue {
        ["legalPerson": .bool(legalPerson), "caregivers": .integer(caregivers), "qualifiedCaregivers": .integer(qualifiedCaregivers),
         "administrators": .integer(administrators), "beds": .integer(beds), "pledgedClean": .bool(pledgedClean)]
    }

    public init?(json: JSONValue) {
        guard let legal = json["legalPerson"]?.boolValue, let caregivers = json["caregivers"]?.intValue,
              let qualified = json["qualifiedCaregivers"]?.intValue, let administrators = json["administrators"]?.intValue,
              let beds = json["beds"]?.intValue, let pledge = json["pledgedClean"]?.boolValue,
              caregivers >= 0, (0...caregivers).contains(qualified), administrators >= 0, beds >= 0 else { return nil }
        self.init(legalPerson: legal, caregivers: caregivers, qualifiedCaregivers: qualified, administrators: administrators, beds: beds, pledgedClean: pledge)
    }

    /// Each criterion the facts fail, said in words; empty when admitted.
    /// `institutional`: whether the agreement covers a mode delivered in an institution.
    public func failures(of rules: AdmissionSettings, institutional: Bool, violationsInCleanYears: Int) -> [String] {
        var failures: [String] = []
        if !legalPerson { failures.append("not an independent legal person") }
        let needed = rules.qualifiedCaregiverShare.apply(to: Money(fen: caregivers * 100)).fen
        if caregivers == 0 || qualifiedCaregivers * 100 < needed {
            failures.append("\(qualifiedCaregivers) of \(caregivers) caregivers qualified; at least \(rules.qualifiedCaregiverShare) needed")
        }
        if administrators < rules.minimumAdministrators {
            failures.append("\(administrators) LTCI administrators; at least \(rules.minimumAdministrators) needed")
        }
        if institutional && beds < rules.minimumBedsForInstitutionalCare {
            failures.append("\(beds) care beds for institutional care; at least \(rules.minimumBedsForInstitutionalCare) needed")
        }
        if !pledgedClean { failures.append("no pledge of \(rules.cleanYears) years without violations") }
        if violationsInCleanYears > 0 { failures.append("\(violationsInCleanYears) violation(s) recorded in the last \(rules.cleanYears) years") }
        return failures
    }
}
