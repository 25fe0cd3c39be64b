import LTCCases
@testable import LTCStorage
import LTCTestSupport

extension ContractWorld {
    /// Runs SQL outside the repositories, on a connection of its own, as
    /// someone holding the database would: what only the schema's triggers stop.
    func raw(_ sql: String) throws {
        switch scratch.engine {
        case .sqlite: try SQLiteDatabase(path: scratch.location).run(sql)
        case .postgresql: try PostgresConnection(uri: scratch.location).run(sql)
        }
    }
}
