import LTCAssessment
import LTCCases
import LTCCore

/// One operation of ltc, defined once: its name, what it does, who may call
/// it, whether it writes, its typed params and its typed result. The command
/// line, JSON-RPC and HTTP run it through the ``OperationCatalogue``; the
/// help, `rpc.describe` and the OpenRPC document describe it from here.
///
/// An operation is a ``StoreOperation`` (it reads or changes stored state,
/// for an actor) or a ``ComputeOperation`` (it needs no database).
///
/// ```swift
/// enum TerminateCase: StoreOperation {
///     static let name = "case.terminate"
///     static let summary = "Close a case."
///     static let access = AccessRule.permission(.transition(Lifecycle.transition(.terminate)))
///     static let effect = OperationEffect.writes
///     struct Input: Params { … }
///     static func run(_ input: Input, _ context: StoreContext) throws -> CaseOutput { … }
/// }
/// ```
public protocol OperationDefinition: Sendable {
    associatedtype Input: Params
    associatedtype Output: OperationOutput

    /// The method name, `area.verb`: a contract, never changed.
    static var name: String { get }
    /// Earlier names that still reach the operation.
    static var aliases: [String] { get }
    /// What it does, in one sentence.
    static var summary: String { get }
    /// More about it, for the help: rules, defaults, consequences.
    static var discussion: String { get }
    /// The command that runs it, as people type it after `ltc` (`case terminate`).
    static var command: String { get }
    static var access: AccessRule { get }
    static var effect: OperationEffect { get }
    /// The result in words, for `rpc.describe`'s short listing.
    static var result: String { get }
    /// Example params (with `actor` where it takes one), shown by `rpc.describe` and sent by the tests.
    static var example: JSONObject { get }
}

extension OperationDefinition {
    public static var aliases: [String] { [] }
    public static var discussion: String { "" }

    /// `case.evidenceList` → `case evidence-list`.
    public static var command: String {
        name.split(separator: ".").map { part in
            part.reduce(into: "") { text, character in
                if character.isUppercase { text += "-" + character.lowercased() } else { text.append(character) }
            }
        }.joined(separator: " ")
    }
}

/// An operation on stored state, for a registered actor.
public protocol StoreOperation: OperationDefinition {
    associatedtype Input
    associatedtype Output
    /// Whether an actor not yet registered may call it: only `staff.add`,
    /// by which the first administrator registers themselves.
    static var admitsUnregistered: Bool { get }
    /// Whether it checks its actor's registration and credential itself, in
    /// the transaction that stores its work (``StoreContext/actorCheck``),
    /// instead of the catalogue's check in a transaction of its own before
    /// it: the check then holds for what it stores (an upload's credential,
    /// revoked while its body arrives, stores nothing).
    static var checksActorInItsTransaction: Bool { get }
    static func run(_ input: Input, _ context: StoreContext) throws -> Output
}

extension StoreOperation {
    public static var admitsUnregistered: Bool { false }
    public static var checksActorInItsTransaction: Bool { false }
}

/// An operation that needs no database: it computes from its params and the data loaded at start.
public protocol ComputeOperation: OperationDefinition {
    associatedtype Input
    associatedtype Output
    static func run(_ input: Input, _ context: ComputeContext) throws -> Output
}

extension ComputeOperation {
    public static var effect: OperationEffect { .computes }
    public static var access: AccessRule { .anyone }
}
