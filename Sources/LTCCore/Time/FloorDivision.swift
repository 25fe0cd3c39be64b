extension BinaryInteger {
    /// The quotient rounded towards minus infinity: days and weeks before
    /// 1970 count back, not towards zero.
    ///
    /// ```swift
    /// (-1).floorDivided(by: 7)   // -1
    /// ```
    @inlinable
    public func floorDivided(by divisor: Self) -> Self {
        let quotient = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }
}
