import LTCCore
import Testing

@Suite("Money in fen and exact ratios")
struct MoneyTests {
    @Test("Yuan amounts are read exactly, with at most two decimals", arguments: [
        (JSONValue.integer(62), 6200), (.number("57.6"), 5760), (.number("2100.00"), 210_000), (.number("0.05"), 5), (.number("-3.5"), -350),
    ])
    func reading(json: JSONValue, fen: Int) {
        #expect(Money(json: json)?.fen == fen)
    }

    @Test("Three decimals, exponents, strings and booleans are refused", arguments: [
        JSONValue.number("1.005"), .number("1e3"), .string("62"), .bool(true), .number("1."),
    ])
    func refused(json: JSONValue) {
        #expect(Money(json: json) == nil)
    }

    @Test("Proration rounds half-up to the fen")
    func proration() {
        #expect(Money(fen: 186_000).prorated(days: 10, of: 31).fen == 60_000)   // 600.00 exactly
        #expect(Money(fen: 5_760).prorated(days: 10, of: 31).fen == 1_858)      // 1858.06 → 1858
        #expect(Money(fen: 1).prorated(days: 1, of: 2).fen == 1)                // 0.5 fen → up
        #expect(Money(fen: 75_000).prorated(days: 29, of: 29) == Money(fen: 75_000))
        #expect(Money(fen: -3).prorated(days: 1, of: 2).fen == -2)              // half away from zero
    }

    @Test("Ratios are exact basis points; applying one rounds half-up")
    func ratios() {
        #expect(Ratio(json: .number("0.75"))?.basisPoints == 7_500)
        #expect(Ratio(json: .number("0.725"))?.description == "72.5%")
        #expect(Ratio(json: .integer(1)) == .one)
        #expect(Ratio(json: .number("1.2")) == nil)
        #expect(Ratio(json: .number("0.12345")) == nil)
        #expect(Ratio(json: .number("-0.1")) == nil)
        #expect(Ratio(basisPoints: 7_500).apply(to: Money(fen: 1_115)).fen == 836)   // 836.25 → 836
        #expect(Ratio(basisPoints: 9_000).apply(to: Money(fen: 6_205)).fen == 5_585) // 5584.5 → 5585
        #expect(Ratio(basisPoints: 7_500).json == .number("0.75"))
    }

    @Test("Amounts print with two decimals")
    func printing() {
        #expect(Money(fen: 186_000).description == "1860.00")
        #expect(Money(fen: 5).description == "0.05")
        #expect(Money(fen: -350).description == "-3.50")
    }

    @Test("Amounts beyond the limit are not read, whatever their spelling")
    func limit() {
        #expect(Money(json: .integer(10_000_000_000_000)) == Money(yuan: 10_000_000_000_000))
        #expect(Money(json: .integer(10_000_000_000_001)) == nil)
        #expect(Money(json: .integer(-10_000_000_000_001)) == nil)
        #expect(Money(json: .integer(92_233_720_368_547_758)) == nil)
        #expect(Money(json: .number("10000000000000.01")) == nil)
        #expect(Money(text: "3100000000000000") == nil && Money(text: "60.5") == Money(fen: 6050) && Money(text: "-10") == Money(yuan: -10))
        #expect(Money(text: "ten") == nil)
    }

    @Test("Scaling is exact for every amount within the limit, the product never overflowing")
    func scaledWithoutOverflow() {
        #expect(Money.limit.scaled(by: 9_999, over: 10_000) == Money(fen: 999_900_000_000_000))
        #expect(Money(fen: -Money.limit.fen).scaled(by: 3, over: 7) == Money(fen: -428_571_428_571_429))
        #expect(Money(fen: 5).scaled(by: 1, over: 2) == Money(fen: 3))
        #expect(Money(fen: -5).scaled(by: 1, over: 2) == Money(fen: -3))
        #expect(Money(fen: 7).times(Int.max) == nil && Money(fen: 7).times(3) == Money(fen: 21))
    }
}
