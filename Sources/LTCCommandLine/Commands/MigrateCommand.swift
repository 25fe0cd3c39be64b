import ArgumentParser
import LTCCore
import LTCStorage

/// `ltc migrate`: brings a database's schema up to this ltc's, as its owner.
struct MigrateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Apply the migrations the database lacks (and, on PostgreSQL, the service-log partitions of the months around today).",
        discussion: """
            The commands migrate a database when they open it; a server does not: it runs as a role that may not \
            change the schema, and refuses a schema that is behind. Run this as the database's owner before \
            starting a new ltc-server, and monthly on PostgreSQL for the coming months' partitions (docs/deploy.md).

            EXAMPLES:
              ltc migrate --db postgresql://ltc_owner@db.example/ltc
              ltc migrate --db ltc.sqlite --check      # exits 69 while migrations are pending
            """
    )

    @Option(help: ArgumentHelp("The database: an SQLite file, or postgresql://USER@HOST:PORT/DBNAME; else $LTC_DB, else ./ltc.sqlite.", valueName: "path|uri"))
    var db: String?

    @Flag(help: "Only say which migrations are pending; exit 69 if any are.") var check = false

    func run() throws {
        try reportingErrors {
            let location = StoreLocation(databasePath(db))
            if check {
                let pending = try location.pendingMigrations()
                print(pending.isEmpty ? "\(location): current" : "\(location): pending \(pending.joined(separator: ", "))")
                if !pending.isEmpty { throw ExitCode(69) }
                return
            }
            let applied = try location.migrate()
            print(applied.isEmpty ? "\(location): current, nothing to apply" : "\(location): applied \(applied.joined(separator: ", "))")
        }
    }
}
