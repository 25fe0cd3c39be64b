import LTCOperations
import ArgumentParser
import LTCCases
import LTCCore

/// `ltc staff add|list`: the administrators and auditors who may act.
struct StaffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "staff",
        abstract: "Register and list the staff who may act: administrators and auditors.",
        discussion: """
            An actor administrator:ID or auditor:ID acts only once ID is registered staff with that role. \
            On a new database the first administrator registers themselves; from then on administrators add staff.
            """,
        subcommands: [Add.self, List.self]
    )

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add", abstract: "Register an administrator or an auditor.",
            discussion: """
                EXAMPLES:
                  ltc staff add wang --role administrator --name 王科长 --actor administrator:wang   # the first, on a new database
                  ltc staff add zhao --role auditor --name 赵审计 --actor administrator:wang
                """)
        @Argument(help: "The staff member's id, e.g. wang (no spaces).") var id: String
        @Option(help: "administrator or auditor.") var role: String
        @Option(help: "Full name.") var name: String?
        @OptionGroup var options: CaseOptions

        func run() throws {
            try reportingErrors {
                guard let kind = StaffMember.Role(rawValue: role) else {
                    throw CaseError(.invalidInput, "--role '\(role)' is not accepted; use administrator or auditor")
                }
                // Not `actingAs()`: on an empty registry the actor is the first administrator, not yet registered.
                let member = try options.registry().addStaff(id: id, role: kind, name: name, actor: try Actor(options.actor), asOf: try options.date())
                if options.json { printJSON(member.json) } else { print("registered \(member.role.rawValue) \(member.id)\(member.name.map { " \($0)" } ?? "")") }
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the staff (administrators and auditors).")
        @OptionGroup var page: PageOptions
        @OptionGroup var options: CaseOptions

        func run() throws {
            try reading {
                let staff = try options.registry().staff(actor: try options.actingAs(), page: try page.request())
                if options.json {
                    printJSON(["staff": .array(staff.items.map(\.json)), "next": staff.next.map(JSONValue.string) ?? .null])
                } else {
                    print(CaseText.staff(staff.items))
                    if let footer = PageOptions.footer(staff.next) { print(footer) }
                }
            }
        }
    }
}
