import LTCAssessment
import LTCCases
import LTCCore
import Synchronization

/// What operations run against in one process or worker: the forms loaded
/// at start, the clock, and the services over the database, opened on the
/// first operation that needs them (a stream that only scores never opens one).
///
/// ```swift
/// let environment = OperationEnvironment(forms: catalog) {
///     StoreServices(store: try StoreLocation(path).open(), forms: catalog, clock: SystemClock())
/// }
/// ```
public final class OperationEnvironment: Sendable {
    public let forms: FormCatalog
    public let clock: any WallClock
    private let open: (@Sendable () throws -> StoreServices)?
    private let state = Mutex(State())

    private struct State {
        var services: StoreServices?
    }

    /// - Parameter open: opens the services over the database; `nil` for an
    ///   environment without one (operations on stored state then say so).
    public init(forms: FormCatalog, clock: any WallClock = SystemClock(), services open: (@Sendable () throws -> StoreServices)? = nil) {
        self.forms = forms
        self.clock = clock
        self.open = open
    }

    /// The services, opened on first use.
    public func services() throws -> StoreServices {
        try state.withLock { state throws -> StoreServices in
            if let services = state.services { return services }
            guard let open else { throw InputError(source: "database", message: "this ltc was started without a database: only forms and scoring are answered") }
            let services = try open()
            state.services = services
            return services
        }
    }

    /// Throws ``CaseError/Kind/forbidden`` unless `actor` is registered (staff,
    /// an assessor, an institution) and not deactivated. Asked of the
    /// database on every request, never cached: a deactivation recorded by
    /// any process (another worker, the command line) refuses the actor's
    /// very next request. It costs one read of two rows by primary key.
    func requireRegistered(_ actor: Actor) throws {
        try services().registration.require(actor)
    }
}
