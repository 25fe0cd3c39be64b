import LTCCore
import LTCCases
import LTCSchemes

/// A designation agreement (长护协议) between the insurance agency and an
/// institution: applied for, reviewed, signed for a term, then amended,
/// renewed, suspended or terminated. Every change is a new version or a new
/// period; nothing is overwritten, so the terms in force on any past day can
/// be read back (《长期护理保险护理服务机构定点管理办法（试行）》).
///
/// ```swift
/// agreement.terms(coveringDay: day)?.prices["S01"]   // the agreed price on that day, if in force
/// ```
public struct Agreement: Sendable, Equatable {
    public enum Status: String, Sendable {
        case applied, reviewed, active, suspended, terminated
        /// The review found the admission criteria not met (``refusal`` says which).
        case refused
    }

    /// One version of what the agreement covers.
    public struct Terms: Sendable, Equatable {
        public var version: Int
        /// The first day this version applies.
        public var effectiveFrom: CalendarDate
        /// The agreement's term.
        public var start: CalendarDate
        public var end: CalendarDate
        /// Scheme mode ids covered.
        public var modes: [String]
        /// Item code → agreed price (at most the scheme's catalogue price).
        public var prices: [String: Money]
        public var capacity: Int

        public var json: JSONValue {
            [
                "version": .integer(version), "effectiveFrom": .string(effectiveFrom.description),
                "start": .string(start.description), "end": .string(end.description),
                "modes": .array(modes.map { .string($0) }),
                "prices": .object(JSONObject(prices.keys.sorted().map { .init(key: $0, value: prices[$0]!.json) })),
                "capacity": .integer(capacity),
            ]
        }

        init?(json: JSONValue) {
            guard let version = json["version"]?.intValue,
                  let effectiveFrom = json["effectiveFrom"]?.stringValue.flatMap(CalendarDate.init),
                  let start = json["start"]?.stringValue.flatMap(CalendarDate.init),
                  let end = json["end"]?.stringValue.flatMap(CalendarDate.init),
                  let modes = json["modes"]?.arrayValue?.compactMap(\.stringValue),
                  case .object(let priceObject)? = json["prices"],
                  let capacity = json["capacity"]?.intValue else { return nil }
            var prices: [String: Money] = [:]
            for member in priceObject {
                guard let money = Money(json: member.value) else { return nil }
                prices[member.key] = money
            }
            self.init(version: version, effectiveFrom: effectiveFrom, start: start, end: end, modes: modes, prices: prices, capacity: capacity)
        }

        public init(version: Int, effectiveFrom: CalendarDate, start: CalendarDate, end: CalendarDate,
                    modes: [String], prices: [String: Money], capacity: Int) {
            self.version = version
            self.effectiveFrom = effectiveFrom
            self.start = start
            self.end = end
            self.modes = modes
            self.prices = prices
            self.capacity = capacity
        }
    }

    public var id: String
    public var institution: String
    public var schemeID: String
    public var status: Status
    /// Oldest first; the first is the terms applied for.
    public var versions: [Terms]
    public var signedOn: CalendarDate?
    public var suspensions: [DatePeriod]
    public var terminatedOn: CalendarDate?
    /// Why it was last suspended or terminated, where a ground was given.
    public var exitGround: ExitGround? = nil
    /// What the provider declared for the admission criteria, when it applied.
    public var facts: AdmissionFacts? = nil
    /// The criteria the review found not met, when it refused.
    public var refusal: [String] = []

    public init(id: String, institution: String, schemeID: String, terms: Terms) {
        self.id = id
        self.institution = institution
        self.schemeID = schemeID
        status = .applied
        versions = [terms]
        signedOn = nil
        suspensions = []
        terminatedOn = nil
    }

    /// The terms in force on `day`, or `nil` when the agreement covers nothing
    /// that day: not signed yet, outside its term, suspended, or terminated.
    public func terms(coveringDay day: CalendarDate) -> Terms? {
        guard let signedOn, signedOn <= day else { return nil }
        if let terminatedOn, day > terminatedOn { return nil }
        if suspensions.contains(where: { $0.contains(day) }) { return nil }
        guard let terms = versions.last(where: { $0.effectiveFrom <= day }) ?? nil,
              terms.start <= day, day <= terms.end else { return nil }
        return terms
    }

    /// Why the agreement covers nothing on `day`, for rejection messages.
    public func gap(on day: CalendarDate) -> String {
        guard let signedOn else { return "agreement \(id) is not signed (\(status.rawValue))" }
        if day < signedOn { return "agreement \(id) was signed on \(signedOn), after \(day)" }
        if let terminatedOn, day > terminatedOn { return "agreement \(id) was terminated on \(terminatedOn)" }
        if let period = suspensions.first(where: { $0.contains(day) }) { return "agreement \(id) is suspended from \(period.from)" }
        if let terms = versions.last(where: { $0.effectiveFrom <= day }) {
            return "agreement \(id)'s term is \(terms.start) to \(terms.end)"
        }
        return "agreement \(id) has no terms in force on \(day)"
    }

    public var current: Terms { versions[versions.count - 1] }

    public var json: JSONValue {
        var object: JSONObject = [
            "id": .string(id), "institution": .string(institution), "scheme": .string(schemeID),
            "status": .string(status.rawValue), "versions": .array(versions.map(\.json)),
            "suspensions": .array(suspensions.map(\.json)),
        ]
        object.set("signedOn", signedOn.map { .string($0.description) } ?? .null)
        object.set("terminatedOn", terminatedOn.map { .string($0.description) } ?? .null)
        if let exitGround { object.set("exitGround", .string(exitGround.rawValue)) }
        if let facts { object.set("facts", facts.json) }
        if !refusal.isEmpty { object.set("refusal", .array(refusal.map { .string($0) })) }
        return .object(object)
    }

    public init?(json: JSONValue) {
        guard let id = json["id"]?.stringValue, let institution = json["institution"]?.stringValue,
              let scheme = json["scheme"]?.stringValue,
              let status = json["status"]?.stringValue.flatMap(Status.init(rawValue:)),
              let versions = json["versions"]?.arrayValue?.compactMap(Terms.init(json:)), !versions.isEmpty,
              let suspensions = json["suspensions"]?.arrayValue?.compactMap(DatePeriod.init(json:)) else { return nil }
        self.id = id
        self.institution = institution
        schemeID = scheme
        self.status = status
        self.versions = versions
        self.suspensions = suspensions
        signedOn = json["signedOn"]?.stringValue.flatMap(CalendarDate.init)
        terminatedOn = json["terminatedOn"]?.stringValue.flatMap(CalendarDate.init)
        exitGround = json["exitGround"]?.stringValue.flatMap(ExitGround.init(rawValue:))
        facts = json["facts"].flatMap(AdmissionFacts.init(json:))
        refusal = json["refusal"]?.arrayValue?.compactMap(\.stringValue) ?? []
    }
}

extension Agreement.Terms {
    /// The most clients an agreement may allow at once.
    public static let capacityLimit = 100_000

    /// Checks terms against the scheme they are made under, the same for an
    /// application and for each amendment: a term that does not end before
    /// it starts, modes of the scheme, prices for items of its catalogue above
    /// zero and at most the catalogue price, and a capacity of at least one
    /// client (`../shared/domain/agreements.md`: an agreement states the
    /// services, their prices and the number of clients).
    public func validate(under benefits: BenefitSettings, schemeID: String) throws(CaseError) {
        guard start <= end else { throw CaseError(.invalidInput, "the term ends \(end), before it starts \(start)") }
        for mode in modes where benefits.mode(mode) == nil {
            throw CaseError(.invalidInput, "mode '\(mode)' is not a mode of scheme \(schemeID); its modes: \(benefits.modes.map(\.id).joined(separator: ", "))")
        }
        for (code, price) in prices.sorted(by: { $0.key < $1.key }) {
            guard let item = benefits.item(code) else {
                throw CaseError(.invalidInput, "item '\(code)' is not in the catalogue of scheme \(schemeID)")
            }
            guard price.fen > 0, price <= item.price else {
                throw CaseError(.invalidInput, "the price of \(code), \(price), must be above 0 and at most the catalogue price \(item.price)")
            }
        }
        guard (1...Self.capacityLimit).contains(capacity) else {
            throw CaseError(.invalidInput, "capacity \(capacity) is not a number of clients from 1 to \(Self.capacityLimit)")
        }
    }
}
