import LTCCases
import LTCCore

/// One operation of the catalogue with its types erased: what the entries
/// (the command line, JSON-RPC, HTTP) look up by name and run.
public struct CatalogueEntry: Sendable {
    public let name: String
    public let aliases: [String]
    public let summary: String
    public let discussion: String
    public let command: String
    public let access: AccessRule
    public let effect: OperationEffect
    /// Whether it is a ``StoreOperation``: it takes `actor` and `asOf` first,
    /// and runs for a registered actor.
    public let isStoreOperation: Bool
    public let result: String
    public let example: JSONObject
    /// Every param, the shared ones (`actor`, `asOf`) first.
    public let params: [ParamSpec]
    /// The params object's JSON Schema.
    public let paramsSchema: JSONSchema
    public let resultSchema: JSONSchema
    private let perform: @Sendable (JSONObject, [String: Attachment], Caller, OperationEnvironment) throws -> any OperationOutput
    private let check: @Sendable (JSONObject) throws(ParamsError) -> Void

    public init<Operation: StoreOperation>(_ operation: Operation.Type) {
        let layout = ParamsLayout.fresh(StoreRequest<Operation.Input>.self)
        self.init(operation, layout: layout, check: { object throws(ParamsError) in
            _ = try ParamsReader.read(StoreRequest<Operation.Input>.self, from: object, attachments: [:], layout: layout)
        }) { object, attachments, caller, environment in
            let request = try ParamsReader.read(StoreRequest<Operation.Input>.self, from: object, attachments: attachments, layout: layout)
            let actor = try caller.actor(naming: request.context.actor)
            // An operation that checks its actor in the transaction that stores its work is not checked in one of its own here.
            let deferred = Operation.checksActorInItsTransaction && !Operation.admitsUnregistered
            if !Operation.admitsUnregistered, !deferred { try environment.requireRegistered(actor) }
            if request.context.asOf != nil { try Access.require(actor, .setClock) }
            var context = StoreContext(actor: actor, asOf: request.context.asOf, services: try environment.services(), environment: environment)
            context.checksActor = deferred
            return try Operation.run(request.input, context)
        }
    }

    public init<Operation: ComputeOperation>(_ operation: Operation.Type) {
        let layout = ParamsLayout.fresh(Operation.Input.self)
        self.init(operation, layout: layout, check: { object throws(ParamsError) in
            _ = try ParamsReader.read(Operation.Input.self, from: object, attachments: [:], layout: layout)
        }) { object, attachments, caller, environment in
            let input = try ParamsReader.read(Operation.Input.self, from: object, attachments: attachments, layout: layout)
            return try Operation.run(input, ComputeContext(environment: environment, caller: caller))
        }
    }

    private init<Operation: OperationDefinition>(_ operation: Operation.Type, layout: ParamsLayout,
                                                 check: @escaping @Sendable (JSONObject) throws(ParamsError) -> Void,
                                                 perform: @escaping @Sendable (JSONObject, [String: Attachment], Caller, OperationEnvironment) throws -> any OperationOutput) {
        name = Operation.name
        aliases = Operation.aliases
        summary = Operation.summary
        discussion = Operation.discussion
        command = Operation.command
        access = Operation.access
        effect = Operation.effect
        isStoreOperation = Operation.self is any StoreOperation.Type
        result = Operation.result
        example = Operation.example
        params = layout.specs
        paramsSchema = layout.schema
        resultSchema = Operation.Output.schema
        self.perform = perform
        self.check = check
    }

    /// Reads `params` as the operation would, without running it: every problem, or nothing.
    public func validate(_ params: JSONObject) throws(ParamsError) {
        try check(params)
    }

    /// Runs the operation on `params` for `caller`: the params read (every
    /// problem at once), the actor resolved and found registered, the date
    /// allowed, then the operation itself.
    /// An operation that checks its actor in the transaction that stores its
    /// work (``StoreOperation/checksActorInItsTransaction``) is checked there
    /// instead, with the same checks.
    public func invoke(_ params: JSONObject, attachments: [String: Attachment] = [:], caller: Caller,
                       in environment: OperationEnvironment) throws -> any OperationOutput {
        try perform(params, attachments, caller, environment)
    }
}
