import LTCOperations
import ArgumentParser
import Foundation
import LTCAssessment
import LTCCases
import LTCCore
import LTCReports
import LTCSchemes

/// `ltc case …`: an applicant's case from application to termination.
struct CaseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "case",
        abstract: "Run cases: application, eligibility, assessment, determination, publicity, objection, suspension, termination.",
        discussion: "`ltc case transitions` prints which action is allowed in which state, and for which role.",
        subcommands: [
            Open.self, Check.self, Assign.self, Assess.self, Determine.self, Object.self, Confirm.self,
            Suspend.self, Resume.self, Terminate.self, Mode.self, Bonus.self, Subsidy.self, ResidenceCommand.self, Show.self, List.self,
            Letter.self, Deliver.self,
        ]
    )

    /// Prints a case after a change: its state and what can come next, or JSON.
    static func report(_ record: Case, _ options: CaseOptions) {
        if options.json { printJSON(record.json) } else { print(CaseText.summary(record)) }
    }

    struct Open: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "open", abstract: "Accept an application (申请).",
            discussion: "--materials lists the documents given, from the scheme's list, which the acceptance review checks." + "\n\n"
                + examples("ltc case open --person 1 --disabled-since 2025-08-01 --actor administrator:wang",
                           "ltc case open --person 1 --disabled-since 2025-08-01 --materials id-card,medical-records --agent 陈小妹 --relationship daughter --actor administrator:wang"))
        @Option(help: "The insured person's id.") var person: Int
        @Option(name: .customLong("disabled-since"), help: ArgumentHelp("When the disability began, from the medical records.", valueName: "date"))
        var disabledSince: String
        @Option(help: "The designated institution serving the applicant, if any.") var institution: String?
        @Option(help: "The scheme id; needed only when several are in force.") var scheme: String?
        @Option(help: ArgumentHelp("The materials given, comma-separated ids of the scheme's list.", valueName: "ids")) var materials: String?
        @Option(help: ArgumentHelp("Who applies for the person, when not the person.", valueName: "name")) var agent: String?
        @Option(help: ArgumentHelp("How the agent is related to the person, e.g. daughter, guardian.", valueName: "text")) var relationship: String?
        @OptionGroup var options: CaseOptions

        func run() throws {
            try reportingErrors {
                guard (agent == nil) == (relationship == nil) else { throw CaseError(.invalidInput, "--agent and --relationship go together") }
                let given = materials.map { $0.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) } } ?? []
                let record = try options.cases().open(personID: person, disabledSince: try parseDate(disabledSince, "--disabled-since"),
                                                        institution: institution, schemeID: scheme, materials: given,
                                                        agent: agent.map { ApplyingAgent(name: $0, relationship: relationship ?? "") },
                                                        actor: try options.actingAs(), asOf: try options.date())
                CaseCommand.report(record, options)
            }
        }
    }

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "check", abstract: "Check eligibility against every rule of the scheme.", discussion: examples("ltc case check 1 --actor administrator:wang"))
        @Argument(help: "The case id.") var id: Int
        @OptionGroup var options: CaseOptions

        func run() throws {
            try reportingErrors {
                let record = try options.cases().check(caseID: id, actor: try options.actingAs(), asOf: try options.date())
                if options.json { printJSON(record.json); return }
                print(CaseText.summary(record))
                for rule in record.eligibility?.rules ?? [] {
                    let ground = rule.passed ? nil : NonAcceptanceGround(rule: rule.id)
                    print("  \(rule.passed ? "pass" : "FAIL")  \(rule.id): \(rule.requirement); found \(rule.found)"
                          + (ground.map { "  [\($0.rawValue) \($0.meaning)]" } ?? ""))
                }
            }
        }
    }

    struct Assign: CaseChangeCommand {
        static let configuration = CommandConfiguration(
            commandName: "assign", abstract: "Assign the assessors of the next assessment or re-assessment, by name or drawn at random.",
            discussion: "--draw draws them from the active assessors free of a conflict of interest; the seed and the pool are kept with the case, "
                + "and --seed replays a draw.\n\n"
                + examples("ltc case assign 1 --assessors A01,A02 --reason \"the area's only medical assessor\" --actor administrator:wang",
                           "ltc case assign 1 --draw --actor administrator:wang"))
        @Argument(help: "The case id.") var id: Int
        @Option(help: ArgumentHelp("Assessor ids, comma-separated, e.g. A01,A02.", valueName: "ids")) var assessors: String?
        @Option(help: ArgumentHelp("Why the assessors are named by hand rather than drawn (needed with --assessors).", valueName: "text")) var reason: String?
        @Flag(help: "Draw the assessors at random instead.") var draw = false
        @Option(help: ArgumentHelp("The draw's seed (default: a random one, kept with the case).", valueName: "n")) var seed: UInt64?
        @Option(help: ArgumentHelp("Draw only from this assessment agency's assessors.", valueName: "name")) var agency: String?
        @OptionGroup var options: CaseOptions

        func change(_ service: CaseService, _ actor: Actor, _ date: CalendarDate?) throws -> Case {
            switch (assessors, draw) {
            case (let assessors?, false):
                guard seed == nil, agency == nil else { throw CaseError(.invalidInput, "--seed and --agency go with --draw") }
                let ids = assessors.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }
                return try service.assign(caseID: id, assessors: ids, reason: reason ?? "", actor: actor, asOf: date)
            case (nil, true):
                guard reason == nil else { throw CaseError(.invalidInput, "--reason goes with --assessors: a draw needs none") }
                return try service.drawAssessors(caseID: id, seed: seed, agency: agency, actor: actor, asOf: date)
            default:
                throw CaseError(.invalidInput, "give exactly one of --assessors IDS and --draw")
            }
        }
    }

    struct Assess: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "assess",
            abstract: "Record the on-site assessment (an assigned assessor only).",
            discussion: """
                Without --answers, walks through the form on the terminal: first whether the assessment could be saved at all, \
                then the form's conditions and each item (b goes back, ? explains), then every answer with the grade; \
                y saves, n leaves, a question's number changes it. Ctrl-C or the end of input saves nothing.

                EXAMPLES:
                  ltc case assess 1 --form cn-ltc-2021 --place home --actor assessor:A01
                  ltc case assess 1 --form cn-ltc-2021 --answers answers.json --place home --date 2026-03-05 --actor assessor:A01
                """
        )
        @Argument(help: "The case id.") var id: Int
        @Option(help: "The form id, e.g. cn-ltc-2021.") var form: String
        @Option(help: ArgumentHelp("An answers file (as for `ltc score`), or - for standard input.", valueName: "file")) var answers: String?
        @Option(help: "Where the assessment took place.") var place: String
        @Option(help: ArgumentHelp("The date of the visit (default: --as-of, or today).", valueName: "date")) var date: String?
        @OptionGroup var options: CaseOptions

        func run() throws {
            try reportingErrors {
                let service = try options.cases()
                let given: JSONObject
                var conditions: JSONObject = [:]
                if let answers {
                    let (named, object, stated) = try AnswersFile.read(try readInput(answers), source: answers)
                    if let named, named != form { throw InputError(source: answers, message: "names form '\(named)' but --form is '\(form)'") }
                    given = object
                    conditions = stated
                } else {
                    // Say now, not after 17 questions, if this assessment could not be saved.
                    let actor = try options.actingAs()
                    let view = try service.checkAssessable(caseID: id, formID: form, actor: actor)
                    let heading = "case \(id) · \(view.person.name) (\(view.person.nationalID.masked)) · assessor \(actor.id)"
                    guard let walked = try AssessmentWalkthrough(form: try service.forms.form(id: form), heading: heading).run() else {
                        print("not saved: nothing was stored")
                        return
                    }
                    given = walked.answers
                    conditions = walked.conditions
                }
                let (record, assessment) = try service.assess(caseID: id, formID: form, answers: given, conditions: conditions,
                                                              assessedOn: try date.map { try parseDate($0, "--date") }, place: place,
                                                              actor: try options.actingAs(), asOf: try options.date())
                if options.json { printJSON(assessment.json); return }
                print("recorded assessment #\(assessment.id): grade \(assessment.grade) (\(assessment.formID) \(assessment.formVersion))")
                print(CaseText.summary(record))
            }
        }
    }

    struct Determine: CaseChangeCommand {
        static let configuration = CommandConfiguration(commandName: "determine", abstract: "Determine the grade from the assessment; publish it, or after a re-assessment put it in force.", discussion: examples("ltc case determine 1 --actor administrator:wang"))
        @Argument(help: "The case id.") var id: Int
        @OptionGroup var options: CaseOptions

        func change(_ service: CaseService, _ actor: Actor, _ date: CalendarDate?) throws -> Case {
            try service.determine(caseID: id, actor: actor, asOf: date)
        }
    }

    struct Object: CaseChangeCommand {
        static let configuration = CommandConfiguration(commandName: "object", abstract: "Record an objection lodged during publicity.", discussion: examples("ltc case object 1 --reason \"the family disputes the walking score\" --actor administrator:wang"))
        @Argument(help: "The case id.") var id: Int
        @Option(help: "The grounds of the objection.") var reason: String
        @OptionGroup var options: CaseOptions

        func change(_ service: CaseService, _ actor: Actor, _ date: CalendarDate?) throws -> Case {
            try service.object(caseID: id, reason: reason, actor: actor, asOf: date)
        }
    }

    struct Confirm: CaseChangeCommand {
        static let configuration = CommandConfiguration(commandName: "confirm", abstract: "Put a published grade in force once publicity has passed.", discussion: examples("ltc case confirm 1 --actor administrator:wang"))
        @Argument(help: "The case id.") var id: Int
        @OptionGroup var options: CaseOptions

        func change(_ service: CaseService, _ actor: Actor, _ date: CalendarDate?) throws -> Case {
            try service.confirm(caseID: id, actor: actor, asOf: date)
        }
    }

    struct Suspend: CaseChangeCommand {
        static let configuration = CommandConfiguration(commandName: "suspend", abstract: "Suspend benefits, e.g. for a hospital stay.", discussion: examples("ltc case suspend 1 --reason \"hospital stay\" --actor administrator:wang"))
        @Argument(help: "The case id.") var id: Int
        @Option(help: "Why, e.g. 'hospital stay'.") var reason: String
        @OptionGroup var options: CaseOptions

        func change(_ service: CaseService, _ actor: Actor, _ date: CalendarDate?) throws -> Case {
            try service.suspend(caseID: id, reason: reason, actor: actor, asOf: date)
        }
    }

    struct Resume: CaseChangeCommand {
        static let configuration = CommandConfiguration(commandName: "resume", abstract: "End a suspension.", discussion: examples("ltc case resume 1 --actor administrator:wang"))
        @Argument(help: "The case id.") var id: Int
        @OptionGroup var options: CaseOptions

        func change(_ service: CaseService, _ actor: Actor, _ date: CalendarDate?) throws -> Case {
            try service.resume(caseID: id, actor: actor, asOf: date)
        }
    }

    struct Terminate: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "terminate", abstract: "Close a case: death, left, recovery or withdrawn.",
            discussion: """
                --on gives the day the case ended (the date of death), if earlier than the day the termination is \
                recorded. Services after it are not paid: accepted logs dated after it are withdrawn (B03), and what \
                a settled month paid for them is recovered on the institution's next statement.
                """ + "\n\n" + examples("ltc case terminate 1 --reason death --on 2026-03-20 --actor administrator:wang", "ltc case terminate 1 --reason left --actor administrator:wang"))
        @Argument(help: "The case id.") var id: Int
        @Option(help: "death, left, recovery or withdrawn.") var reason: String
        @Option(help: ArgumentHelp("The day the case ended (YYYY-MM-DD); default the day it is recorded.", valueName: "date")) var on: String?
        @OptionGroup var options: CaseOptions

        func run() throws {
            try reportingErrors {
                guard let why = CaseService.TerminationReason(rawValue: reason) else {
                    throw CaseError(.invalidInput, "--reason '\(reason)' is not accepted; use death, left, recovery or withdrawn")
                }
                let ended = try on.map { try parseDate($0, "--on") }
                let termination = try options.cases().terminate(caseID: id, reason: why, on: ended, actor: try options.actingAs(),
                                                                asOf: try options.date())
                if options.json {
                    printJSON(termination.json)
                } else {
                    print(CaseText.summary(termination.record))
                    if let after = termination.afterEnd, let ended = termination.record.endedOn {
                        let recovered = after["recovered"].flatMap(Money.init(json:)) ?? .zero
                        print("\(after["withdrawn"]?.intValue ?? 0) accepted service(s) after \(ended) withdrawn (B03); "
                              + "\(Money.zero - recovered) paid for them in settled months comes back on the next statement")
                    }
                }
            }
        }
    }

    struct Mode: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "mode", abstract: "Choose the service mode (from today, or from next month if the scheme says so).",
            discussion: examples("ltc case mode 1 --mode home-care --actor administrator:wang"))
        @Argument(help: "The case id.") var id: Int
        @Option(help: "A service mode id of the case's scheme.") var mode: String
        @OptionGroup var options: CaseOptions

        func run() throws {
            try reportingErrors {
                let record = try options.cases().setMode(caseID: id, mode: mode, actor: try options.actingAs(), asOf: try options.date())
                if options.json { printJSON(record.json); return }
                // Says what changed and from which day: the newest mode period, and the one it follows.
                if let chosen = record.modes.last {
                    let before = record.modes.dropLast().last.map { " (was \($0.mode) from \($0.from))" } ?? " (the first mode chosen)"
                    print("case \(id): mode \(chosen.mode) from \(chosen.from)\(before)")
                }
                print(CaseText.summary(record))
            }
        }
    }

    struct ResidenceCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "residence", abstract: "Record the region the beneficiary lives in: another region (异地), with the agency assessments are commissioned to there, or the scheme's own.",
            discussion: examples("ltc case residence 1 --region Shanghai --agency 上海市长护险评估中心 --actor administrator:wang"))
        @Argument(help: "The case id.") var id: Int
        @Option(help: "The region lived in (the scheme's own region clears it).") var region: String
        @Option(help: "The assessment agency there that assessments are commissioned to.") var agency: String?
        @OptionGroup var options: CaseOptions

        func run() throws {
            try reportingErrors {
                let record = try options.cases().setResidence(caseID: id, region: region, agency: agency, actor: try options.actingAs(), asOf: try options.date())
                if options.json { printJSON(record.json); return }
                if let away = record.residence {
                    print("case \(id): lives in \(away.region) from \(away.from); assessments commissioned to \(away.agency)")
                } else {
                    print("case \(id): lives in the scheme's region")
                }
            }
        }
    }

    struct Bonus: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "bonus", abstract: "Choose how the person takes the bonus for continuous care: more hours or cash (from next month).",
            discussion: examples("ltc case bonus 1 --take cash --actor administrator:wang"))
        @Argument(help: "The case id.") var id: Int
        @Option(help: ArgumentHelp("hours or cash.", valueName: "choice")) var take: String
        @OptionGroup var options: CaseOptions

        func run() throws {
            try reportingErrors {
                guard let choice = ContinuityStep.Choice(rawValue: take) else {
                    throw CaseError(.invalidInput, "--take '\(take)' is not accepted; use hours or cash")
                }
                let record = try options.cases().chooseBonus(caseID: id, choice: choice, actor: try options.actingAs(), asOf: try options.date())
                if options.json { printJSON(record.json); return }
                if let chosen = record.bonusChoices.last, chosen.choice == choice {
                    print("case \(id): the continuity bonus is taken as \(choice.rawValue) from \(chosen.from)")
                } else {
                    print("case \(id): the continuity bonus is taken as \(choice.rawValue), as before")
                }
            }
        }
    }

    struct Subsidy: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "subsidy", abstract: "Record another subsidy the person holds.",
            discussion: examples("ltc case subsidy 1 --subsidy elderly-disability --monthly 150 --from 2026-01-01 --actor administrator:wang"))
        @Argument(help: "The case id.") var id: Int
        @Option(help: "A subsidy id of the case's scheme.") var subsidy: String
        @Option(help: ArgumentHelp("Its monthly amount in yuan.", valueName: "yuan")) var monthly: String
        @Option(help: ArgumentHelp("From (YYYY-MM-DD).", valueName: "date")) var from: String
        @Option(help: ArgumentHelp("Until (YYYY-MM-DD), if it ends.", valueName: "date")) var until: String?
        @Option(help: "For a subsidy that excludes LTCI: ltci or subsidy, the person's choice.") var choice: String?
        @OptionGroup var options: CaseOptions

        func run() throws {
            try reportingErrors {
                guard let amount = Money(text: monthly) else {
                    throw CaseError(.invalidInput, "--monthly '\(monthly)' is not an amount: \(Money.accepted)")
                }
                let chosen = try choice.map { text throws(CaseError) -> HeldSubsidy.Choice in
                    guard let value = HeldSubsidy.Choice(rawValue: text) else { throw CaseError(.invalidInput, "--choice must be ltci or subsidy") }
                    return value
                }
                let record = try options.cases().addSubsidy(caseID: id, subsidy: subsidy, monthly: amount, from: try parseDate(from, "--from"),
                                                            until: try until.map { try parseDate($0, "--until") }, choice: chosen,
                                                            actor: try options.actingAs(), asOf: try options.date())
                if options.json { printJSON(record.json); return }
                if let held = record.subsidies.last { print("case \(id): " + CaseText.subsidy(held)) }
                print(CaseText.summary(record))
            }
        }
    }

    struct Letter: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "letter", abstract: "Write the conclusion letter of the latest determination as a printable bilingual HTML page.",
            discussion: "The grade, its explanation, and the right to object with its last day (or that the conclusion is final).")
        @Argument(help: "The case id.") var id: Int
        @Option(help: ArgumentHelp("The HTML file to write.", valueName: "file")) var html: String
        @OptionGroup var options: CaseOptions

        func run() throws {
            try reading {
                let letter = try ConclusionLetter.of(caseID: id, actor: try options.actingAs(), cases: try options.cases(), registry: try options.registry())
                try writeFile(letter.html, to: html, what: "letter")
                print("wrote \(html)")
            }
        }
    }

    struct Deliver: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "deliver", abstract: "Record the delivery of the conclusion letter: the day and the way.",
            discussion: examples("ltc case deliver 1 --on 2026-03-10 --how post --actor administrator:wang"))
        @Argument(help: "The case id.") var id: Int
        @Option(help: ArgumentHelp("The day it was delivered (default: today).", valueName: "date")) var on: String?
        @Option(help: "in-person, post or electronic.") var how: String
        @OptionGroup var options: CaseOptions

        func run() throws {
            try reportingErrors {
                let method = try LetterDelivery.Method(named: how)
                let day = try options.day()
                let record = try options.cases().recordLetterDelivery(caseID: id, on: try on.map { try parseDate($0, "--on") } ?? day, how: method,
                                                                      actor: try options.actingAs(), asOf: try options.date())
                if options.json { printJSON(record.json); return }
                print("case \(id): letter delivered \(record.letterDelivered!.on) by \(method.rawValue)")
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "Show a case with its eligibility, assessments and timeline.")
        @Argument(help: "The case id.") var id: Int
        @Flag(name: .customLong("show-id"), help: "Show the full national ID number (administrators and auditors).") var showID = false
        @OptionGroup var options: CaseOptions

        func run() throws {
            try reading {
                let actor = try options.actingAs()
                if showID { try Access.require(actor, .readNationalIDs) }
                let view = try options.cases().show(caseID: id, actor: actor)
                let today = try options.day()
                let plan = try options.plans().show(caseID: id, actor: actor, asOf: today)
                if options.json {
                    guard case .object(var object) = CaseText.viewJSON(view, fullID: showID) else { return }
                    object.set("carePlan", plan.json)
                    printJSON(.object(object))
                } else {
                    print(CaseText.show(view, fullID: showID, today: today))
                    if plan.inForce != nil || plan.proposal != nil { print("care plan:\n" + PlanText.text(plan, caseID: id)) }
                }
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the cases the actor may see.")
        @Option(help: "Only cases in this state.") var state: String?
        @Option(help: ArgumentHelp("Only cases whose grade expires within this many days: re-assessment due.", valueName: "days")) var due: Int?
        @Flag(help: "Only cases whose visit or conclusion is overdue (the scheme's deadlines in working days from acceptance).") var overdue = false
        @OptionGroup var page: PageOptions
        @OptionGroup var options: CaseOptions

        func run() throws {
            try reading {
                let wanted = try state.map { text throws(CaseError) -> CaseState in
                    guard let state = CaseState(rawValue: text) else {
                        throw CaseError(.invalidInput, "--state '\(text)' is not a state; states: \(CaseState.allCases.map(\.rawValue).joined(separator: ", "))")
                    }
                    return state
                }
                if let due, due < 0 { throw CaseError(.invalidInput, "--due must be 0 or more days") }
                let cases = try options.cases().list(actor: try options.actingAs(), state: wanted, dueWithin: due, overdue: overdue,
                                                     asOf: try options.date(), page: try page.request())
                if options.json {
                    printJSON(["cases": .array(cases.items.map(\.json)), "next": cases.next.map(JSONValue.integer) ?? .null])
                } else {
                    print(CaseText.cases(cases.items))
                    if let footer = PageOptions.footer(cases.next) { print(footer) }
                }
            }
        }
    }
}

/// A case subcommand that applies one change and reports the case.
protocol CaseChangeCommand: ParsableCommand {
    var options: CaseOptions { get }
    func change(_ service: CaseService, _ actor: Actor, _ date: CalendarDate?) throws -> Case
}

extension CaseChangeCommand {
    func run() throws {
        try reportingErrors {
            CaseCommand.report(try change(try options.cases(), try options.actingAs(), try options.date()), options)
        }
    }
}
