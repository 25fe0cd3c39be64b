import LTCOperations

extension OperationCatalogue {
    /// The catalogue the command line runs, built once per process.
    static let shared = OperationCatalogue.standard()
}
