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
/// }
/// let input = try ParamsReader.read(Input.self, from: ["case": 6, "reason": "moved away"])
/// ```
public protocol Params: Decodable, Sendable {
    /// An input with its params declared and not yet read (the layout is read off it).
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

/// The params of a ``Params`` type, read once off an unread instance.
struct ParamsLayout: Sendable {
    enum Entry: Sendable {
        case param(key: String, spec: ParamSpec)
        case group(key: String, layout: ParamsLayout)
    }

    let entries: [Entry]

    /// Every param, groups flattened, in declaration order.
    var specs: [ParamSpec] {
        entries.flatMap { entry -> [ParamSpec] in
            switch entry {
            case .param(_, let spec): [spec]
            case .group(_, let layout): layout.specs
            }
        }
    }

    var schema: JSONSchema {
        let specs = specs
        return .object(specs.map { ($0.name, $0.schema) }, required: specs.filter(\.required).map(\.name))
    }

    private static let cache = Mutex<[ObjectIdentifier: ParamsLayout]>([:])

    /// The layout of `type`, read once per process.
    static func of(_ type: any Params.Type) -> ParamsLayout {
        if let known = cache.withLock({ $0[ObjectIdentifier(type)] }) { return known }
        let layout = read(type.init())
        cache.withLock { $0[ObjectIdentifier(type)] = layout }
        return layout
    }

    /// The layout of `type` read afresh: a copy no other thread references.
    static func fresh(_ type: any Params.Type) -> ParamsLayout {
        read(type.init())
    }

    private static func read(_ instance: any Params) -> ParamsLayout {
        var entries: [Entry] = []
        for child in Mirror(reflecting: instance).children {
            guard let label = child.label else { continue }
            let key = label.hasPrefix("_") ? String(label.dropFirst()) : label
            if let param = child.value as? any ParamDeclaration {
                entries.append(.param(key: key, spec: param.spec))
            } else if let group = child.value as? any ParamGroupDeclaration {
                entries.append(.group(key: key, layout: read(type(of: group).groupType.init())))
            }
        }
        return ParamsLayout(entries: entries)
    }
}
