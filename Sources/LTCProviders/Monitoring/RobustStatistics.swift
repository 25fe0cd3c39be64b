/// The statistics of the monitoring rules, in one place.
public enum RobustStatistics {
    /// The median of `values` (the mean of the middle two for an even count); 0 for none.
    public static func median(_ values: [Double]) -> Double {
        guard !values.isEmpty else { return 0 }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    /// The median absolute deviation from the median.
    public static func mad(_ values: [Double]) -> Double {
        let centre = median(values)
        return median(values.map { abs($0 - centre) })
    }

    /// The robust z-score of `value` among `values`: its distance from their
    /// median in units of 1.4826 × MAD (which equals the standard deviation
    /// for normal data, and is not pulled by the outliers it looks for).
    /// `nil` where the MAD is 0 (half or more of the values are equal).
    public static func robustZ(_ value: Double, median centre: Double, mad: Double) -> Double? {
        guard mad > 0 else { return nil }
        return (value - centre) / (1.4826 * mad)
    }

    /// Each value's robust z-score among `values`. Where the MAD is 0 (half
    /// or more of the values equal the median), the mean absolute deviation
    /// × 1.253314 stands in for the spread (Iglewicz and Hoaglin's modified
    /// z-score); where that is 0 too (all equal), no value is scored (`nil`).
    public static func robustZ(of values: [Double]) -> [Double?] {
        let centre = median(values)
        var spread = 1.4826 * mad(values)
        if spread == 0, !values.isEmpty {
            spread = 1.253314 * values.reduce(0) { $0 + abs($1 - centre) } / Double(values.count)
        }
        guard spread > 0 else { return values.map { _ in nil } }
        return values.map { ($0 - centre) / spread }
    }

    /// The two-proportion z statistic of `x1` of `n1` against `x2` of `n2`,
    /// with the pooled share as the common proportion under the null
    /// hypothesis; `nil` where either count is 0 or the pooled share is 0 or 1.
    public static func twoProportionZ(_ x1: Int, _ n1: Int, _ x2: Int, _ n2: Int) -> Double? {
        guard n1 > 0, n2 > 0 else { return nil }
        let pooled = Double(x1 + x2) / Double(n1 + n2)
        guard pooled > 0, pooled < 1 else { return nil }
        let error = (pooled * (1 - pooled) * (1 / Double(n1) + 1 / Double(n2))).squareRoot()
        return (Double(x1) / Double(n1) - Double(x2) / Double(n2)) / error
    }
}
