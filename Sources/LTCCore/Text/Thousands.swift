/// Numbers for people to read, thousands grouped with commas: `1,000,048`.
/// Human tables use it; CSV and JSON keep plain digits.
///
/// ```swift
/// Thousands.grouped(1000048)   // "1,000,048"
/// ```
public enum Thousands {
    public static func grouped(_ number: Int) -> String {
        let digits = String(number.magnitude)
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(digit)
        }
        return (number < 0 ? "-" : "") + out
    }
}
