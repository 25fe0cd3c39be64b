import ArgumentParser
import LTCCore
import LTCOperations
import LTCProtocol

/// `ltc schema`: the machine-readable contract, generated from the operation catalogue.
struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Print the interface's contract: an OpenRPC 1.3 document, or one method's params and result as JSON Schema.",
        discussion: """
            Both come from the operation catalogue, as rpc.describe does: every method with its params (types, allowed \
            values, ranges, lengths, defaults) and its result as JSON Schema, who may call it and whether it writes.

            EXAMPLES:
              ltc schema --openrpc > ltc.openrpc.json
              ltc schema --method case.terminate
            """
    )

    @Flag(help: "Print the OpenRPC 1.3 document of every method (the default).") var openrpc = false
    @Option(help: ArgumentHelp("Print only this method's params and result schemas.", valueName: "name")) var method: String?

    func run() throws {
        try reportingErrors {
            let catalogue = OperationCatalogue.shared
            guard let name = method else {
                printJSON(OpenRPCDocument.make(catalogue))
                return
            }
            guard let entry = catalogue.entry(named: name) else {
                throw InputError(source: "--method", message: "no method '\(name)'; methods: \(catalogue.entries.map(\.name).joined(separator: ", "))")
            }
            printJSON(["name": .string(entry.name), "params": .object(entry.paramsSchema.json), "result": .object(entry.resultSchema.json)])
        }
    }
}
