import LTCCore

/// How assessors were drawn at random for a round (随机抽取): the seed and
/// the pool it drew from, kept with the case so that anyone can replay the
/// draw and get the same team. The pool is the registry's active assessors
/// free of a conflict of interest (and, for a re-assessment, other than the
/// first round's), in id order; the draw shuffles it with the seed
/// (Fisher–Yates over ``SplitMix64``, fixed here, not the standard library's
/// shuffle, which may change between Swift versions) and takes the scheme's
/// experts the scheme wants (for a re-assessment after an objection) first,
/// then its qualified assessors, then the rest. City practice draws assessors
/// from a pool: `../shared/domain/cn-ltc-2021.md`, procedure facts.
///
/// ```swift
/// let team = try AssessorDraw.choose(from: pool, seed: 42, count: 2, qualified: 1)
/// ```
public struct AssessorDraw: Sendable, Equatable {
    public var seed: UInt64
    /// The ids drawn from, in id order.
    public var pool: [String]

    public init(seed: UInt64, pool: [String]) {
        self.seed = seed
        self.pool = pool
    }

    /// The team a draw with `seed` picks from `pool`: `count` assessors, at
    /// least `experts` of them from the expert pool and `qualified` of them
    /// medical or care professionals.
    public static func choose(from pool: [Assessor], seed: UInt64, count: Int, qualified: Int, experts: Int = 0) throws(CaseError) -> [String] {
        var order = pool.sorted { $0.id < $1.id }
        var random = SplitMix64(seed: seed)
        if order.count > 1 {
            for index in stride(from: order.count - 1, to: 0, by: -1) {
                order.swapAt(index, Int(random.next() % UInt64(index + 1)))
            }
        }
        let professionals = order.filter(\.qualification.isProfessional)
        let expertPool = order.filter(\.expert)
        guard order.count >= count, professionals.count >= qualified, expertPool.count >= experts else {
            let pooled = experts == 0 ? "\(professionals.count) of them qualified" : "\(professionals.count) of them qualified and \(expertPool.count) experts"
            let needed = experts == 0 ? "\(count) with \(qualified) qualified" : "\(count) with \(qualified) qualified and \(experts) experts"
            throw CaseError(.assessorRule, "the pool holds \(order.count) eligible assessors, \(pooled); the scheme needs \(needed)",
                            details: ["pool": .array(order.map { .string($0.id) })])
        }
        let chosenExperts = expertPool.prefix(experts)
        let stillQualified = max(0, qualified - chosenExperts.filter(\.qualification.isProfessional).count)
        let first = chosenExperts.map(\.id) + professionals.filter { !$0.expert || !chosenExperts.contains($0) }.prefix(stillQualified).map(\.id)
        let rest = order.map(\.id).filter { !first.contains($0) }.prefix(count - first.count)
        return first + rest
    }

    /// The seed as text: a 64-bit number is more than JSON keeps exactly.
    public var json: JSONValue { ["seed": .string(String(seed)), "pool": .array(pool.map { .string($0) })] }

    init?(json: JSONValue) {
        guard let seed = json["seed"]?.stringValue.flatMap({ UInt64($0) }), let pool = json["pool"]?.arrayValue?.compactMap(\.stringValue) else { return nil }
        self.init(seed: seed, pool: pool)
    }
}
