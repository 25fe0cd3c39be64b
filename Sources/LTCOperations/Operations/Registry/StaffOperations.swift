import LTCCases
import LTCCore

/// `staff.add`: an administrator or auditor registered; on an empty
/// registry, the first administrator registering themselves.
public enum AddStaff: StoreOperation {
    public static let name = "staff.add"
    public static let summary = "Register an administrator or auditor; on an empty registry, the first administrator registers themselves."
    public static let discussion = "An actor administrator:ID or auditor:ID acts only once ID is registered staff with that role. On a new database the first administrator registers themselves; from then on administrators add staff."
    public static let access = AccessRule.permission(.manageRegisters)
    public static let admitsUnregistered = true
    public static let effect = OperationEffect.writes
    public static let result = "the staff member"
    public static let example: JSONObject = ["actor": "administrator:wang", "id": "zhao", "role": "auditor", "name": "赵审计"]

    public struct Input: Params {
        @Param("id", "The staff member's id (no spaces).", .text(.id)) public var id: String
        @Param("role", "administrator or auditor.") public var role: StaffMember.Role
        @Param("name", "Full name.") public var name: String?
        public init() {}
    }

    public static func run(_ input: Input, _ context: StoreContext) throws -> StaffOutput {
        StaffOutput(member: try context.services.registry.addStaff(id: input.id, role: input.role, name: input.name, actor: context.actor, asOf: context.asOf))
    }
}

/// `staff.list`: the staff registry, a page at a time.
public enum ListStaff: StoreOperation {
    public static let name = "staff.list"
    public static let summary = "The staff registry, by id, a page at a time (administrators and auditors)."
    public static let access = AccessRule.permission(.readAll)
    public static let effect = OperationEffect.reads
    public static let result = "{staff: [...], next}"
    public static let example: JSONObject = ["actor": "administrator:wang"]

    public struct Input: Params {
        @ParamGroup public var page: PageParams<String>
        public init() {}
    }

    public static func run(_ input: Input, _ context: StoreContext) throws -> Listing<StaffMember> {
        Listing(try context.services.registry.staff(actor: context.actor, page: try input.page.request()))
    }
}

/// A staff member just registered.
public struct StaffOutput: OperationOutput {
    public let member: StaffMember
    public var json: JSONValue { member.json }
    public var text: String { "registered \(member.role.rawValue) \(member.id)\(member.name.map { " \($0)" } ?? "")" }
    public static var schema: JSONSchema { RecordSchemas.staffMember }
}

extension StaffMember: Listable {
    public static let listName = "staff"
    public static var itemSchema: JSONSchema { RecordSchemas.staffMember }
    public static func cursorJSON(_ cursor: String) -> JSONValue { .string(cursor) }
    public var listJSON: JSONValue { json }
    public static func table(_ staff: [StaffMember]) -> String { CaseText.staff(staff) }
}
