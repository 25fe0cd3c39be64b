import LTCAssessment
import LTCCases
import LTCCore

/// What a ``StoreOperation`` runs with: the actor (registered, and the one
/// the caller may act as), the date an administrator set, and the services
/// over the store.
public struct StoreContext: Sendable {
    public let actor: Actor
    /// The date of the operation (`asOf`, `--as-of`): only an administrator sets it.
    public let asOf: CalendarDate?
    public let services: StoreServices
    public let environment: OperationEnvironment

    /// `asOf`, else today in the zone of the stored schemes.
    public func day() throws -> CalendarDate {
        try services.registry.day(asOf)
    }
}

/// What a ``ComputeOperation`` runs with: the forms and built-in data loaded at start.
public struct ComputeContext: Sendable {
    public let environment: OperationEnvironment

    public var forms: FormCatalog { environment.forms }
}
