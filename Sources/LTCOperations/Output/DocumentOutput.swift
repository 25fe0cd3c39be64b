import LTCCore

/// A result that is a JSON document printed as it is (a FHIR resource, a
/// report): its text is the indented JSON.
public struct DocumentOutput: OperationOutput {
    public let json: JSONValue

    public init(json: JSONValue, schema: JSONSchema) {
        self.json = json
    }

    public var text: String { JSONWriter.string(json, style: .indented) }
    public static var schema: JSONSchema { .openObject() }
}
