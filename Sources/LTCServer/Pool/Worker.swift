import LTCCore
import LTCOperations
import LTCProtocol

/// What one worker thread runs requests with: its own environment (its own
/// database connection, opened on the first request that needs it), its own
/// catalogue and JSON-RPC server, so that workers share nothing but the
/// database.
public struct Worker: Sendable {
    public let number: Int
    public let environment: OperationEnvironment
    public let catalogue: OperationCatalogue
    public let rpc: RPCServer

    public init(number: Int, environment: OperationEnvironment, catalogue: OperationCatalogue, rpc: RPCServer) {
        self.number = number
        self.environment = environment
        self.catalogue = catalogue
        self.rpc = rpc
    }
}
