import LTCCases
import LTCCore
import LTCOperations

/// The commands of review, evidence, bars and care plans: `ltc case recognize|evidence|change-of-condition|audit-draw`,
/// `ltc assessor findings`, `ltc bar …`, `ltc plan …`.
enum CaseReviewSpellings {
    static let caseID = Positional("case", value: "id")

    static let all: [CommandSpelling] = [
        CommandSpelling("case.recognize", arguments: [caseID],
                        options: ["assessedOn": OptionSpelling(value: "date"), "issuedBy": OptionSpelling(value: "name"),
                                  "reference": OptionSpelling(value: "text")],
                        examples: ["ltc case recognize 1 --form gbt-42195-2022 --grade 4 --assessed-on 2026-02-10 --issued-by 区民政局 --reference MZ-2026-0012 --actor administrator:wang"]),
        CommandSpelling("case.evidence", arguments: [caseID],
                        options: ["file": OptionSpelling(value: "path", source: .file, help: "The file: a regular file on this machine (never a FIFO or a device).")],
                        examples: ["ltc case evidence add 1 --file bedside.jpg --kind photo --actor assessor:A01"],
                        abstract: "Attach a file to the case's latest visit; it is kept in the evidence folder under its SHA-256."),
        CommandSpelling("case.evidenceList", arguments: [caseID]),
        CommandSpelling("case.draftSave", arguments: [caseID],
                        examples: ["ltc case draft save 1 --form cn-ltc-2021 --answers {} --place home --actor assessor:A1"]),
        CommandSpelling("case.draft", arguments: [caseID], examples: ["ltc case draft show 1 --actor assessor:A1"]),
        CommandSpelling("case.reportChange", arguments: [caseID],
                        examples: ["ltc case change-of-condition 1 --reason \"a stroke in May\" --actor administrator:wang"]),
        CommandSpelling("case.auditDraw",
                        options: ["month": OptionSpelling(value: "YYYY-MM"), "seed": OptionSpelling(value: "n")],
                        examples: ["ltc case audit-draw --scheme shanghai-2026 --month 2026-05 --actor administrator:wang",
                                   "ltc case audit-draw --scheme shanghai-2026 --month 2026-05 --seed 42 --actor administrator:wang"],
                        discussion: "Each picked case's next assignment (ltc case assign ID --draw) is its audit round, by assessors other than the first; "
                            + "a changed grade is a finding against them (ltc assessor findings)."),
        CommandSpelling("assessor.findings"),
        CommandSpelling("bar.add",
                        options: ["nationalId": OptionSpelling(value: "id")],
                        examples: ["ltc bar add --national-id 11010519491231002X --name 赵某 --role principal --months 60 --from 2026-06-01 --institution I001 --reason \"fraud confirmed\" --actor administrator:wang",
                                   "ltc bar add --national-id 11010519491231002X --name 赵某 --role staff --months 6 --from 2026-06-01 --institution I001 --reason \"false logs\" --actor administrator:wang"]),
        CommandSpelling("bar.list"),
        CommandSpelling("plan.show", arguments: [caseID], examples: ["ltc plan show 1 --actor administrator:wang"]),
        CommandSpelling("plan.history", arguments: [caseID], examples: ["ltc plan history 1 --actor administrator:wang"]),
        CommandSpelling("plan.propose", arguments: [caseID],
                        options: ["answers": .hidden],
                        extras: [ExtraOption("need", value: "item=score", help: "A need not derived: ITEM=SCORE (0 no need, 1 needs help); repeat for each.",
                                             repeatable: true)],
                        examples: ["ltc plan propose 1 --need needs.pressure=0 --need needs.tube=0 --need needs.medication=1 --need needs.rehabilitation=1 --need needs.carer=0 --actor assessor:A1",
                                   "ltc plan propose 1 --actor assessor:A1"],
                        abstract: "Propose a plan from the care needs: derived ones read off the latest assessment, the rest given.",
                        discussion: "Without --need, the needs not read off the assessment are asked one by one on the terminal, "
                            + "as `case assess` asks a form; the summary shows every need and the plan proposed.",
                        prepare: PlanSpelling.needs),
        CommandSpelling("plan.set", arguments: [caseID],
                        options: ["items": OptionSpelling(flag: "item", value: "item", source: .commandLine,
                                                          help: "CODE=PER-WEEK[,per-day=N][,minutes=M]; repeat for each item (minutes default to the catalogue's).",
                                                          optional: true)],
                        examples: ["ltc plan set 1 --item S01=2 --item S03=1,per-day=1,minutes=45 --reason \"the daughter bathes her on Sundays\" --actor institution:I001"],
                        prepare: PlanSpelling.items),
        CommandSpelling("plan.confirm", arguments: [caseID], examples: ["ltc plan confirm 1 --by 陈老伯 --actor administrator:wang"]),
    ]
}

/// How `ltc plan` reads what people type into the params of the plan operations.
enum PlanSpelling {
    /// `plan propose`: the answers given as `--need ITEM=SCORE`, each once;
    /// without any, the needs not read off the assessment asked one by one on the terminal.
    static let needs: CommandSpelling.Prepare = { invocation, session in
        var answers = JSONObject()
        let given = invocation.extras["need"] ?? []
        if given.isEmpty {
            guard let walked = try walk(invocation, session) else {
                print("not saved: nothing was stored")
                throw ExitStatusError(status: 0)
            }
            answers = walked
        }
        for text in given {
            let parts = text.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, let score = Int(parts[1]) else {
                throw InputError(source: "--need", message: "'\(text)' is not ITEM=SCORE, e.g. needs.pressure=1")
            }
            guard answers[parts[0]] == nil else {
                throw InputError(source: "--need", message: "\(parts[0]) is given twice; give each need once")
            }
            answers.set(parts[0], .integer(score))
        }
        invocation.params.set("answers", .object(answers))
    }

    /// The needs form walked on the terminal, the needs read off the
    /// assessment shown and not asked; `nil` if the assessor left without saving.
    private static func walk(_ invocation: CommandInvocation, _ session: CommandSession) throws -> JSONObject? {
        guard let caseID = invocation.params["case"]?.intValue else { return [:] }
        let actor = try session.actor()
        var asOf: CalendarDate?
        if let date = invocation.params["asOf"] {
            // A date that is not one is refused with the operation's other params, before anything is asked.
            guard let day = try? CalendarDate(param: date) else { return [:] }
            try Access.require(actor, .setClock)
            asOf = day
        }
        let services = try session.services()
        let (form, derived) = try services.plans.careNeeds(caseID: caseID, actor: actor, asOf: try services.registry.day(asOf))
        let walk = AssessmentWalkthrough(form: form, heading: "case \(caseID) · care needs · \(actor)", known: derived)
        return try walk.run()?.answers
    }

    /// `plan set`: each `--item CODE=PER-WEEK[,per-day=N][,minutes=M]` as an item of the plan.
    static let items: CommandSpelling.Prepare = { invocation, _ in
        let items = try (invocation.extras["items"] ?? []).map(item)
        invocation.params.set("items", .array(items))
    }

    /// Reads `CODE=PER-WEEK[,per-day=N][,minutes=M]`.
    static func item(_ text: String) throws(InputError) -> JSONValue {
        let invalid = InputError(source: "--item", message: "'\(text)' is not CODE=PER-WEEK[,per-day=N][,minutes=M], e.g. S01=2,minutes=60")
        var parts = text.split(separator: ",").map(String.init)
        guard !parts.isEmpty else { throw invalid }
        let head = parts.removeFirst().split(separator: "=", maxSplits: 1).map(String.init)
        guard head.count == 2, !head[0].isEmpty, let perWeek = Int(head[1]) else { throw invalid }
        var item: JSONObject = ["code": .string(head[0]), "perWeek": .integer(perWeek)]
        for part in parts {
            let pair = part.split(separator: "=", maxSplits: 1).map(String.init)
            guard pair.count == 2, let value = Int(pair[1]) else { throw invalid }
            switch pair[0] {
            case "per-day": item.set("perDay", .integer(value))
            case "minutes": item.set("minutes", .integer(value))
            default: throw invalid
            }
        }
        return .object(item)
    }
}
