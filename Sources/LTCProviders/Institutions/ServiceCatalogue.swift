import LTCCore
import LTCSchemes

/// What an institution may log under a scheme, in one place: each item of
/// the scheme's catalogue with its unit, the modes it is given in, the
/// qualifications a caregiver needs for it, the durations the monitoring
/// rules take as plausible, the planning limits, the scheme's price and,
/// for an institution with an agreement in force, its agreed price. A clerk
/// builds a logs file from it (`ltc catalogue`), and the checks of intake
/// read the same settings (L01 durations, C03 qualifications, A02 and A03
/// modes and items).
///
/// ```swift
/// let catalogue = ServiceCatalogue(scheme: scheme, agreed: agreement.terms(coveringDay: day), institution: "I001")
/// catalogue.items.first?.code        // "S01"
/// ```
public struct ServiceCatalogue: Sendable, Equatable {
    /// One item of the catalogue with everything a log of it must meet.
    public struct Entry: Sendable, Equatable {
        public var code: String
        public var name: LocalizedText
        public var unit: ServiceItem.Unit
        /// The modes whose packages include the item (or those the item names), in the scheme's order.
        public var modes: [String]
        /// A caregiver needs one of these (none: anyone the institution employs).
        public var qualifications: [String]
        /// The plausible duration of one log of the item, in minutes (L01).
        public var minimumMinutes: Int?
        public var maximumMinutes: Int?
        /// The minutes a planned occurrence lasts, and the most a week and a day a plan may hold.
        public var plannedMinutes: Int?
        public var maxPerWeek: Int?
        public var maxPerDay: Int?
        /// The scheme's price, and the institution's agreed price where its agreement sets one.
        public var price: Money
        public var agreedPrice: Money?

        public var json: JSONValue {
            [
                "code": .string(code), "name": name.json, "unit": .string(unit.rawValue), "modes": .array(modes.map { .string($0) }),
                "qualifications": .array(qualifications.map { .string($0) }),
                "minutes": ["minimum": minimumMinutes.map(JSONValue.integer) ?? .null, "maximum": maximumMinutes.map(JSONValue.integer) ?? .null,
                            "planned": plannedMinutes.map(JSONValue.integer) ?? .null],
                "maxPerWeek": maxPerWeek.map(JSONValue.integer) ?? .null, "maxPerDay": maxPerDay.map(JSONValue.integer) ?? .null,
                "price": price.json, "agreedPrice": agreedPrice?.json ?? .null,
            ]
        }
    }

    public var schemeID: String
    public var modes: [ServiceMode]
    /// The institution whose agreed prices are shown, if any.
    public var institution: String?
    /// The modes its agreement covers, where it has one in force.
    public var agreedModes: [String]?
    public var entries: [Entry]
    /// How late a log may arrive, in days after the day of service (T02).
    public var lateDays: Int?
    /// How far from the home a check-in may be (L02).
    public var checkInRadiusMeters: Int?

    /// - Parameter agreed: the terms of the institution's agreement in force, if any.
    public init(scheme: Scheme, agreed: Agreement.Terms? = nil, institution: String? = nil) {
        let benefits = scheme.benefits
        let monitoring = benefits?.monitoring
        schemeID = scheme.id
        modes = benefits?.modes ?? []
        self.institution = institution
        agreedModes = agreed?.modes
        lateDays = monitoring?.lateDays
        checkInRadiusMeters = monitoring?.checkInRadiusMeters
        let modeOrder = (benefits?.modes ?? []).map(\.id)
        entries = (benefits?.catalogue ?? []).map { item in
            let packaged = Set((benefits?.table ?? []).filter { $0.items.contains(item.code) }.map(\.mode))
            let modes = item.planning.modes ?? modeOrder.filter(packaged.contains)
            let duration = monitoring?.duration[item.unit]
            return Entry(code: item.code, name: item.name, unit: item.unit, modes: modes,
                         qualifications: monitoring?.qualifications[item.code] ?? [],
                         minimumMinutes: duration?.minimumMinutes, maximumMinutes: duration?.maximumMinutes,
                         plannedMinutes: item.planning.minutes, maxPerWeek: item.planning.maxPerWeek, maxPerDay: item.planning.maxPerDay,
                         price: item.price, agreedPrice: agreed?.prices[item.code])
        }
    }

    public var json: JSONValue {
        [
            "scheme": .string(schemeID),
            "modes": .array(modes.map { ["id": .string($0.id), "name": $0.name.json, "delivery": .string($0.delivery.rawValue)] }),
            "institution": institution.map(JSONValue.string) ?? .null,
            "agreedModes": agreedModes.map { .array($0.map { .string($0) }) } ?? .null,
            "items": .array(entries.map(\.json)),
            "lateDays": lateDays.map(JSONValue.integer) ?? .null,
            "checkInRadiusMeters": checkInRadiusMeters.map(JSONValue.integer) ?? .null,
        ]
    }
}
