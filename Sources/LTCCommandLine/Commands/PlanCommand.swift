import LTCOperations
import ArgumentParser
import LTCCases
import LTCCore
import LTCProviders

/// `ltc plan …`: individual care plans, drawn from the care needs and the scheme's catalogue.
struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Propose, set, confirm and show a person's care plan.",
        discussion: "A plan lists the service items a person is to receive, how often and for how long: proposed from the care needs "
            + "(read off the assessment where the needs form says so, the rest asked), within the grade's package and the month's ceiling. "
            + "Once the person agrees (confirm), logs of items outside it (N01) or beyond its frequency (N02) are rejected.",
        subcommands: [Show.self, History.self, Propose.self, SetItems.self, Confirm.self]
    )

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show", abstract: "The plan in force, a proposal waiting, and whether a review is due.",
            discussion: examples("ltc plan show 1 --actor administrator:wang"))
        @Argument(help: "The case id.") var id: Int
        @OptionGroup var options: CaseOptions

        func run() throws {
            try reading {
                let view = try options.plans().show(caseID: id, actor: try options.actingAs(), asOf: try options.day())
                if options.json { printJSON(view.json); return }
                print(PlanCommand.text(view, caseID: id))
            }
        }
    }

    struct History: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "history", abstract: "Every version of the case's plan, oldest first.",
            discussion: examples("ltc plan history 1 --actor administrator:wang"))
        @Argument(help: "The case id.") var id: Int
        @OptionGroup var options: CaseOptions

        func run() throws {
            try reading {
                let plans = try options.plans().history(caseID: id, actor: try options.actingAs())
                if options.json { printJSON(["plans": .array(plans.map(\.json))]); return }
                if plans.isEmpty { print("case \(id): no care plan") }
                for plan in plans { print(PlanCommand.text(plan)) }
            }
        }
    }

    struct Propose: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "propose", abstract: "Propose a plan from the care needs: derived ones read off the latest assessment, the rest given.",
            discussion: "Without --need, the needs not read off the assessment are asked one by one on the terminal, "
                + "as `case assess` asks a form; the summary shows every need and the plan proposed.\n\n"
                + examples("ltc plan propose 1 --need needs.pressure=0 --need needs.tube=0 --need needs.medication=1 --need needs.rehabilitation=1 --need needs.carer=0 --actor assessor:A1",
                           "ltc plan propose 1 --actor assessor:A1"))
        @Argument(help: "The case id.") var id: Int
        @Option(name: .customLong("need"), help: ArgumentHelp("A need not derived: ITEM=SCORE (0 no need, 1 needs help); repeat for each.", valueName: "item=score"))
        var needs: [String] = []
        @OptionGroup var options: CaseOptions

        func run() throws {
            try reportingErrors {
                var answers: [String: Int] = [:]
                if needs.isEmpty {
                    let actor = try options.actingAs(), service = try options.plans()
                    let (form, derived) = try service.careNeeds(caseID: id, actor: actor, asOf: try options.day())
                    let walk = AssessmentWalkthrough(form: form, heading: "case \(id) · care needs · \(actor)", known: derived)
                    guard let walked = try walk.run() else {
                        print("not saved: nothing was stored")
                        return
                    }
                    for member in walked.answers { answers[member.key] = member.value.intValue }
                }
                for text in needs {
                    let parts = text.split(separator: "=", maxSplits: 1).map(String.init)
                    guard parts.count == 2, let score = Int(parts[1]) else {
                        throw InputError(source: "--need", message: "'\(text)' is not ITEM=SCORE, e.g. needs.pressure=1")
                    }
                    guard answers.updateValue(score, forKey: parts[0]) == nil else {
                        throw InputError(source: "--need", message: "\(parts[0]) is given twice; give each need once")
                    }
                }
                let plan = try options.plans().propose(caseID: id, answers: answers, actor: try options.actingAs(), asOf: try options.day())
                if options.json { printJSON(plan.json); return }
                print(PlanCommand.text(plan))
            }
        }
    }

    struct SetItems: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set", abstract: "Set the plan's items by hand, within the catalogue's rules; a new version waiting for agreement.",
            discussion: examples("ltc plan set 1 --item S01=2 --item S03=1,per-day=1,minutes=45 --reason \"the daughter bathes her on Sundays\" --actor institution:I001"))
        @Argument(help: "The case id.") var id: Int
        @Option(name: .customLong("item"), help: ArgumentHelp("CODE=PER-WEEK[,per-day=N][,minutes=M]; repeat for each item (minutes default to the catalogue's).", valueName: "item"))
        var items: [String] = []
        @Option(help: "Why the plan changes.") var reason: String
        @OptionGroup var options: CaseOptions

        func run() throws {
            try reportingErrors {
                let plan = try options.plans().set(caseID: id, items: try items.map(PlanCommand.item), reason: reason,
                                                   actor: try options.actingAs(), asOf: try options.day())
                if options.json { printJSON(plan.json); return }
                print(PlanCommand.text(plan))
            }
        }
    }

    struct Confirm: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "confirm", abstract: "Record the person's agreement to the proposal: it binds logs from that day.",
            discussion: examples("ltc plan confirm 1 --by 陈老伯 --actor administrator:wang"))
        @Argument(help: "The case id.") var id: Int
        @Option(help: "Who agreed: the person or their agent, by name.") var by: String
        @OptionGroup var options: CaseOptions

        func run() throws {
            try reportingErrors {
                let plan = try options.plans().confirm(caseID: id, by: by, actor: try options.actingAs(), asOf: try options.day())
                if options.json { printJSON(plan.json); return }
                print(PlanCommand.text(plan))
            }
        }
    }

    /// Reads `CODE=PER-WEEK[,per-day=N][,minutes=M]`.
    static func item(_ text: String) throws(InputError) -> CarePlan.Item {
        let invalid = InputError(source: "--item", message: "'\(text)' is not CODE=PER-WEEK[,per-day=N][,minutes=M], e.g. S01=2,minutes=60")
        var parts = text.split(separator: ",").map(String.init)
        guard !parts.isEmpty else { throw invalid }
        let head = parts.removeFirst().split(separator: "=", maxSplits: 1).map(String.init)
        guard head.count == 2, !head[0].isEmpty, let perWeek = Int(head[1]) else { throw invalid }
        var item = CarePlan.Item(code: head[0], perWeek: perWeek)
        for part in parts {
            let pair = part.split(separator: "=", maxSplits: 1).map(String.init)
            guard pair.count == 2, let value = Int(pair[1]) else { throw invalid }
            switch pair[0] {
            case "per-day": item.perDay = value
            case "minutes": item.minutes = value
            default: throw invalid
            }
        }
        return item
    }

    /// A plan in a few lines (``PlanText``).
    static func text(_ plan: CarePlan) -> String { PlanText.text(plan) }

    static func text(_ view: CarePlanService.View, caseID: Int) -> String { PlanText.text(view, caseID: caseID) }
}
