import LTCCore
import Testing

@Suite("Ids sort naturally where a list is sorted in memory")
struct NaturalOrderTests {
    @Test("Runs of digits compare as numbers: D2 before D10, V9 before V10, I002 beside I2")
    func numbers() {
        #expect(["D10", "D2", "D1"].sorted(by: NaturalOrder.less) == ["D1", "D2", "D10"])
        #expect(["V10", "V9", "X1", "V100"].sorted(by: NaturalOrder.less) == ["V9", "V10", "V100", "X1"])
        #expect(["I10", "I002", "I2", "I1"].sorted(by: NaturalOrder.less) == ["I1", "I002", "I2", "I10"])
        #expect(["S01", "S1", "S02"].sorted(by: NaturalOrder.less) == ["S01", "S1", "S02"])
    }

    @Test("Without digits it is the plain order; a prefix comes first; the order is total")
    func text() {
        #expect(["b", "a", "ab"].sorted(by: NaturalOrder.less) == ["a", "ab", "b"])
        #expect(!NaturalOrder.less("A1", "A1") && NaturalOrder.less("A", "A1"))
        #expect(NaturalOrder.less("D02", "D2") != NaturalOrder.less("D2", "D02"))
    }
}
