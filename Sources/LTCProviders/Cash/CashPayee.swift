import LTCCases
import LTCCore

/// Who receives a case's cash benefits: the beneficiary, or a family carer
/// registered for them (亲情照护: the carer is paid), with the bank account
/// paid into. An account is shown masked (its last four characters); where
/// the scheme requires it, a carer must have a training record.
///
/// ```swift
/// let carer = CashPayee(caseID: 7, kind: .carer, name: "陈小妹", nationalID: id, account: "6222020200112233",
///                       trainedOn: CalendarDate("2026-02-20"), registeredOn: CalendarDate("2026-03-01")!)
/// carer.maskedAccount   // "************2233"
/// ```
public struct CashPayee: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        case beneficiary, carer
    }

    public var caseID: Int
    public var kind: Kind
    /// The carer's name (the beneficiary's is the person's).
    public var name: String?
    public var nationalID: NationalID?
    public var account: String?
    /// When the carer completed the training the scheme asks for.
    public var trainedOn: CalendarDate?
    public var registeredOn: CalendarDate

    public init(caseID: Int, kind: Kind, name: String?, nationalID: NationalID?, account: String?, trainedOn: CalendarDate?,
                registeredOn: CalendarDate) {
        self.caseID = caseID
        self.kind = kind
        self.name = name
        self.nationalID = nationalID
        self.account = account
        self.trainedOn = trainedOn
        self.registeredOn = registeredOn
    }

    /// The longest account number accepted.
    public static let accountLimit = 34

    public var maskedAccount: String? { account.map(Self.mask) }

    /// All but the last four characters hidden.
    public static func mask(_ account: String) -> String {
        String(repeating: "*", count: max(0, account.count - 4)) + account.suffix(4)
    }

    public var json: JSONValue {
        var object: JSONObject = ["case": .integer(caseID), "kind": .string(kind.rawValue)]
        if let name { object.set("name", .string(name)) }
        if let nationalID { object.set("nationalId", .string(nationalID.masked)) }
        object.set("account", maskedAccount.map { .string($0) } ?? .null)
        if let trainedOn { object.set("trainedOn", .string(trainedOn.description)) }
        object.set("registeredOn", .string(registeredOn.description))
        return .object(object)
    }
}
