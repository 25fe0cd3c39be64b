/// One thing wrong with a JSON document: where it is and what is wrong.
public struct JSONProblem: Sendable, Equatable, CustomStringConvertible {
    public var path: JSONPath
    public var message: String

    public init(path: JSONPath, message: String) {
        self.path = path
        self.message = message
    }

    public var description: String { "\(path): \(message)" }

    public var json: JSONValue {
        ["path": .string(path.description), "message": .string(message)]
    }
}
