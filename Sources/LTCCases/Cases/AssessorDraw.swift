import LTCCore

/// How assessors were drawn at random for a round (随机抽取): the seed and
/// the pool it drew from, kept with the case so that anyone can replay the
/// draw and get the same team. The pool is the registry's active assessors
/// free of a conflict of interest (and, for a re-assessment, other than the
/// first round's), in id order; the draw shuffles it with the seed
/// (Fisher–Yates over ``SplitMix64``, fixed here, not the standard library's
/// shuffle, which may change between Swift versions) and takes the scheme's
/// qualified assessors first, then the rest. City practice draws assessors
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
    /// least `qualified` of them medical or care professionals.
    public static func choose(from pool: [Assessor], seed: UInt64, count: Int, qualified: Int) throws(CaseError) -> [String] {
        var order = pool.sorted { $0.id < $1.id }
        var random = SplitMix64(seed: seed)
        if order.count > 1 {
            for index in stride(from: order.count - 1, to: 0, by: -1) {
                order.swapAt(index, Int(random.next() % UInt64(index + 1)))
            }
        }
        let professionals = order.filter(\.qualification.isProfessional)
        guard order.count >= count, professionals.count >= qualified else {
            throw CaseError(.assessorRule, "the pool holds \(order.count) eligible assessors, \(professionals.count) of them qualified; the scheme needs \(count) with \(qualified) qualified",
                            details: ["pool": .array(order.map { .string($0.id) })])
        }
        let first = professionals.prefix(qualified).map(\.id)
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
