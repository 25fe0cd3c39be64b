import LTCCore

/// How the conclusion letter reached the person, and when: the start of
/// their right to object runs from the publicity, but an appeal asks whether
/// they were told (`../shared/domain/cn-ltc-2021.md`: "publicity and
/// delivery of the conclusion letter").
///
/// ```swift
/// LetterDelivery(on: CalendarDate("2026-03-10")!, how: .post)
/// ```
public struct LetterDelivery: Sendable, Equatable {
    public enum Method: String, Sendable, CaseIterable {
        case inPerson = "in-person", post, electronic
    }

    public var on: CalendarDate
    public var how: Method

    public init(on: CalendarDate, how: Method) {
        self.on = on
        self.how = how
    }

    public var json: JSONValue { ["on": .string(on.description), "how": .string(how.rawValue)] }

    init?(json: JSONValue) {
        guard let on = json["on"]?.stringValue.flatMap(CalendarDate.init), let how = json["how"]?.stringValue.flatMap(Method.init) else { return nil }
        self.init(on: on, how: how)
    }
}
