import ArgumentParser
import LTCCore
import LTCStorage

/// `ltc grant ROLE`: gives a PostgreSQL role what ltc's runtime needs, and nothing more.
struct GrantCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "grant",
        abstract: "Give a PostgreSQL role the least privilege ltc runs with: it owns nothing, and only reads and adds to the audit trail.",
        discussion: """
            Run as the owner of the database's schema (the role that runs the migrations), after every migration: \
            new tables need their grants. The role must exist and own nothing there, and may not be a superuser. \
            It then reads and writes the tables ltc writes; on the audit trail and its chain, submissions, \
            settlements and deactivations it may only read and add rows; it may not remove a credential, change the \
            schema, disable a trigger or empty a table (docs/security.md). Everything it held in the schema before is \
            revoked first.

            EXAMPLES:
              ltc grant ltc_app --db postgresql://ltc_owner@db.example/ltc
              ltc grant ltc_app --sql --db postgresql://ltc_owner@db.example/ltc > grants.sql   # to read, or run with psql
            """
    )

    @Argument(help: ArgumentHelp("The role ltc will connect as (CREATE ROLE … LOGIN first).", valueName: "role")) var role: String
    @Option(help: ArgumentHelp("The database, as its owner: postgresql://OWNER@HOST:PORT/DBNAME (else $LTC_DB).", valueName: "uri"))
    var db: String?
    @Flag(help: "Print the statements instead of running them.") var sql = false

    func run() throws {
        try reportingErrors {
            let location = StoreLocation(databasePath(db))
            guard case .postgresql(let uri) = location else {
                throw InputError(source: "--db", message: "'\(location)' is an SQLite file: roles are PostgreSQL's; an SQLite file's walls are its owner's file permissions (docs/security.md)")
            }
            try PlainText.require(role, "role", as: .id)
            // Brings the schema up to date first: the grants are for the tables this ltc uses.
            _ = try location.open()
            let statements = try PostgresRuntimeRole.grant(role, on: uri, run: !sql)
            if sql {
                print(statements.map { $0 + ";" }.joined(separator: "\n"))
            } else {
                print("granted \(role) the runtime's privileges on \(location): \(statements.count) statements (--sql prints them)")
            }
        }
    }
}
