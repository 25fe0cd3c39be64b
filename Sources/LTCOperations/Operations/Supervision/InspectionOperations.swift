import LTCCases
import LTCCore
import LTCProviders

/// `inspection.record`: an on-site inspection with its score.
public enum RecordInspection: StoreOperation {
    public static let name = "inspection.record"
    public static let summary = "Record an on-site inspection with its score."
    public static let discussion = "The period's inspections stand in for the inspector-scored indicators of a performance assessment that are not given, and a good one gives credit back. An inspection sent by a random draw names it, and must be of an institution the draw picked, on or after the draw. An inspection is routine, special, joint or flight, about a matter (its type's name unless given); the same institution is not inspected for the same matter again within the scheme's enforcement.reinspectionDays."
    public static let command = "inspection"
    public static let access = AccessRule.permission(.supervise)
    public static let effect = OperationEffect.writes
    public static let result = "the record"
    public static let example: JSONObject = ["actor": "administrator:wang", "institution": "I001", "score": 92, "note": "clean"]

    public struct Input: Params {
        @Param("institution", "The institution id.", .text(.id)) public var institution: String
        @Param("score", "The inspector's score, 0–100.", .range(0...100)) public var score: Int
        @Param("note", "The findings.", .text(.note)) public var note: String
        @Param("date", "The day of the inspection (default: the date of the operation).") public var date: CalendarDate?
        @Param("draw", "The random draw that sent the inspectors (inspection.draw).") public var draw: Int?
        @Param("type", "The kind of inspection.", default: "routine") public var type: InspectionType
        @Param("matter", "The matter inspected (default: the type's name), e.g. billing or staffing.", .text(.id)) public var matter: String?
        public init() {}
    }

    public static func run(_ input: Input, _ context: StoreContext) throws -> SupervisionRecordOutput {
        let day = try context.day()
        return SupervisionRecordOutput(record: try context.services.supervision.record(
            .inspection, institution: input.institution, date: input.date ?? day, score: input.score, person: nil, note: input.note,
            draw: input.draw, inspectionType: input.type, matter: input.matter, actor: context.actor, asOf: day))
    }
}

extension InspectionType: ParamEnum {}

/// `inspection.coverage`: institutions without an on-site inspection this year.
public enum InspectionCoverage: StoreOperation {
    public static let name = "inspection.coverage"
    public static let summary = "Institutions with an agreement in force and no on-site inspection in the year (seed 002 ch. 7: every institution inspected on site each year), a page at a time."
    public static let discussion = "In force on the year's last day, or on the date of the operation within the year. A page may hold fewer than its limit and still have a next."
    public static let command = "inspections coverage"
    public static let access = AccessRule.permission(.readAll)
    public static let effect = OperationEffect.reads
    public static let result = "{uninspected: [{institution, name, lastInspection}], next}"
    public static let example: JSONObject = ["actor": "auditor:zhao", "year": 2026]

    public struct Input: Params {
        @Param("year", "The year (default: the year of the operation's date).", .range(2000...2200)) public var year: Int?
        @ParamGroup public var page: PageParams<String>
        public init() {}
    }

    public static func run(_ input: Input, _ context: StoreContext) throws -> Listing<SupervisionService.Uninspected> {
        let day = try context.day()
        return Listing(try context.services.supervision.uninspected(year: input.year ?? day.year, actor: context.actor, asOf: day,
                                                                    page: try input.page.request()))
    }
}

extension SupervisionService.Uninspected: Listable {
    public static let listName = "uninspected"
    public static var itemSchema: JSONSchema {
        .object(["institution": .string(), "name": .string(), "lastInspection": RecordSchemas.date.orNull.describing("The last on-site inspection before the year, if any.")],
                required: ["institution", "name", "lastInspection"])
    }
    public static func cursorJSON(_ cursor: String) -> JSONValue { .string(cursor) }
    public var listJSON: JSONValue { json }

    public static func table(_ items: [Self]) -> String {
        var table = TextTable()
        table.header([("INSTITUTION", "机构"), ("NAME", "名称"), ("LAST INSPECTED", "上次检查")])
        for item in items { table.append([item.institution, item.name, item.lastInspection?.description ?? "never"]) }
        return table.rendered()
    }
}

/// `complaint.record`: a complaint about an institution.
public enum RecordComplaint: StoreOperation {
    public static let name = "complaint.record"
    public static let summary = "Record a complaint about an institution."
    public static let discussion = "Complaints count in the complaints indicator of the institution's performance assessment."
    public static let command = "complaint"
    public static let access = AccessRule.permission(.supervise)
    public static let effect = OperationEffect.writes
    public static let result = "the record"
    public static let example: JSONObject = ["actor": "administrator:wang", "institution": "I001", "note": "late visits"]

    public struct Input: Params {
        @Param("institution", "The institution id.", .text(.id)) public var institution: String
        @Param("note", "The complaint.", .text(.note)) public var note: String
        @Param("person", "The insured person who complained, if any.") public var person: Int?
        @Param("date", "The day received (default: the date of the operation).") public var date: CalendarDate?
        public init() {}
    }

    public static func run(_ input: Input, _ context: StoreContext) throws -> SupervisionRecordOutput {
        let day = try context.day()
        return SupervisionRecordOutput(record: try context.services.supervision.record(
            .complaint, institution: input.institution, date: input.date ?? day, score: nil, person: input.person, note: input.note,
            actor: context.actor, asOf: day))
    }
}

/// `inspection.draw`: institutions and inspectors drawn at random (双随机).
public enum DrawInspections: StoreOperation {
    public static let name = "inspection.draw"
    public static let summary = "Draw institutions with an agreement in force, and two inspectors each from the staff registry, at random (双随机); the seed and pools are kept."
    public static let discussion = "The seed and both pools are kept: the same seed and pools give the same draw."
    public static let command = "inspections draw"
    public static let access = AccessRule.permission(.supervise)
    public static let effect = OperationEffect.writes
    public static let result = "{id, drawnOn, seed, institutionPool, inspectorPool, picks: [{institution, inspectors}], drawnBy}"
    public static let example: JSONObject = ["actor": "administrator:wang", "count": 1, "seed": "42"]

    public struct Input: Params {
        @Param("count", "How many institutions.", .range(1...1000)) public var count: Int
        @Param("seed", "A seed (digits) to draw with; else one is made and kept.") public var seed: DrawSeed?
        public init() {}
    }

    public static func run(_ input: Input, _ context: StoreContext) throws -> InspectionDrawOutput {
        InspectionDrawOutput(draw: try context.services.supervision.drawInspections(count: input.count, seed: input.seed?.value,
                                                                                    actor: context.actor, asOf: try context.day()))
    }
}

/// `inspection.results`: a draw and the results of the inspections it sent, published (一公开).
public enum InspectionResults: StoreOperation {
    public static let name = "inspection.results"
    public static let summary = "A random draw and the results of the inspections it sent, published to every registered actor (一公开)."
    public static let command = "inspections results"
    public static let access = AccessRule.registered
    public static let effect = OperationEffect.reads
    public static let result = "{draw, results: [the inspection records]}"
    public static let example: JSONObject = ["actor": "administrator:wang", "draw": 1]

    public struct Input: Params {
        @Param("draw", "The draw's id.") public var draw: Int
        public init() {}
    }

    public static func run(_ input: Input, _ context: StoreContext) throws -> InspectionResultsOutput {
        let (draw, results) = try context.services.supervision.inspectionResults(draw: input.draw, actor: context.actor)
        return InspectionResultsOutput(draw: draw, results: results)
    }
}

/// An inspection or a complaint just recorded.
public struct SupervisionRecordOutput: OperationOutput {
    public let record: SupervisionRecord
    public var json: JSONValue { record.json }
    public var text: String {
        switch record.kind {
        case .inspection: "inspection \(record.id) of \(record.institution) on \(record.date): \(record.score.map(String.init) ?? "")"
            + (record.inspectionType.map { $0 == .routine && record.matter == "routine" ? "" : " (\($0.rawValue), \(record.matter ?? $0.rawValue))" } ?? "")
        case .complaint: "complaint \(record.id) about \(record.institution) on \(record.date)"
        }
    }
    public static var schema: JSONSchema { RecordSchemas.supervisionRecord }
}

/// A random draw of inspections just made.
public struct InspectionDrawOutput: OperationOutput {
    public let draw: InspectionDraw
    public var json: JSONValue { draw.json }
    public var text: String {
        var lines = ["inspection draw \(draw.id) on \(draw.drawnOn), seed \(draw.seed): \(draw.picks.count) of \(draw.institutionPool.count) institutions, inspectors from \(draw.inspectorPool.count)"]
        for pick in draw.picks { lines.append("  \(pick.institution): \(pick.inspectors.joined(separator: ", "))") }
        return lines.joined(separator: "\n")
    }
    public static var schema: JSONSchema { RecordSchemas.inspectionDraw }
}

/// A draw with the results of the inspections it sent.
public struct InspectionResultsOutput: OperationOutput {
    public let draw: InspectionDraw
    public let results: [SupervisionRecord]
    public var json: JSONValue { ["draw": draw.json, "results": .array(results.map(\.json))] }
    public var text: String {
        var table = TextTable(rightAligned: [2])
        table.header([("INSTITUTION", "机构"), ("INSPECTORS", "检查人员"), ("SCORE", "得分"), ("DATE", "日期"), ("FINDINGS", "结果")])
        for pick in draw.picks {
            let found = results.filter { $0.institution == pick.institution }
            if found.isEmpty { table.append([pick.institution, pick.inspectors.joined(separator: ", "), "—", "not yet", ""]) }
            for record in found {
                table.append([pick.institution, pick.inspectors.joined(separator: ", "), record.score.map(String.init) ?? "", record.date.description, record.note])
            }
        }
        return "inspection draw \(draw.id) on \(draw.drawnOn), seed \(draw.seed)\n" + table.rendered()
    }
    public static var schema: JSONSchema {
        .object(["draw": RecordSchemas.inspectionDraw, "results": .array(RecordSchemas.supervisionRecord)], required: ["draw", "results"])
    }
}
