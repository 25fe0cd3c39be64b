import LTCCases
import LTCCore
@testable import LTCOperations
import Testing

@Suite("The operation catalogue: each operation defined once, described in full")
struct CatalogueTests {
    let catalogue = OperationCatalogue.standard()

    @Test("Names and earlier names reach one operation each, and every name is area.verb")
    func names() {
        var seen: Set<String> = []
        for entry in catalogue.entries {
            for name in [entry.name] + entry.aliases {
                #expect(seen.insert(name).inserted, "\(name) names two operations")
                #expect(name.split(separator: ".").count == 2, "\(name)")
            }
            #expect(catalogue.entry(named: entry.name)?.name == entry.name)
        }
    }

    @Test("Every operation's example is a request it accepts")
    func examples() {
        for entry in catalogue.entries {
            #expect(throws: Never.self, "\(entry.name)") { try entry.validate(entry.example) }
        }
    }

    @Test("Every param is described, and the params' schema names each one and what is required")
    func schemas() {
        for entry in catalogue.entries {
            let schema = entry.paramsSchema.json
            #expect(schema["type"] == "object" && schema["additionalProperties"] == false, "\(entry.name)")
            let properties = schema["properties"]?.objectValue ?? [:]
            #expect(properties.keys == entry.params.map(\.name), "\(entry.name)")
            for param in entry.params {
                #expect(!param.summary.isEmpty, "\(entry.name).\(param.name)")
                #expect(param.schema.json["description"] != nil, "\(entry.name).\(param.name)")
            }
            let required = schema["required"]?.arrayValue?.compactMap(\.stringValue) ?? []
            #expect(required == entry.params.filter(\.required).map(\.name), "\(entry.name)")
            #expect(!entry.resultSchema.json.isEmpty, "\(entry.name) has no result schema")
        }
    }

    @Test("Operations on stored data take actor and asOf first; computations take no date, and an actor only where they may read stored data")
    func sharedParams() {
        for entry in catalogue.entries {
            let names = entry.params.map(\.name)
            if entry.isStoreOperation {
                #expect(Array(names.prefix(2)) == ["actor", "asOf"], "\(entry.name)")
                #expect(!entry.access.roles.isEmpty, "\(entry.name): no role may call it")
            } else {
                // A computation takes no date; one that reads a stored scheme when asked to may take its caller's actor.
                #expect(!names.contains("asOf") && (!names.contains("actor") || entry.effect.touchesStore), "\(entry.name)")
            }
        }
    }

    @Test("A text param is held to a length, a whole number param that has bounds states them")
    func limits() {
        for entry in catalogue.entries {
            for param in entry.params where param.schema.typeName == "string" && param.schema.allowedValues == nil {
                let bounded = param.schema.json["maxLength"] != nil || param.schema.json["pattern"] != nil || param.schema.json["format"] != nil
                #expect(bounded, "\(entry.name).\(param.name) has no maximum length")
            }
        }
    }
}
