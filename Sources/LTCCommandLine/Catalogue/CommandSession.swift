import LTCAssessment
import LTCCases
import LTCCore
import LTCOperations
import LTCProviders
import LTCStorage

/// What a command runs with: the operations' environment over the database
/// its `--db` names (opened on first use, once per process), the clock, and
/// the forms its `--forms` add.
struct CommandSession {
    let environment: OperationEnvironment
    let invocation: CommandInvocation

    init(_ invocation: CommandInvocation) throws {
        let catalog = try FormCatalog.load(directories: invocation.formDirectories)
        let path = invocation.databasePath
        let readsOnly = invocation.entry.effect == .reads
        environment = OperationEnvironment(forms: catalog) {
            let store = try OpenStores.$existingOnly.withValue(readsOnly) { try OpenStores.store(path: path) }
            return StoreServices(store: store, forms: catalog, clock: SystemClock(), vault: StoreLocation(path).evidenceVault)
        }
        self.invocation = invocation
    }

    /// The services over the database.
    func services() throws -> StoreServices { try environment.services() }

    /// The store itself, for what only the command line does to it (a bulk submission's cache).
    func store() throws -> any CaseStore & ProviderStore { try OpenStores.store(path: invocation.databasePath) }

    /// The acting actor the command line names, registered.
    func actor() throws -> Actor {
        let named = try invocation.params["actor"]?.stringValue.map { text throws(CaseError) in try Actor(text) }
        let actor = try Caller.trusting.actor(naming: named)
        try services().registration.require(actor)
        return actor
    }
}
