import LTCCore

/// How often something happens: a count per day, per week or per month, the
/// way NBA module 5 items are answered: `{"perWeek": 3}`.
///
/// Daily averages are kept exactly as a count of 1/210 of a day (a week is 7
/// days and a month 30, per the NBA conversion rules; 210 is a multiple of
/// both), so that "3 a week" and "once a day" compare without rounding.
///
/// ```swift
/// Frequency(count: 2, period: .perWeek).perDayIn210ths   // 60
/// ```
public struct Frequency: Sendable, Hashable, CustomStringConvertible {
    public enum Period: String, Sendable, CaseIterable {
        case perDay, perWeek, perMonth

        /// Days in the period, as the NBA conversion counts them.
        public var days: Int {
            switch self {
            case .perDay: 1
            case .perWeek: 7
            case .perMonth: 30
            }
        }
    }

    /// The largest count accepted in any period: more than this is not a frequency but a mistake.
    public static let maximumCount = 10_000

    public var count: Int
    public var period: Period

    public init(count: Int, period: Period) {
        self.count = count
        self.period = period
    }

    /// The daily average in 210ths of one a day.
    public var perDayIn210ths: Int { count * (210 / period.days) }

    /// Reads `{"perDay": n}`, `{"perWeek": n}` or `{"perMonth": n}`; a text
    /// saying what is wrong otherwise.
    public static func read(_ value: JSONValue) -> Result<Frequency, FrequencyError> {
        let accepted = "{\"perDay\": n}, {\"perWeek\": n} or {\"perMonth\": n} with n a whole number from 0 to \(maximumCount)"
        guard case .object(let object) = value, object.count == 1, let member = object.first else {
            return .failure(FrequencyError(message: "expected \(accepted), found \(value.typeName) \(value)"))
        }
        guard let period = Period(rawValue: member.key) else {
            return .failure(FrequencyError(message: "unknown period '\(member.key)'; expected \(accepted)"))
        }
        guard let count = member.value.intValue, (0...maximumCount).contains(count) else {
            return .failure(FrequencyError(message: "\(member.key): \(member.value) is not a whole number from 0 to \(maximumCount)"))
        }
        return .success(Frequency(count: count, period: period))
    }

    public var json: JSONValue { .members(.init(period.rawValue, .integer(count))) }

    /// `3 per week`
    public var description: String {
        "\(count) per \(period == .perDay ? "day" : period == .perWeek ? "week" : "month")"
    }
}

/// Why a value is not a ``Frequency``.
public struct FrequencyError: Error, Sendable, Equatable {
    public var message: String
}
