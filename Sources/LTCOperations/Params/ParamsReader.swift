import LTCCore

/// Reads a request's JSON params into a ``Params`` input: the one reader
/// behind JSON-RPC, the command line (whose arguments become the same JSON)
/// and HTTP.
///
/// It finds every problem before it builds anything: members the input
/// does not declare, required params left out, values of the wrong type,
/// values that are not accepted. Only a request with none becomes an input.
public enum ParamsReader {
    /// The input `object` holds; throws ``ParamsError`` with every problem.
    ///
    /// - Parameters:
    ///   `attachments`: values given apart from the JSON (a file on the
    ///   command line, an upload), by param name.
    public static func read<Input: Params>(_ type: Input.Type, from object: JSONObject,
                                           attachments: [String: Attachment] = [:]) throws(ParamsError) -> Input {
        try read(type, from: object, attachments: attachments, layout: ParamsLayout.of(type))
    }

    /// As ``read(_:from:attachments:)``, with the layout its caller keeps (a
    /// catalogue entry keeps its own, so that workers share nothing).
    static func read<Input: Params>(_ type: Input.Type, from object: JSONObject, attachments: [String: Attachment],
                                    layout: ParamsLayout) throws(ParamsError) -> Input {
        do {
            return try read(type, object, attachments: attachments, layout: layout)
        } catch {
            throw ParamsError(problems: error.list)
        }
    }

    static func read<Input: Params>(_ type: Input.Type, _ object: JSONObject, attachments: [String: Attachment] = [:],
                                    layout: ParamsLayout? = nil) throws(ParamProblems) -> Input {
        let layout = layout ?? ParamsLayout.of(type)
        var problems: [ParamProblem] = []
        let accepted = layout.specs.map(\.name)
        for member in object where !accepted.contains(member.key) {
            let list = accepted.isEmpty ? "this method takes no parameters" : "accepted: \(accepted.joined(separator: ", "))"
            problems.append(ParamProblem(param: member.key, .unknown, "unknown parameter; \(list)"))
        }
        for name in attachments.keys where !layout.specs.contains(where: { $0.name == name && $0.attachable }) {
            problems.append(ParamProblem(param: name, .unknown, "this operation takes no file for \(name)"))
        }
        let prepared = prepare(layout, object, attachments, problems: &problems)
        guard problems.isEmpty else { throw ParamProblems(problems) }
        do {
            return try Input(from: PreparedParams(values: prepared))
        } catch {
            preconditionFailure("\(Input.self) could not be built from checked params: \(error)")
        }
    }

    /// Reads every param of `layout` from `object`, gathering problems.
    private static func prepare(_ layout: ParamsLayout, _ object: JSONObject, _ attachments: [String: Attachment],
                                problems: inout [ParamProblem]) -> [String: PreparedParam] {
        var values: [String: PreparedParam] = [:]
        for entry in layout.entries {
            switch entry {
            case .param(let key, let spec):
                do throws(ParamProblems) {
                    values[key] = PreparedParam(spec: spec, value: try spec.read(object[spec.name], attachments[spec.name]), group: [:])
                } catch {
                    problems += error.within(spec.name).list
                }
            case .group(let key, let nested):
                values[key] = PreparedParam(spec: nil, value: (), group: prepare(nested, object, attachments, problems: &problems))
            }
        }
        return values
    }
}

/// A checked param on its way into the input, or a group of them.
struct PreparedParam: Decoder, SingleValueDecodingContainer {
    let spec: ParamSpec!
    let value: any Sendable
    let group: [String: PreparedParam]

    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(PreparedParams.Container<Key>(values: group))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer { throw ParamsDecodingMisuse(type: "a list") }
    func singleValueContainer() throws -> any SingleValueDecodingContainer { self }
    func decodeNil() -> Bool { false }
    func decode<T: Decodable>(_ type: T.Type) throws -> T { throw ParamsDecodingMisuse(type: "\(T.self)") }
}

/// The checked params of one input, handed to its `init(from:)`.
struct PreparedParams: Decoder {
    let values: [String: PreparedParam]

    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(Container<Key>(values: values))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer { throw ParamsDecodingMisuse(type: "a list") }
    func singleValueContainer() throws -> any SingleValueDecodingContainer { throw ParamsDecodingMisuse(type: "a single value") }

    struct Container<Key: CodingKey>: KeyedDecodingContainerProtocol {
        let values: [String: PreparedParam]
        var codingPath: [any CodingKey] { [] }
        var allKeys: [Key] { values.keys.compactMap { Key(stringValue: $0) } }

        func contains(_ key: Key) -> Bool { values[key.stringValue] != nil }
        func decodeNil(forKey key: Key) throws -> Bool { false }

        func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
            guard let prepared = values[key.stringValue] else { throw ParamsDecodingMisuse(type: "\(T.self) (\(key.stringValue))") }
            return try T(from: prepared)
        }

        func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
            throw ParamsDecodingMisuse(type: "a nested container")
        }

        func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer { throw ParamsDecodingMisuse(type: "a list") }
        func superDecoder() throws -> any Decoder { throw ParamsDecodingMisuse(type: "a super decoder") }
        func superDecoder(forKey key: Key) throws -> any Decoder { throw ParamsDecodingMisuse(type: "a super decoder") }
    }
}
