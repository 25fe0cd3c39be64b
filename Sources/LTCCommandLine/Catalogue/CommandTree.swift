import ArgumentParser
import Foundation
import LTCCore
import LTCOperations

/// Every command of `ltc`: the operations of the catalogue as people type
/// them (``CommandSpelling``), grouped by their first words (`ltc case …`),
/// and the tools that are not operations (`ltc demo`, `ltc rpc`), which
/// argument-parser reads. It routes a command line to its command, and
/// answers `ltc help`, `--help` at every level, and mistyped words.
enum CommandTree {
    /// The spellings of every operation's command.
    static let spellings: [CommandSpelling] = AssessmentSpellings.all + RegistrySpellings.all + CaseSpellings.all + CaseReviewSpellings.all
        + ProviderSpellings.all + SupervisionSpellings.all + MonitoringSpellings.all + AccessSpellings.all

    /// What each group of commands is for.
    static let groups: [String: String] = [
        "case": "Run cases: application, eligibility, assessment, determination, publicity, objection, suspension, termination.",
        "case draft": "Keep and read an assessor's draft of an assessment, to resume it later or on another device.",
        "case evidence": "Attach visit evidence (photos, video, signatures) by content hash, and list it checked.",
        "institution": "Register, list and deactivate care institutions.",
        "agreement": "Apply for, review, sign, amend, suspend, resume, terminate and list designation agreements.",
        "caregiver": "Register and list caregivers.",
        "logs": "Submit, withdraw, self-report and list service logs.",
        "budget": "Institutions' yearly budgets, which settlement measures use against.",
        "cash": "Cash benefits paid out: payees and the monthly payment run.",
        "violation": "Record violations with their penalties, list them, and mark typical cases for publication.",
        "penalty": "Due process before a penalty: notice, the institution's defence, decision and appeal deadlines.",
        "disclosure": "What is published to every registered actor: decided violations, typical cases and exits.",
        "inspections": "Inspections by random draw (institutions and inspectors drawn with a kept seed, the results published), and the year's coverage.",
        "bar": "Bar a person behind a provider from LTCI work, and list the bars.",
        "plan": "Propose, set, confirm and show a person's care plan.",
        "forms": "List and show the assessment forms.",
        "scheme": "Load and list schemes: a city's LTCI rules for a period.",
        "person": "Register and look up insured people. ID numbers are masked unless --show-id.",
        "staff": "Register, list and deactivate the staff who may act: administrators and auditors.",
        "assessor": "Register, list and deactivate assessors.",
        "credential": "Issue, list and revoke the credentials a network front door trusts: a token acts as one registered actor.",
        "benefit": "Benefits by grade and service mode, and a case's monthly entitlement.",
        "fund": "Fund projections, the fund's income, and its monthly public notice.",
        "fund income": "The fund's income by month and source.",
        "enrolment": "Enrolments of beneficiaries with institutions (`ltc enrol` adds one).",
        "settlement": "Settled months (`ltc settle` settles one).",
    ]

    /// The words of a spelling's command.
    static func path(of spelling: CommandSpelling) -> [String] {
        spelling.path ?? OperationCatalogue.shared.entry(named: spelling.operation)?.command.split(separator: " ").map(String.init) ?? []
    }

    /// The spelling whose words (or earlier words) begin `words`, the longest first, and how many words it took.
    static func command(at words: [String]) -> (CommandSpelling, Int)? {
        var best: (CommandSpelling, Int)?
        for spelling in spellings {
            for path in [path(of: spelling)] + spelling.aliases where words.starts(with: path) && path.count > (best?.1 ?? 0) {
                best = (spelling, path.count)
            }
        }
        return best
    }

    /// The commands and groups directly under `prefix`, with what each is for.
    static func children(of prefix: [String]) -> [(name: String, abstract: String)] {
        var seen: [String: String] = [:]
        var order: [String] = []
        for spelling in spellings {
            let path = path(of: spelling)
            guard path.count > prefix.count, path.starts(with: prefix) else { continue }
            let name = path[prefix.count]
            guard seen[name] == nil else { continue }
            let group = (prefix + [name]).joined(separator: " ")
            seen[name] = path.count == prefix.count + 1 ? spelling.abstract ?? OperationCatalogue.shared.entry(named: spelling.operation)?.summary ?? ""
                : groups[group] ?? ""
            order.append(name)
        }
        var children = order.map { ($0, seen[$0]!) }
        if let command = legacy(at: prefix) {
            for sub in command.configuration.subcommands {
                guard let name = sub.configuration.commandName, seen[name] == nil else { continue }
                children.append((name, sub.configuration.abstract))
            }
        }
        return children
    }

    /// The argument-parser command at `path` (a tool, or a group not yet in the catalogue).
    static func legacy(at path: [String]) -> ParsableCommand.Type? {
        var command: ParsableCommand.Type = LTC.self
        for word in path {
            guard let next = command.configuration.subcommands.first(where: { $0.configuration.commandName == word }) else { return nil }
            command = next
        }
        return command
    }

    /// Runs the command line, if it names a command of the catalogue or a
    /// group; returns otherwise (argument-parser reads it).
    static func route(_ arguments: [String]) {
        var words = Array(arguments.prefix { !$0.hasPrefix("-") })
        if words.first == "help" {
            words.removeFirst()
            if let (spelling, count) = command(at: words), count == words.count, let entry = OperationCatalogue.shared.entry(named: spelling.operation) {
                print(CommandHelp.render(CommandShape(spelling, entry)))
                exit(0)
            }
            if words.isEmpty || hasSpellings(under: words) {
                print(groupHelp(words))
                exit(0)
            }
            // A word that is not a command of a group of the catalogue, which argument-parser knows only in part.
            if let first = words.first, hasSpellings(under: [first]) { _ = groupPath(words) }
            return
        }
        if let (spelling, count) = command(at: words) {
            CommandRunner.run(spelling, arguments: Array(arguments.dropFirst(count)))
        }
        let asksHelp = arguments.count == words.count || arguments.dropFirst(words.count).first.map { $0 == "--help" || $0 == "-h" } == true
        if words.isEmpty, asksHelp {
            print(groupHelp([]))
            exit(0)
        }
        if let first = words.first, !hasSpellings(under: [first]), legacy(at: [first]) == nil {
            let names = children(of: []).map { $0.name } + LTC.configuration.subcommands.compactMap { $0.configuration.commandName }
            let close = UsageCheck.suggestions(for: first, among: Array(Set(names)).sorted())
            let hint = close.isEmpty ? "" : "; did you mean \(close.map { "'\($0)'" }.joined(separator: " or "))?"
            LTC.usageFailure("unknown subcommand '\(first)' of 'ltc'\(hint) (its subcommands: \(groupNames.joined(separator: ", ")))",
                             usage: "  See 'ltc --help' for its subcommands.")
        }
        if !words.isEmpty, hasSpellings(under: Array(words.prefix(1))) {
            // A group of the catalogue: its help, or the word that is not one of its commands.
            guard let prefix = groupPath(words) else { return }
            if asksHelp {
                print(groupHelp(prefix))
                exit(0)
            }
        }
    }

    /// The words of a group of the catalogue; `nil` where they reach a
    /// command argument-parser reads. A word that is neither a command nor a
    /// group there is a usage error, with the names there and a suggestion.
    private static func groupPath(_ words: [String]) -> [String]? {
        var prefix: [String] = []
        for word in words {
            if !hasSpellings(under: prefix + [word]) && legacy(at: prefix + [word]) == nil {
                let names = children(of: prefix).map { $0.name }
                let close = UsageCheck.suggestions(for: word, among: names)
                let hint = close.isEmpty ? "" : "; did you mean \(close.map { "'\($0)'" }.joined(separator: " or "))?"
                let where_ = (["ltc"] + prefix).joined(separator: " ")
                LTC.usageFailure("unknown subcommand '\(word)' of '\(where_)'\(hint) (its subcommands: \(names.joined(separator: ", ")))",
                                 usage: "  See '\(where_) --help' for its subcommands.")
            }
            if legacy(at: prefix + [word]) != nil && !hasSpellings(under: prefix + [word]) { return nil }
            prefix.append(word)
        }
        return prefix
    }

    /// Every word that may follow `ltc`, in the order the help lists them.
    static var groupNames: [String] {
        groupHelpList([]).map { $0.name }
    }

    static func hasSpellings(under prefix: [String]) -> Bool {
        spellings.contains { path(of: $0).starts(with: prefix) && path(of: $0).count > prefix.count }
    }

    /// The order `ltc --help` lists its commands in: a newcomer's path
    /// first (the demo, forms and scoring), then the work in the order it
    /// happens, then the tools for other systems.
    static let rootOrder = [
        "demo", "forms", "score", "scheme", "person", "staff", "assessor", "case", "benefit", "fund", "institution", "agreement",
        "caregiver", "enrol", "logs", "settle", "budget", "cash", "adjustments", "violation", "credit", "inspection", "inspections",
        "complaint", "bar", "plan", "performance", "report", "enrolment", "settlement", "credential", "rpc", "schema",
    ]

    /// The commands and groups under `prefix`; under `ltc` itself, the tools too.
    static func groupHelpList(_ prefix: [String]) -> [(name: String, abstract: String)] {
        var listed = children(of: prefix)
        guard prefix.isEmpty else { return listed }
        for command in LTC.configuration.subcommands {
            guard let name = command.configuration.commandName, !listed.contains(where: { $0.name == name }) else { continue }
            listed.append((name, command.configuration.abstract))
        }
        let rank = { (name: String) in rootOrder.firstIndex(of: name) ?? rootOrder.count }
        return listed.enumerated().sorted { (rank($0.element.name), $0.offset) < (rank($1.element.name), $1.offset) }.map(\.element)
    }

    /// The help of a group, or of `ltc` itself.
    static func groupHelp(_ prefix: [String]) -> String {
        let name = (["ltc"] + prefix).joined(separator: " ")
        let overview = prefix.isEmpty ? LTC.configuration.abstract + "\n\n" + LTC.configuration.discussion
            : groups[prefix.joined(separator: " ")] ?? legacy(at: prefix)?.configuration.abstract ?? ""
        var sections = ["OVERVIEW: " + overview, "USAGE: \(name) <subcommand>"]
        var options = [CommandHelp.row("-h, --help", "Show help information.")]
        if prefix.isEmpty { options.insert(CommandHelp.row("--version", "Show the version."), at: 0) }
        sections.append("OPTIONS:\n" + options.joined(separator: "\n"))
        let listed = groupHelpList(prefix)
        sections.append("SUBCOMMANDS:\n" + listed.map { CommandHelp.row($0.name, $0.abstract) }.joined(separator: "\n")
                        + "\n\n  See '\(prefix.isEmpty ? "ltc help" : "ltc help " + prefix.joined(separator: " ")) <subcommand>' for detailed help.")
        return sections.map(CommandHelp.wrap).joined(separator: "\n\n")
    }
}
