import Foundation
import LTCCore
import LTCOperations
import LTCSchemes

/// The commands of the registries: `ltc scheme …`, `ltc person …`, `ltc staff …`, `ltc assessor …`.
enum RegistrySpellings {
    static let all: [CommandSpelling] = [
        CommandSpelling("scheme.load",
                        arguments: [Positional("scheme", value: "file", source: .commandLine,
                                               help: "The scheme file (JSON, format ltc-scheme/1), or a built-in example's name.")],
                        examples: ["ltc scheme load Examples/schemes/tianjin-style-2026.json --actor administrator:wang",
                                   "ltc scheme load hours-home-care-2026 --actor administrator:wang      # built in"],
                        discussion: "A path that holds no file names a built-in example scheme by its file name: \(BuiltInSchemes.names.joined(separator: ", ")).",
                        prepare: { invocation, _ in
                            guard let argument = invocation.extra("scheme") else { return }
                            if argument == "-" || FileManager.default.fileExists(atPath: argument) {
                                invocation.attachments["scheme"] = Attachment(.bytes(try readInput(argument)), name: argument, size: 0)
                            } else if let name = BuiltInSchemes.name(matching: argument) {
                                invocation.params.set("scheme", .string(name))
                            } else {
                                throw InputError(source: argument, message: "no scheme file there, and no built-in scheme of that name; built in: \(BuiltInSchemes.names.joined(separator: ", "))")
                            }
                        }),
        CommandSpelling("scheme.list"),
        CommandSpelling("scheme.get", arguments: [Positional("scheme", value: "id", help: "The scheme's id, or a built-in example's name.")],
                        examples: ["ltc scheme show hours-home-care-2026 --actor institution:I001", "ltc scheme show urumqi-2022 --json --actor administrator:demo"],
                        abstract: "Show a scheme readably: its assessment and eligibility, modes, items, benefits by group, grade and mode, and limits."),
        CommandSpelling("person.add",
                        options: ["nationalId": OptionSpelling(flag: "id-number"), "enrolledOn": OptionSpelling(flag: "enrolled", value: "date")],
                        examples: ["ltc person add --name 陈老伯 --id-number 11010519491231002X --insurance employee --enrolled 2015-07-01 --actor administrator:wang"]),
        CommandSpelling("person.import",
                        arguments: [Positional("people", value: "file", source: .file, help: "The file, or - for standard input.")],
                        extras: ProgressSpelling.options, examples: ["ltc person import people.jsonl --actor administrator:wang"],
                        prepare: ProgressSpelling.counting("people"),
                        render: { output, invocation in
                            invocation.progressLine?.finish(count: (output as? ImportOutput)?.imported ?? 0)
                            invocation.json ? printJSON(output.json) : print(output.text)
                        }),
        CommandSpelling("person.get", arguments: [Positional("person", value: "id")]),
        CommandSpelling("person.list"),
        CommandSpelling("staff.add", arguments: [Positional("id", value: "id", help: "The staff member's id, e.g. wang (no spaces).")],
                        examples: ["ltc staff add wang --role administrator --name 王科长 --actor administrator:wang   # the first, on a new database",
                                   "ltc staff add zhao --role auditor --name 赵审计 --actor administrator:wang"]),
        CommandSpelling("staff.list"),
        CommandSpelling("assessor.add",
                        examples: ["ltc assessor add --id A01 --name 李医生 --qualification medical --actor administrator:wang",
                                   "ltc assessor add --id A03 --name 王护士 --qualification care --employer I001 --actor administrator:wang",
                                   "ltc assessor add --id E01 --name 周主任 --qualification medical --expert --actor administrator:wang"]),
        CommandSpelling("assessor.list"),
    ]
}

/// `--progress` / `--no-progress` of the commands that do long work: a
/// progress line on standard error, by default only when it is a terminal.
enum ProgressSpelling {
    static let options = [
        ExtraOption("progress", help: "Show a progress line on standard error (default: only when it is a terminal)."),
        ExtraOption("no-progress", help: "Show no progress line."),
    ]

    static func enabled(_ invocation: CommandInvocation) -> Bool {
        invocation.flag("progress") || (!invocation.flag("no-progress") && isatty(STDERR_FILENO) == 1)
    }

    /// A prepare step that draws a line counting `what` as the operation reports them.
    static func counting(_ what: String) -> CommandSpelling.Prepare {
        { invocation, _ in
            let line = ProgressLine(what: what, enabled: enabled(invocation))
            invocation.progressLine = line
            for (name, attachment) in invocation.attachments {
                invocation.attachments[name] = Attachment(attachment.source, name: attachment.name, size: attachment.size) { count, _ in line.update(count: count) }
            }
        }
    }
}
