import LTCCore
import LTCProviders
import LTCSchemes

// The providers' words and values as params: each is read, and refused, in
// one place, whether it comes from JSON-RPC or the command line.

extension ExitGround: ParamEnum {}
extension Institution.Kind: ParamEnum {}
extension Institution.Delivery: ParamEnum {}
extension StoredLog.Status: ParamEnum {}
extension MonitoringRule: ParamEnum {}

/// A caregiver's qualification, one of the scheme rules' list (``Qualification``).
public struct CaregiverQualification: ParamValue {
    public let name: String

    public static var schema: JSONSchema { .enumeration(Qualification.all) }

    public init(param value: JSONValue) throws(ParamProblems) {
        guard let text = value.stringValue else { throw .wrongType(expected: "string", found: value) }
        guard Qualification.isKnown(text) else {
            let known = Qualification.all
            throw .invalid("'\(text.prefix(40))' is not accepted; use \(known.dropLast().joined(separator: ", ")) or \(known.last ?? "")")
        }
        name = text
    }
}

/// Agreed prices: item code → yuan with at most two decimals (`{"S01": 60, "S02": 58.5}`;
/// on the command line `--price S01=60`, repeated). The codes and the
/// catalogue's ceilings are the scheme's, checked where the terms are.
public struct ItemPrices: ParamValue {
    public let prices: [String: Money]

    /// The most items an agreement prices.
    public static let maxItems = 1000

    public static var schema: JSONSchema {
        JSONSchema.map(Money.schema, maxProperties: maxItems).with("propertyNames", .object(TextKind.id.schema.json))
    }

    public init(param value: JSONValue) throws(ParamProblems) {
        guard let object = value.objectValue else { throw .wrongType(expected: "object", found: value) }
        guard object.count <= Self.maxItems else { throw .invalid("\(object.count) prices are more than the \(Self.maxItems) an agreement may hold") }
        var prices: [String: Money] = [:]
        var problems: [ParamProblem] = []
        for member in object {
            if let problem = TextKind.id.problem(in: member.key) {
                problems.append(ParamProblem(param: "", .invalid, "the item code '\(member.key.prefix(40))' \(problem)"))
                continue
            }
            guard let money = Money(json: member.value) else {
                let shown = member.value.stringValue.map { "'\($0.prefix(40))'" } ?? String(JSONWriter.string(member.value).prefix(40))
                problems.append(ParamProblem(param: member.key, .invalid, "\(shown) is not an amount in \(Money.accepted), e.g. 60 or 60.50"))
                continue
            }
            prices[member.key] = money
        }
        guard problems.isEmpty else { throw ParamProblems(problems) }
        self.prices = prices
    }
}

/// A place as `"lat,lon"` in decimal degrees (WGS-84), up to six decimals.
extension GeoPoint: ParamValue {
    public static var schema: JSONSchema {
        .string(maxLength: 40, pattern: #"^ *-?[0-9]{1,3}(\.[0-9]{1,6})?, *-?[0-9]{1,3}(\.[0-9]{1,6})?$"#)
    }

    public init(param value: JSONValue) throws(ParamProblems) {
        guard let text = value.stringValue else { throw .wrongType(expected: "string", found: value) }
        guard let point = GeoPoint(text: Substring(text)) else {
            throw .invalid("'\(text.prefix(40))' is not latitude,longitude in decimal degrees, e.g. 31.2304,121.4737")
        }
        self = point
    }
}

/// A caregiver named as `INSTITUTION/ID`: a listing's cursor.
extension CaregiverKey: ParamValue {
    public static var schema: JSONSchema { .string(maxLength: 129, pattern: "^[^/]+/.+$") }

    public init(param value: JSONValue) throws(ParamProblems) {
        guard let text = value.stringValue else { throw .wrongType(expected: "string", found: value) }
        guard text.unicodeScalars.count <= 129, let key = CaregiverKey(text) else {
            throw .invalid("'\(text.prefix(40))' is not INSTITUTION/ID")
        }
        self = key
    }
}
