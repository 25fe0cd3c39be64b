import LTCCore
import Synchronization

/// An operation's input, or an object inside one: a struct of ``Param``s
/// (and ``ParamGroup``s), read from a request's JSON params by
/// ``ParamsReader``, which finds every problem before any value is used.
///
/// ```swift
/// struct Input: Params {
///     @Param("case", "The case id.") var caseID: Int
///     @Param("reason", "Why.", .text(.note)) var reason: String
///     init() {}
/// }
/// let input = try ParamsReader.read(Input.self, from: ["case": 6, "reason": "moved away"])
/// ```
public protocol Params: Sendable {
    /// An input with its params declared; the catalogue builds it in a
    /// ``ParamsFrame`` that describes or reads it.
    init()
}

/// A ``Params`` struct taken as one param's value: an object inside the
/// request (`agent: {name, relationship}`), or a list of them.
public protocol ParamsObject: Params, ParamValue {}

extension ParamsObject {
    public static var schema: JSONSchema { ParamsLayout.of(Self.self).schema }

    public init(param value: JSONValue) throws(ParamProblems) {
        guard let object = value.objectValue else { throw .wrongType(expected: "object", found: value) }
        self = try ParamsReader.read(Self.self, object)
    }
}

/// No params at all.
public struct NoParams: Params {
    public init() {}
}

/// The params of a ``Params`` type in declaration order, groups flattened.
struct ParamsLayout: Sendable {
    let specs: [ParamSpec]
    /// The names, for the check of members the request should not have.
    let names: [String]

    init(specs: [ParamSpec]) {
        self.specs = specs
        names = specs.map(\.name)
    }

    var schema: JSONSchema {
        .object(specs.map { ($0.name, $0.schema) }, required: specs.filter(\.required).map(\.name))
    }

    private static let cache = Mutex<[ObjectIdentifier: ParamsLayout]>([:])

    /// The layout of `type`, described once per process.
    static func of(_ type: any Params.Type) -> ParamsLayout {
        if let known = cache.withLock({ $0[ObjectIdentifier(type)] }) { return known }
        let layout = fresh(type)
        cache.withLock { $0[ObjectIdentifier(type)] = layout }
        return layout
    }

    /// The layout of `type` described afresh: a copy no other thread references.
    static func fresh(_ type: any Params.Type) -> ParamsLayout {
        ParamsLayout(specs: ParamsFrame.describe(type))
    }
}
