import LTCOperations

/// The commands of monitoring across time: the run, the flags and their reviews, in-patient stays.
enum MonitoringSpellings {
    static let all: [CommandSpelling] = [
        CommandSpelling("monitor.run",
                        options: ["month": OptionSpelling(help: "The month of service, YYYY-MM."),
                                  "scheme": OptionSpelling(value: "id", help: "The scheme whose thresholds apply (default: the one in force with them).")],
                        examples: ["ltc monitor --month 2026-04 --actor administrator:wang"],
                        abstract: "Run the monitoring rules over a month of stored data and store what they flag (docs/supervision.md)."),
        CommandSpelling("monitor.flags",
                        examples: ["ltc flags list --month 2026-04 --actor auditor:zhao", "ltc flags list --status open --rule shared-check-in --actor administrator:wang"],
                        abstract: "List monitoring flags, of a month, rule, review status or institution where asked."),
        CommandSpelling("monitor.flag", arguments: [Positional("flag", value: "id")],
                        examples: ["ltc flags show 1 --actor auditor:zhao"],
                        abstract: "Show a flag: its figures, its review and the cases, logs or stays behind it, a page at a time."),
        CommandSpelling("monitor.assign", arguments: [Positional("flag", value: "id")],
                        options: ["to": OptionSpelling(value: "actor", help: "The member of staff, administrator:ID or auditor:ID.")],
                        examples: ["ltc flags assign 1 --to administrator:li --actor administrator:wang"],
                        abstract: "Open a flag's review by assigning it to a member of staff."),
        CommandSpelling("monitor.resolve", arguments: [Positional("flag", value: "id")],
                        options: ["type": OptionSpelling(value: "code", help: "To confirm: the violation type, e.g. V02."),
                                  "penalty": OptionSpelling(value: "id", help: "To confirm: the penalty, e.g. recovery.")],
                        examples: ["ltc flags resolve 1 --decision dismiss --reason \"a day-care centre's shared address\" --actor administrator:wang",
                                   "ltc flags resolve 2 --decision confirm --type V02 --penalty recovery --amount 130 --reason \"visits not made\" --actor administrator:wang"],
                        abstract: "Resolve an assigned flag: confirm it (recording a violation with its penalty) or dismiss it, with the reason."),
        CommandSpelling("stays.import",
                        arguments: [Positional("stays", value: "file", source: .file, help: "The stays file (CSV: person,hospital,admitted,discharged), or - for standard input.")],
                        examples: ["ltc stays import stays.csv --actor administrator:wang"],
                        abstract: "Import in-patient stays; services of settled months during a stay are withdrawn and what was paid recovered."),
    ]
}
