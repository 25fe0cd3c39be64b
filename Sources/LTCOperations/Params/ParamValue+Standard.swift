import LTCCore

extension Int: ParamValue {
    public static var schema: JSONSchema { .integer() }

    public init(param value: JSONValue) throws(ParamProblems) {
        guard let int = value.intValue else { throw .wrongType(expected: "integer", found: value) }
        self = int
    }
}

extension Bool: ParamValue {
    public static var schema: JSONSchema { .boolean }

    public init(param value: JSONValue) throws(ParamProblems) {
        guard let bool = value.boolValue else { throw .wrongType(expected: "boolean", found: value) }
        self = bool
    }
}

/// Free text: held to the param's ``TextKind`` (a name unless it says otherwise).
extension String: ParamValue {
    public static var schema: JSONSchema { .string() }
    public static var textual: Bool { true }

    public init(param value: JSONValue) throws(ParamProblems) {
        guard let text = value.stringValue else { throw .wrongType(expected: "string", found: value) }
        self = text
    }
}

/// An optional param: left out, it is `nil`.
extension Optional: ParamValue where Wrapped: ParamValue {
    public static var schema: JSONSchema { Wrapped.schema }
    public static var whenAbsent: Wrapped?? { .some(nil) }
    public static var textual: Bool { Wrapped.textual }

    public init(param value: JSONValue) throws(ParamProblems) {
        self = .some(try Wrapped(param: value))
    }
}

/// A list: every element read, every problem named by its index (`[2]`).
extension Array: ParamValue where Element: ParamValue {
    /// The most elements a list param holds.
    public static var maxItems: Int { 1000 }
    public static var schema: JSONSchema { .array(Element.schema, maxItems: maxItems) }
    public static var textual: Bool { Element.textual }

    public init(param value: JSONValue) throws(ParamProblems) {
        guard let elements = value.arrayValue else { throw .wrongType(expected: "array", found: value) }
        guard elements.count <= Self.maxItems else { throw .invalid("\(elements.count) elements are more than the \(Self.maxItems) a list may hold") }
        var values: [Element] = []
        var problems: [ParamProblem] = []
        for (index, element) in elements.enumerated() {
            do throws(ParamProblems) {
                values.append(try Element(param: element))
            } catch {
                problems += error.within("[\(index)]").list
            }
        }
        guard problems.isEmpty else { throw ParamProblems(problems) }
        self = values
    }
}

/// A JSON object taken as it is (a scheme document, answers): its own reader checks it.
extension JSONObject: ParamValue {
    public static var schema: JSONSchema { .openObject() }

    public init(param value: JSONValue) throws(ParamProblems) {
        guard let object = value.objectValue else { throw .wrongType(expected: "object", found: value) }
        self = object
    }
}

extension CalendarDate: ParamValue {
    public static var schema: JSONSchema { .string(pattern: #"^\d{4}-\d{2}-\d{2}$"#, format: "date") }

    public init(param value: JSONValue) throws(ParamProblems) {
        guard let text = value.stringValue else { throw .wrongType(expected: "string", found: value) }
        guard let date = CalendarDate(text) else { throw .invalid("'\(text.prefix(40))' is not a date; use YYYY-MM-DD") }
        self = date
    }
}

extension YearMonth: ParamValue {
    public static var schema: JSONSchema { .string(pattern: #"^\d{4}-(0[1-9]|1[0-2])$"#) }

    public init(param value: JSONValue) throws(ParamProblems) {
        guard let text = value.stringValue else { throw .wrongType(expected: "string", found: value) }
        guard let month = YearMonth(text) else { throw .invalid("'\(text.prefix(40))' is not a month; use YYYY-MM") }
        self = month
    }
}

/// An amount in yuan with at most two decimals, held exactly in fen.
extension Money: ParamValue {
    public static var schema: JSONSchema {
        .number(minimum: .number("-" + Money.limit.description), maximum: Money.limit.json, multipleOf: "0.01")
    }

    public init(param value: JSONValue) throws(ParamProblems) {
        switch value {
        case .integer, .number:
            guard let money = Money(json: value) else { throw .invalid("\(JSONWriter.string(value).prefix(40)) is not an amount in \(Money.accepted)") }
            self = money
        default:
            throw .wrongType(expected: "number", found: value)
        }
    }
}
