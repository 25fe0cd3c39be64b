/// The order people expect of ids that mix letters and numbers: runs of
/// digits compare as numbers, so `D2` comes before `D10` and `V9` before
/// `V10`; the rest compares as text, and a tie (`D02`, `D2`) falls back to
/// the plain order so that the order is total. Used where a list is sorted
/// in memory; a listing paged in SQL keeps its plain order, which its
/// cursor (`--after`) relies on.
///
/// ```swift
/// ["D10", "D2", "D1"].sorted(by: NaturalOrder.less)   // ["D1", "D2", "D10"]
/// ```
public enum NaturalOrder {
    public static func less(_ lhs: String, _ rhs: String) -> Bool {
        var left = Array(lhs.unicodeScalars)[...], right = Array(rhs.unicodeScalars)[...]
        while let a = left.first, let b = right.first {
            if a.properties.numericType == .decimal, b.properties.numericType == .decimal, a.isASCII, b.isASCII {
                let leftDigits = left.prefix { $0.isASCII && $0.properties.numericType == .decimal }
                let rightDigits = right.prefix { $0.isASCII && $0.properties.numericType == .decimal }
                let leftNumber = leftDigits.drop { $0 == "0" }, rightNumber = rightDigits.drop { $0 == "0" }
                if leftNumber.count != rightNumber.count { return leftNumber.count < rightNumber.count }
                if !leftNumber.elementsEqual(rightNumber) { return String(String.UnicodeScalarView(leftNumber)) < String(String.UnicodeScalarView(rightNumber)) }
                left = left.dropFirst(leftDigits.count)
                right = right.dropFirst(rightDigits.count)
                continue
            }
            if a != b { return a.value < b.value }
            left = left.dropFirst()
            right = right.dropFirst()
        }
        if left.isEmpty != right.isEmpty { return left.isEmpty }
        return lhs < rhs
    }
}
