import LTCCases
import LTCCore
import LTCProviders

/// `caregiver.register`: a caregiver registered by real name with an institution, or their record updated.
public enum RegisterCaregiver: StoreOperation {
    public static let name = "caregiver.register"
    public static let summary = "Register or update a caregiver of an institution."
    public static let discussion = "A person barred from LTCI work during the employment is refused; registrations with one national ID are one caregiver for the overlap check (O01)."
    public static let command = "caregiver add"
    public static let access = AccessRule.record(roles: [.administrator, .institution], rule: "an institution registers its own caregivers")
    public static let effect = OperationEffect.writes
    public static let result = "the caregiver (ID masked)"
    public static let example: JSONObject = ["actor": "administrator:wang", "institution": "I001", "id": "C1", "name": "张护理",
                                             "qualifications": ["caregiver"], "from": "2026-01-01"]

    public struct Input: Params {
        @Param("institution", "The institution id.", .text(.id)) public var institution: String
        @Param("id", "The caregiver's id within the institution.", .text(.id)) public var id: String
        @Param("name", "Full name.") public var name: String
        @Param("qualifications", "Their qualifications.") public var qualifications: [CaregiverQualification]
        @Param("from", "First day employed.") public var from: CalendarDate
        @Param("to", "Last day employed, if it has ended.") public var to: CalendarDate?
        @Param("nationalId", "The caregiver's national ID: bars follow the person to any institution.", .text(.id)) public var nationalID: String?
        public init() {}
    }

    public static func run(_ input: Input, _ context: StoreContext) throws -> CaregiverOutput {
        var caregiver = Caregiver(id: input.id, name: input.name, institution: input.institution, qualifications: input.qualifications.map(\.name),
                                  employment: [DatePeriod(from: input.from, to: input.to)])
        caregiver.nationalID = try input.nationalID.map { text throws(CaseError) in try NationalID(text) }
        return CaregiverOutput(caregiver: try context.services.agreements.register(caregiver, actor: context.actor, asOf: try context.day()))
    }
}

/// `caregiver.list`: registered caregivers, a page at a time.
public enum ListCaregivers: StoreOperation {
    public static let name = "caregiver.list"
    public static let summary = "Registered caregivers, by institution and id, a page at a time."
    public static let discussion = "An institution lists its own."
    public static let access = AccessRule.registered
    public static let effect = OperationEffect.reads
    public static let result = "{caregivers: [...], next}"
    public static let example: JSONObject = ["actor": "administrator:wang", "institution": "I001"]

    public struct Input: Params {
        @Param("institution", "Only this institution's.", .text(.id)) public var institution: String?
        @ParamGroup public var page: PageParams<CaregiverKey>
        public init() {}
    }

    public static func run(_ input: Input, _ context: StoreContext) throws -> Listing<Caregiver> {
        Listing(try context.services.agreements.caregivers(institution: input.institution, actor: context.actor, page: try input.page.request()))
    }
}

/// `enrolment.add`: a beneficiary enrolled with an institution in a mode.
public enum AddEnrolment: StoreOperation {
    public static let name = "enrolment.add"
    public static let summary = "Enrol a case's beneficiary with an institution in a mode; the plan follows the grade's package."
    public static let command = "enrol"
    public static let access = AccessRule.permission(.manageInstitutions)
    public static let effect = OperationEffect.writes
    public static let result = "the enrolment"
    public static let example: JSONObject = ["actor": "administrator:wang", "case": 1, "institution": "I001", "mode": "home-visit"]

    public struct Input: Params {
        @Param("case", "The case id.") public var caseID: Int
        @Param("institution", "The institution id.", .text(.id)) public var institution: String
        @Param("mode", "The service mode.", .text(.id)) public var mode: String
        @Param("from", "First day (default asOf).") public var from: CalendarDate?
        @Param("home", "The home's location for check-in distance, \"lat,lon\", e.g. 31.2304,121.4737.") public var home: GeoPoint?
        public init() {}
    }

    public static func run(_ input: Input, _ context: StoreContext) throws -> EnrolmentOutput {
        let day = try context.day()
        return EnrolmentOutput(enrolment: try context.services.agreements.enrol(
            caseID: input.caseID, institution: input.institution, mode: input.mode, from: input.from ?? day, home: input.home,
            actor: context.actor, asOf: day))
    }
}

/// `enrolment.list`: enrolments with their care plans, a page at a time.
public enum ListEnrolments: StoreOperation {
    public static let name = "enrolment.list"
    public static let summary = "Enrolments with their care plans, by id, a page at a time."
    public static let discussion = "An institution lists its own."
    public static let access = AccessRule.registered
    public static let effect = OperationEffect.reads
    public static let result = "{enrolments: [...], next}"
    public static let example: JSONObject = ["actor": "administrator:wang", "institution": "I001"]

    public struct Input: Params {
        @Param("institution", "Only this institution's.", .text(.id)) public var institution: String?
        @ParamGroup public var page: PageParams<Int>
        public init() {}
    }

    public static func run(_ input: Input, _ context: StoreContext) throws -> Listing<Enrolment> {
        Listing(try context.services.agreements.enrolments(institution: input.institution, actor: context.actor, page: try input.page.request()))
    }
}

/// `enrolment.transfer`: a leaving institution's clients moved to another without a gap.
public enum TransferClients: StoreOperation {
    public static let name = "enrolment.transfer"
    public static let summary = "Move an institution's clients enrolled on a day to another institution from that day, without a gap."
    public static let discussion = "Each enrolment ends the day before and a new one starts on the day, in the same mode; the new agreement's modes and capacity are checked as for any enrolment. All move, or none."
    public static let command = "agreement transfer"
    public static let access = AccessRule.permission(.manageInstitutions)
    public static let effect = OperationEffect.writes
    public static let result = "{enrolments: [the new enrolments]}"
    public static let example: JSONObject = ["actor": "administrator:wang", "from": "I001", "to": "I002", "on": "2026-10-01"]

    public struct Input: Params {
        @Param("from", "The institution leaving.", .text(.id)) public var from: String
        @Param("to", "The institution taking its clients.", .text(.id)) public var to: String
        @Param("on", "The first day with the new institution (default asOf).") public var on: CalendarDate?
        public init() {}
    }

    public static func run(_ input: Input, _ context: StoreContext) throws -> TransferOutput {
        let day = try context.day()
        let moved = try context.services.agreements.transferClients(from: input.from, to: input.to, on: input.on ?? day, actor: context.actor, asOf: day)
        return TransferOutput(from: input.from, to: input.to, enrolments: moved)
    }
}

/// A caregiver just registered.
public struct CaregiverOutput: OperationOutput {
    public let caregiver: Caregiver
    public var json: JSONValue { caregiver.json }
    public var text: String { "registered caregiver \(caregiver.institution)/\(caregiver.id) \(caregiver.name)" }
    public static var schema: JSONSchema { RecordSchemas.caregiver }
}

/// An enrolment just made, with its weekly plan.
public struct EnrolmentOutput: OperationOutput {
    public let enrolment: Enrolment
    public var json: JSONValue { enrolment.json }
    public var text: String {
        "enrolment \(enrolment.id): case \(enrolment.caseID) with \(enrolment.institution) in \(enrolment.mode) from \(enrolment.period.from); plan: \(EnrolmentText.plan(enrolment))"
    }
    public static var schema: JSONSchema { RecordSchemas.enrolment }
}

/// The clients moved by a transfer.
public struct TransferOutput: OperationOutput {
    public let from: String
    public let to: String
    public let enrolments: [Enrolment]
    public var json: JSONValue { ["enrolments": .array(enrolments.map(\.json))] }
    public var text: String {
        "\(enrolments.count) client\(enrolments.count == 1 ? "" : "s") moved from \(from) to \(to): "
            + enrolments.map { "case \($0.caseID) (\($0.mode))" }.joined(separator: ", ")
    }
    public static var schema: JSONSchema {
        .object(["enrolments": JSONSchema.array(RecordSchemas.enrolment).describing("The new enrolments, from the day.")], required: ["enrolments"])
    }
}

/// How an enrolment's weekly plan reads.
enum EnrolmentText {
    static func plan(_ enrolment: Enrolment) -> String {
        enrolment.weeklyMinutes.map { "\($0 / 60) h a week" } ?? enrolment.weeklyVisits.map { "\($0) visits a week" } ?? "no weekly limit"
    }
}

extension Caregiver: Listable {
    public static let listName = "caregivers"
    public static var itemSchema: JSONSchema { RecordSchemas.caregiver }
    public static func cursorJSON(_ cursor: CaregiverKey) -> JSONValue { .string(cursor.description) }
    public var listJSON: JSONValue { json }

    public static func table(_ caregivers: [Caregiver]) -> String {
        var table = TextTable()
        table.header([("INSTITUTION", "机构"), ("ID", "编号"), ("NAME", "姓名"), ("QUALIFICATIONS", "资质"), ("EMPLOYED", "在职")])
        for caregiver in caregivers {
            table.append([caregiver.institution, caregiver.id, caregiver.name, caregiver.qualifications.joined(separator: ","),
                          caregiver.employment.map { "\($0.from) to \($0.to?.description ?? "now")" }.joined(separator: "; ")])
        }
        return table.rendered()
    }
}

extension Enrolment: Listable {
    public static let listName = "enrolments"
    public static var itemSchema: JSONSchema { RecordSchemas.enrolment }
    public static func cursorJSON(_ cursor: Int) -> JSONValue { .integer(cursor) }
    public var listJSON: JSONValue { json }

    public static func table(_ enrolments: [Enrolment]) -> String {
        var table = TextTable()
        table.header([("ID", "编号"), ("CASE", "案件"), ("INSTITUTION", "机构"), ("MODE", "服务方式"), ("PERIOD", "期间"), ("PLAN", "计划")])
        for enrolment in enrolments {
            table.append([String(enrolment.id), String(enrolment.caseID), enrolment.institution, enrolment.mode,
                          "\(enrolment.period.from) to \(enrolment.period.to?.description ?? "now")", EnrolmentText.plan(enrolment)])
        }
        return table.rendered()
    }
}
