/// Collects every problem found while reading one JSON document, so that a
/// file with five mistakes is reported with five lines, not one at a time.
///
/// ```swift
/// let log = JSONProblemLog()
/// if let fields = log.fields(of: document, at: .root, accepting: ["id", "title"]) {
///     let id = fields.string("id")        // reports a missing or non-string id
/// }
/// if !log.problems.isEmpty { /* refuse the file */ }
/// ```
///
/// A log belongs to one reading pass and is not shared between threads.
public final class JSONProblemLog {
    public private(set) var problems: [JSONProblem] = []

    public init() {}

    public func report(_ path: JSONPath, _ message: String) {
        problems.append(JSONProblem(path: path, message: message))
    }

    /// The members of an object, or `nil` (with a problem reported) when `value`
    /// is not an object. Members not in `accepted` are reported as unknown, so
    /// that a misspelt field is never silently ignored.
    public func fields(of value: JSONValue, at path: JSONPath, accepting accepted: [String]) -> JSONFields? {
        guard case .object(let object) = value else {
            report(path, "expected an object, found \(value.typeName)")
            return nil
        }
        for member in object where !accepted.contains(member.key) {
            report(path.appending(member.key), "unknown field; accepted fields: \(accepted.joined(separator: ", "))")
        }
        return JSONFields(object: object, path: path, log: self)
    }
}

/// Typed access to the members of one JSON object; each accessor reports a
/// missing member or a member of the wrong type to the ``JSONProblemLog`` and
/// returns `nil`.
public struct JSONFields {
    public let object: JSONObject
    public let path: JSONPath
    public let log: JSONProblemLog

    public func string(_ key: String) -> String? {
        typed(key, "string", required: true) { $0.stringValue }
    }

    public func optionalString(_ key: String) -> String? {
        typed(key, "string", required: false) { $0.stringValue }
    }

    /// A string that must not be empty or only spaces.
    public func nonEmptyString(_ key: String) -> String? {
        guard let text = string(key) else { return nil }
        if text.allSatisfy(\.isWhitespace) {
            log.report(path.appending(key), "must not be empty")
            return nil
        }
        return text
    }

    public func int(_ key: String) -> Int? {
        typed(key, "integer", required: true) { $0.intValue }
    }

    public func optionalInt(_ key: String) -> Int? {
        typed(key, "integer", required: false) { $0.intValue }
    }

    /// The elements of an array member, each with its own path.
    public func array(_ key: String, required: Bool = true) -> [(value: JSONValue, path: JSONPath)]? {
        guard let elements = typed(key, "array", required: required, { $0.arrayValue }) else { return nil }
        let base = path.appending(key)
        return elements.enumerated().map { ($0.element, base.appending($0.offset)) }
    }

    /// The members of an object member, checked against `accepted`.
    public func fields(_ key: String, accepting accepted: [String], required: Bool = true) -> JSONFields? {
        guard let value = object[key] else {
            if required { log.report(path.appending(key), "missing required field") }
            return nil
        }
        return log.fields(of: value, at: path.appending(key), accepting: accepted)
    }

    public func has(_ key: String) -> Bool { object[key] != nil }

    private func typed<T>(_ key: String, _ typeName: String, required: Bool, _ cast: (JSONValue) -> T?) -> T? {
        guard let value = object[key] else {
            if required { log.report(path.appending(key), "missing required field (\(typeName))") }
            return nil
        }
        guard let typed = cast(value) else {
            log.report(path.appending(key), "expected \(typeName), found \(value.typeName) \(value)")
            return nil
        }
        return typed
    }
}
