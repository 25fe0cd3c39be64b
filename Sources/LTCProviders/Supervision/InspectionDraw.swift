import LTCCore

/// A random inspection draw (双随机一公开): institutions drawn at random
/// from those with an agreement in force, and for each a pair of inspectors
/// drawn from the staff registry, with the seed and both pools kept so that
/// anyone can replay the draw; the results are then published
/// (``SupervisionService/inspectionResults(draw:actor:)``). The shuffle is
/// Fisher–Yates over ``SplitMix64``, as for assessors (``AssessorDraw``).
///
/// ```swift
/// let picks = InspectionDraw.choose(institutions: ["I001", "I002", "I003"], inspectors: ["li", "wang", "zhao"],
///                                   seed: 7, count: 2)
/// ```
public struct InspectionDraw: Sendable, Equatable {
    /// One institution drawn and the inspectors drawn for it.
    public struct Pick: Sendable, Equatable {
        public var institution: String
        public var inspectors: [String]
    }

    public var id: Int
    public var drawnOn: CalendarDate
    public var seed: UInt64
    /// The pools drawn from, in id order.
    public var institutionPool: [String]
    public var inspectorPool: [String]
    public var picks: [Pick]
    public var drawnBy: String

    /// Inspectors sent to each institution.
    public static let inspectorsPerInspection = 2

    public init(id: Int, drawnOn: CalendarDate, seed: UInt64, institutionPool: [String], inspectorPool: [String], picks: [Pick], drawnBy: String) {
        self.id = id
        self.drawnOn = drawnOn
        self.seed = seed
        self.institutionPool = institutionPool
        self.inspectorPool = inspectorPool
        self.picks = picks
        self.drawnBy = drawnBy
    }

    /// What a draw with `seed` picks: `count` institutions, each with two
    /// inspectors, both shuffled from their pools in id order by one generator.
    public static func choose(institutions: [String], inspectors: [String], seed: UInt64, count: Int) -> [Pick] {
        var random = SplitMix64(seed: seed)
        func shuffled(_ items: [String]) -> [String] {
            var order = items.sorted()
            if order.count > 1 {
                for index in stride(from: order.count - 1, to: 0, by: -1) { order.swapAt(index, Int(random.next() % UInt64(index + 1))) }
            }
            return order
        }
        return shuffled(institutions).prefix(count).map { institution in
            Pick(institution: institution, inspectors: Array(shuffled(inspectors).prefix(inspectorsPerInspection)))
        }
    }

    public var json: JSONValue {
        [
            "id": .integer(id), "drawnOn": .string(drawnOn.description), "seed": .string(String(seed)),
            "institutionPool": .array(institutionPool.map { .string($0) }), "inspectorPool": .array(inspectorPool.map { .string($0) }),
            "picks": .array(picks.map { ["institution": .string($0.institution), "inspectors": .array($0.inspectors.map { .string($0) })] }),
            "drawnBy": .string(drawnBy),
        ]
    }

    public init?(json: JSONValue) {
        guard let id = json["id"]?.intValue, let drawnOn = json["drawnOn"]?.stringValue.flatMap(CalendarDate.init),
              let seed = json["seed"]?.stringValue.flatMap({ UInt64($0) }),
              let institutions = json["institutionPool"]?.arrayValue?.compactMap(\.stringValue),
              let inspectors = json["inspectorPool"]?.arrayValue?.compactMap(\.stringValue),
              let picks = json["picks"]?.arrayValue, let by = json["drawnBy"]?.stringValue else { return nil }
        self.init(id: id, drawnOn: drawnOn, seed: seed, institutionPool: institutions, inspectorPool: inspectors,
                  picks: picks.compactMap { pick in
                      guard let institution = pick["institution"]?.stringValue, let names = pick["inspectors"]?.arrayValue?.compactMap(\.stringValue) else { return nil }
                      return Pick(institution: institution, inspectors: names)
                  }, drawnBy: by)
    }
}
