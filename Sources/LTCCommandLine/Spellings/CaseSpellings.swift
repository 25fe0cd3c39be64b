import Foundation
import LTCCore
import LTCCases
import LTCOperations
import LTCSchemes
import LTCStorage

/// The commands of cases: `ltc case …`; and of benefits: `ltc benefit …`, `ltc fund project`.
enum CaseSpellings {
    static let caseID = Positional("case", value: "id")

    static let all: [CommandSpelling] = [
        CommandSpelling("case.open",
                        options: ["disabledSince": OptionSpelling(value: "date"), "materials": OptionSpelling(value: "ids", help: "The materials given, comma-separated ids of the scheme's list."),
                                  "agent": .hidden],
                        extras: [ExtraOption("agent", value: "name", help: "Who applies for the person, when not the person.", into: ["agent", "name"]),
                                 ExtraOption("relationship", value: "text", help: "How the agent is related to the person, e.g. daughter, guardian.",
                                             into: ["agent", "relationship"])],
                        examples: ["ltc case open --person 1 --disabled-since 2025-08-01 --actor administrator:wang",
                                   "ltc case open --person 1 --disabled-since 2025-08-01 --materials id-card,medical-records --agent 陈小妹 --relationship daughter --actor administrator:wang"]),
        CommandSpelling("case.check", arguments: [caseID], examples: ["ltc case check 1 --actor administrator:wang"],
                        abstract: "Check eligibility against every rule of the scheme."),
        CommandSpelling("case.assign", arguments: [caseID],
                        options: ["assessors": OptionSpelling(value: "ids", help: "Assessor ids, comma-separated, e.g. A01,A02.", optional: true),
                                  "reason": OptionSpelling(value: "text", help: "Why the assessors are named by hand rather than drawn (needed with --assessors).",
                                                           optional: true)],
                        examples: [#"ltc case assign 1 --assessors A01,A02 --reason "the area's only medical assessor" --actor administrator:wang"#,
                                   "ltc case assign 1 --draw --actor administrator:wang"],
                        abstract: "Assign the assessors of the next assessment or re-assessment, by name or drawn at random.",
                        discussion: "--draw draws them from the active assessors free of a conflict of interest; the seed and the pool are kept with the case, and --seed replays a draw.",
                        variants: [Variant(flag: "draw", spelling: CommandSpelling(
                            "case.draw", path: ["case", "assign"], arguments: [caseID],
                            options: ["seed": OptionSpelling(value: "n", help: "The draw's seed (default: a random one, kept with the case)."),
                                      "agency": OptionSpelling(value: "name")],
                            extras: [ExtraOption("assessors", value: "ids", help: "Not with --draw: the draw chooses them."),
                                     ExtraOption("reason", value: "text", help: "Not with --draw: a draw needs none.")],
                            prepare: { invocation, _ in
                                if invocation.extra("assessors") != nil { throw CaseError(.invalidInput, "give exactly one of --assessors IDS and --draw") }
                                if invocation.extra("reason") != nil { throw CaseError(.invalidInput, "--reason goes with --assessors: a draw needs none") }
                            }))],
                        prepare: { invocation, _ in
                            guard invocation.params["assessors"] != nil else { throw CaseError(.invalidInput, "give exactly one of --assessors IDS and --draw") }
                            // Left out, the reason is empty: the service says that a team named by hand needs one.
                            if invocation.params["reason"] == nil { invocation.params.set("reason", "") }
                        }),
        CommandSpelling("case.assess", arguments: [caseID],
                        options: ["answers": OptionSpelling(value: "file", source: .commandLine,
                                                            help: "An answers file (as for `ltc score`), or - for standard input.", optional: true),
                                  "conditions": .hidden,
                                  "form": OptionSpelling(help: "The form id, e.g. cn-ltc-2021 (with --resume: the draft's; with --answers: the file's, if it names one).",
                                                         optional: true),
                                  "place": OptionSpelling(help: "Where the assessment took place (with --resume: the draft's).", optional: true),
                                  "date": OptionSpelling(help: "The date of the visit (default: --as-of, or today; with --resume: the draft's).")],
                        extras: [ExtraOption("resume", help: "Continue the walk-through from the draft of this case's answers kept so far.")],
                        examples: ["ltc case assess 1 --form cn-ltc-2021 --place home --actor assessor:A1",
                                   "ltc case assess 1 --resume --actor assessor:A1",
                                   "ltc case assess 1 --form cn-ltc-2021 --answers answers.json --place home --date 2026-03-05 --actor assessor:A1"],
                        discussion: """
                            Without --answers, walks through the form on the terminal: first whether the assessment could be saved at all \
                            (the case, the assignment, the form, the visit's date and who may set --as-of), then the form's conditions and \
                            each item (b goes back and shows the answer given, ? shows the item's guidance), then every answer with the grade; \
                            y saves, n leaves, a question's number changes it. Each answer is kept as a draft as it is given: Ctrl-C, the end \
                            of input or n leave the assessment unsaved and the draft kept, and --resume continues it; the saved assessment removes it.
                            """,
                        prepare: assessmentAnswers,
                        render: { output, invocation in
                            // The command line's JSON is the assessment; its text says which and gives the case.
                            guard invocation.json, let assessed = output as? AssessmentOutput else { return printing(output, invocation) }
                            printJSON(assessed.assessment.json)
                        }),
        CommandSpelling("case.determine", arguments: [caseID], examples: ["ltc case determine 1 --actor administrator:wang"],
                        abstract: "Determine the grade from the assessment; publish it, or after a re-assessment put it in force."),
        CommandSpelling("case.object", arguments: [caseID], options: ["reason": OptionSpelling(help: "The grounds of the objection.")],
                        examples: [#"ltc case object 1 --reason "the family disputes the walking score" --actor administrator:wang"#],
                        abstract: "Record an objection lodged during publicity."),
        CommandSpelling("case.confirm", arguments: [caseID], examples: ["ltc case confirm 1 --actor administrator:wang"],
                        abstract: "Put a published grade in force once publicity has passed."),
        CommandSpelling("case.suspend", arguments: [caseID], options: ["reason": OptionSpelling(help: "Why, e.g. 'hospital stay'.")],
                        examples: [#"ltc case suspend 1 --reason "hospital stay" --actor administrator:wang"#]),
        CommandSpelling("case.resume", arguments: [caseID], examples: ["ltc case resume 1 --actor administrator:wang"]),
        CommandSpelling("case.terminate", arguments: [caseID],
                        options: ["on": OptionSpelling(help: "The day the case ended (YYYY-MM-DD); default the day it is recorded.")],
                        examples: ["ltc case terminate 1 --reason death --on 2026-03-20 --actor administrator:wang",
                                   "ltc case terminate 1 --reason left --actor administrator:wang"],
                        abstract: "Close a case: death, left, recovery or withdrawn.",
                        discussion: """
                            --on gives the day the case ended (the date of death), if earlier than the day the termination is \
                            recorded. Services after it are not paid: accepted logs dated after it are withdrawn (B03), and what \
                            a settled month paid for them is recovered on the institution's next statement.
                            """),
        CommandSpelling("case.mode", arguments: [caseID], examples: ["ltc case mode 1 --mode home-care --actor administrator:wang"],
                        abstract: "Choose the service mode (from today, or from next month if the scheme says so)."),
        CommandSpelling("case.bonus", arguments: [caseID], options: ["take": OptionSpelling(value: "choice")],
                        examples: ["ltc case bonus 1 --take cash --actor administrator:wang"],
                        abstract: "Choose how the person takes the bonus for continuous care: more hours or cash (from next month)."),
        CommandSpelling("case.subsidy", arguments: [caseID],
                        examples: ["ltc case subsidy 1 --subsidy elderly-disability --monthly 150 --from 2026-01-01 --actor administrator:wang"]),
        CommandSpelling("case.residence", arguments: [caseID],
                        examples: ["ltc case residence 1 --region Shanghai --agency 上海市长护险评估中心 --actor administrator:wang"],
                        abstract: "Record the region the beneficiary lives in: another region (异地), with the agency assessments are commissioned to there, or the scheme's own."),
        CommandSpelling("case.get", arguments: [caseID],
                        options: ["showId": OptionSpelling(help: "Show the full national ID number (administrators and auditors).")],
                        abstract: "Show a case with its eligibility, assessments and timeline.",
                        discussion: "With a care plan, the plan in force and a proposal waiting; with --json, under carePlan.",
                        render: { output, invocation in
                            // The command line shows the care plan with the case.
                            guard invocation.json, let shown = output as? CaseViewOutput, case .object(var object) = shown.json else {
                                return printing(output, invocation)
                            }
                            object.set("carePlan", shown.plan.json)
                            printJSON(.object(object))
                        }),
        CommandSpelling("case.list", options: ["due": OptionSpelling(value: "days"), "limit": OptionSpelling(value: "n"), "after": OptionSpelling(value: "id")],
                        abstract: "List the cases the actor may see."),
        CommandSpelling("case.transitions"),
        CommandSpelling("case.letter", arguments: [caseID],
                        extras: [ExtraOption("html", value: "file", help: "The HTML file to write.", required: true)],
                        abstract: "Write the conclusion letter of the latest determination as a printable bilingual HTML page.",
                        render: { output, invocation in
                            guard let path = invocation.extra("html"), let letter = output as? LetterOutput else { return printing(output, invocation) }
                            try writeFile(letter.html, to: path, what: "letter")
                            print("wrote \(path)")
                        }),
        CommandSpelling("case.deliver", arguments: [caseID], examples: ["ltc case deliver 1 --on 2026-03-10 --how post --actor administrator:wang"]),
        CommandSpelling("benefit.quote",
                        options: ["actor": .hidden, "scheme": schemeOption, "insured": OptionSpelling(value: "group")],
                        extras: [schemeFile],
                        examples: ["ltc benefit quote --scheme hours-home-care-2026 --grade 4 --mode home-visit --month 2026-03",
                                   "ltc benefit quote --scheme urumqi-2022 --grade 5 --mode home-visit --insured resident --month 2026-03"],
                        prepare: schemeSource),
        CommandSpelling("benefit.entitlement", arguments: [caseID]),
        CommandSpelling("fund.project",
                        options: ["actor": OptionSpelling(help: "Who is acting, for --stored."), "scheme": schemeOption,
                                  "beneficiaries": .hidden, "insured": .hidden],
                        extras: [schemeFile,
                                 ExtraOption("input", value: "file", help: "Counts of beneficiaries and insured people (JSON).", required: true),
                                 ExtraOption("stored", help: "Take the beneficiaries from the stored cases instead of the file."),
                                 ExtraOption("csv", help: "Print CSV.")],
                        abstract: "Project the fund's outlay, contribution income and balance for a month and the year from it.",
                        discussion: #"The input file: {"beneficiaries": [{"grade": 3, "mode": "home-visit", "count": 1200}, …] (add "insured": "employee" or "resident" where the scheme prices groups apart), "insured": [{"type": "employee", "count": 500000, "averageMonthlyBase": 6000}, …]}. With --stored, the beneficiaries are the stored cases in force on the first day of the month (needs --actor)."#,
                        prepare: projectionInput,
                        render: { output, invocation in
                            guard invocation.flag("csv"), let projection = output as? ProjectionOutput else { return printing(output, invocation) }
                            print(projection.csv)
                        }),
    ]

    /// Prints the result as every command does: its JSON with `--json`, else its text.
    static func printing(_ output: any OperationOutput, _ invocation: CommandInvocation) {
        invocation.json ? printJSON(output.json) : print(output.text)
    }

    // MARK: The assessment

    /// `ltc case assess`: the answers from `--answers FILE`, or, without it,
    /// asked on the terminal once the assessment is known to be one that
    /// could be saved (its dates, the case's state, the assignment, the
    /// form), each kept as a draft as it is given; `--resume` continues the
    /// assessor's draft of the case, with its form, place and date unless given again.
    static let assessmentAnswers: CommandSpelling.Prepare = { invocation, session in
        guard let caseID = invocation.params["case"]?.intValue else { return }
        var formID = invocation.params["form"]?.stringValue
        if let file = invocation.extra("answers") {
            if invocation.flag("resume") { throw CaseError(.invalidInput, "--resume continues a walk-through on the terminal; it does not go with --answers") }
            let (named, answers, conditions) = try AnswersFile.read(try readInput(file), source: file)
            if let named, let formID, named != formID { throw InputError(source: file, message: "names form '\(named)' but --form is '\(formID)'") }
            guard let form = formID ?? named else { throw CaseError(.invalidInput, "give the form with --form ID: \(file) names none") }
            invocation.params.set("form", .string(form))
            invocation.params.set("answers", .object(answers))
            if !conditions.isEmpty { invocation.params.set("conditions", .object(conditions)) }
            return
        }
        let actor = try session.actor()
        let cases = try session.services().cases
        var resumed: AssessmentDraft?
        if invocation.flag("resume") {
            guard let draft = try cases.draft(caseID: caseID, actor: actor) else {
                throw CaseError(.notFound, "no draft of case \(caseID) by \(actor.id) to resume: a walk-through keeps one as answers are given")
            }
            if let formID, formID != draft.formID {
                throw CaseError(.invalidInput, "the draft of case \(caseID) is on form \(draft.formID), not \(formID): leave out --form to resume it")
            }
            formID = draft.formID
            if invocation.params["place"] == nil, let place = draft.place { invocation.params.set("place", .string(place)) }
            if invocation.params["date"] == nil, let date = draft.visitDate { invocation.params.set("date", .string(date.description)) }
            resumed = draft
        }
        guard let formID else { throw CaseError(.invalidInput, "give the form with --form ID (e.g. cn-ltc-2021), or --resume to continue a draft") }
        invocation.params.set("form", .string(formID))
        guard let place = invocation.params["place"]?.stringValue else { throw CaseError(.invalidInput, "give where the visit takes place with --place TEXT") }
        // Say now, not after 17 questions, if this assessment could not be saved: its dates as well.
        let visitDate = try day(invocation.params["date"], "--date")
        let view = try cases.checkAssessable(caseID: caseID, formID: formID, actor: actor, assessedOn: visitDate,
                                             asOf: try day(invocation.params["asOf"], "--as-of"))
        if resumed == nil, let kept = try cases.draft(caseID: caseID, actor: actor) {
            FileHandle.standardError.write(Data("a draft of \(kept.answers.count) answers on \(kept.formID) (saved \(kept.savedAt)) is kept for case \(caseID): --resume continues it; answering here replaces it\n".utf8))
        }
        let heading = "case \(caseID) · \(view.person.name) (\(view.person.nationalID.masked)) · assessor \(actor.id)"
        var walk = AssessmentWalkthrough(form: try cases.forms.form(id: formID), heading: heading)
        walk.resumed = resumed.map { ($0.answers, $0.conditions) }
        walk.resumeCommand = "ltc case assess \(caseID) --resume"
        walk.draft = { answers, conditions in
            try cases.saveDraft(AssessmentDraft(caseID: caseID, assessor: actor.id, formID: formID, answers: answers, conditions: conditions,
                                                place: place, visitDate: visitDate, savedAt: ""), actor: actor)
        }
        guard let walked = try walk.run() else {
            print("not saved: the assessment was not stored; the answers given are kept as a draft (ltc case assess \(caseID) --resume)")
            throw ExitStatusError(status: 0)
        }
        invocation.params.set("answers", .object(walked.answers))
        if !walked.conditions.isEmpty { invocation.params.set("conditions", .object(walked.conditions)) }
    }

    /// A date option's value as typed, read as the operation will read it.
    private static func day(_ value: JSONValue?, _ option: String) throws -> CalendarDate? {
        guard let text = value?.stringValue else { return nil }
        guard let date = CalendarDate(text) else { throw CaseError(.invalidInput, "\(option) '\(text)' is not a date (YYYY-MM-DD)") }
        return date
    }

    // MARK: The scheme of a quote or a projection

    static let schemeOption = OptionSpelling(value: "id", help: "The id of a scheme stored in the database, else of a built-in example.", optional: true)
    static let schemeFile = ExtraOption("scheme-file", value: "file", help: "A scheme file, or a built-in example's name.")

    /// `--scheme-file FILE` (a file, or where there is none a built-in
    /// example's name) or `--scheme ID` (a stored scheme, else a built-in
    /// example; with no database there, only a built-in one), exactly one.
    static let schemeSource: CommandSpelling.Prepare = { invocation, _ in
        switch (invocation.extra("scheme-file"), invocation.params["scheme"]?.stringValue) {
        case (let argument?, nil):
            if argument == "-" || FileManager.default.fileExists(atPath: argument) {
                invocation.attachments["scheme"] = Attachment(.bytes(try readInput(argument)), name: argument, size: 0)
            } else if let builtIn = try BuiltInSchemes.text(named: argument) {
                invocation.attachments["scheme"] = Attachment(.bytes(builtIn.bytes), name: builtIn.source, size: builtIn.bytes.count)
            } else {
                throw InputError(source: argument, message: "no scheme file there, and no built-in scheme of that name; built in: \(BuiltInSchemes.names.joined(separator: ", "))")
            }
        case (nil, let id?):
            // No database there stores no scheme: the id is a built-in example's.
            guard case .sqlite(let file) = StoreLocation(invocation.databasePath), !FileManager.default.fileExists(atPath: file) else { return }
            guard let builtIn = try BuiltInSchemes.text(named: id) else {
                throw CaseError(.noSchemeInForce, "no stored scheme '\(id)' and no built-in one; built in: \(BuiltInSchemes.names.joined(separator: ", "))")
            }
            invocation.params = JSONObject(invocation.params.filter { $0.key != "scheme" })
            invocation.attachments["scheme"] = Attachment(.bytes(builtIn.bytes), name: builtIn.source, size: builtIn.bytes.count)
        default:
            throw CaseError(.invalidInput, "name the scheme with exactly one of --scheme-file FILE and --scheme ID")
        }
    }

    /// `ltc fund project --input FILE`: the file's insured people and
    /// beneficiaries; with `--stored`, the beneficiaries are left out, so
    /// that the projection counts the stored cases.
    static let projectionInput: CommandSpelling.Prepare = { invocation, session in
        try schemeSource(&invocation, session)
        guard let path = invocation.extra("input") else { return }
        let bytes = try readInput(path)
        let document: JSONValue
        do {
            document = try JSONParser.parse(bytes)
        } catch {
            throw InputError(source: path, message: "not valid JSON: \(error)")
        }
        let stored = invocation.flag("stored")
        let log = JSONProblemLog()
        let fields = log.fields(of: document, at: .root, accepting: ["beneficiaries", "insured"])
        let insured = fields?.array("insured")
        let beneficiaries = stored ? nil : fields?.array("beneficiaries")
        guard log.problems.isEmpty else { throw InputError(source: path, message: log.problems.map(\.description).joined(separator: "; ")) }
        if let insured { invocation.params.set("insured", .array(insured.map(\.value))) }
        if let beneficiaries { invocation.params.set("beneficiaries", .array(beneficiaries.map(\.value))) }
    }
}
